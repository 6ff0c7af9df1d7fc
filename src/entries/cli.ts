#!/usr/bin/env node
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../cli/run.js';

process.exitCode = await runCli(process.argv.slice(2), { toolDir: dirname(fileURLToPath(import.meta.url)) });
