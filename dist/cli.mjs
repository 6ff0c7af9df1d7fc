#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/cli/run.ts
async function runCli(_argv) {
  throw new Error("not wired yet");
}

// src/entries/cli.ts
process.exitCode = await runCli(process.argv.slice(2));
