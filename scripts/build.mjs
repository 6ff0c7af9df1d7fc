// Bundles each entry (the action and the CLI) into a readable ESM file in dist/, plus shared
// chunks in dist/chunks/.
// Not minified, so diffs of dist/ stay reviewable and stack traces point at real names.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { actionInputDocs } from './action-inputs.mjs';

const entries = {
  action: 'src/entries/action.ts',
  cli: 'src/entries/cli.ts',
};

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: entries,
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // Steps a run may not need (downloads, buildx, reading images, the Actions cache client) are
  // imported lazily; splitting puts them in chunks a warm prepare never parses.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: false,
  sourcemap: false,
  legalComments: 'inline',
  logLevel: 'warning',
  // The CLI's help text comes from action.yml (src/cli/action-inputs.ts).
  define: { __ACTION_INPUTS__: JSON.stringify(actionInputDocs()) },
  // Some bundled dependencies are CommonJS and call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
