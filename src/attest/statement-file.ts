// The Statement as a file for the job's later steps (the `attestation` output, e.g. for
// actions/attest's predicate): `<dir>/sha256-<hex>.intoto.json`, written whole (a temp name,
// then a rename), so a reader never sees half of it.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function writeStatementFile(dir: string, digest: string, statement: Buffer): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${digest.replace(':', '-')}.intoto.json`);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, statement, { mode: 0o644 });
  await rename(temp, path);
  return path;
}
