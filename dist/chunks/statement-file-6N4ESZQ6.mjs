import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import "./chunk-JVZTSKKL.mjs";

// src/attest/statement-file.ts
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
async function writeStatementFile(dir, digest, statement) {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${digest.replace(":", "-")}.intoto.json`);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, statement, { mode: 420 });
  await rename(temp, path);
  return path;
}
export {
  writeStatementFile
};
