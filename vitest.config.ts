import { defineConfig } from 'vitest/config';
import { actionInputDocs } from './scripts/action-inputs.mjs';

// The CLI's help reads action.yml's inputs from a build-time constant (src/cli/action-inputs.ts).
const define = { __ACTION_INPUTS__: JSON.stringify(JSON.stringify(actionInputDocs())) };

// Three suites: fast pure tests, integration against real loopback servers (HTTP mirror,
// cache service, proxy), and end-to-end against a real Docker engine and registry.
export default defineConfig({
  test: {
    projects: [
      {
        define,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 10_000,
        },
      },
      {
        define,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        define,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 900_000,
          hookTimeout: 1_800_000,
        },
      },
    ],
  },
});
