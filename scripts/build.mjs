// Bundles each entry (the action and the CLI) into a readable ESM file in dist/, plus shared
// chunks in dist/chunks/.
// Not minified, so diffs of dist/ stay reviewable and stack traces point at real names.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { actionInputDocs } from './action-inputs.mjs';

/**
 * @actions/core's index imports its OIDC client (and with it @actions/http-client and undici,
 * 830 KB) and `platform` (@actions/exec) when it loads, for getIDToken() and platform, which
 * nothing here calls. Its modules do nothing when they load but define things, so they are
 * marked free of side effects: esbuild then drops the ones no code uses, and a warm prepare
 * never parses the HTTP stack (test/integration/warm-modules.test.ts holds this).
 */
const coreWithoutSideEffects = {
  name: 'actions-core-side-effect-free',
  setup(b) {
    b.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]@actions[\\/]core[\\/]lib[\\/][\w-]+\.js$/.test(args.importer)) return undefined;
      return { path: join(dirname(args.importer), args.path), sideEffects: false };
    });
  },
};

const common = {
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
  plugins: [coreWithoutSideEffects],
  // Some bundled dependencies are CommonJS and call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};

await rm('dist', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { action: 'src/entries/action.ts', cli: 'src/entries/cli.ts' },
  // The CLI's help text comes from action.yml (src/cli/action-inputs.ts). A string, not an
  // object literal: esbuild injects an object define as a module every module initialises.
  define: { __ACTION_INPUTS__: JSON.stringify(JSON.stringify(actionInputDocs())) },
});
