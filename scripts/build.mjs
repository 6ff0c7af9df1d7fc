// Bundles each entry (the action and the CLI) into one readable ESM file in dist/.
// Not minified, so diffs of dist/ stay reviewable and stack traces point at real names.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

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
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: false,
  sourcemap: false,
  legalComments: 'inline',
  logLevel: 'warning',
  // Some bundled dependencies are CommonJS and call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
