// The warm-prepare floor: a bare Node process that streams and sha256-hashes the given files,
// the least any verifying tool must do. Plain JS, no imports beyond Node's own.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

for (const path of process.argv.slice(2)) {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  process.stdout.write(`${hash.digest('hex')}  ${path}\n`);
}
