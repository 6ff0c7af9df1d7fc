// The warm-prepare floor: a bare Node process doing the least any verifying tool must do for
// the same files: read each once, sha256 it and write it out (to `--out DIR`, named as the
// source file) in one pass. Plain JS, no imports beyond Node's own.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

const args = process.argv.slice(2);
const at = args.indexOf('--out');
const out = at >= 0 ? args.splice(at, 2)[1] : undefined;
for (const path of args) {
  const hash = createHash('sha256');
  const hashing = async function* (chunks) {
    for await (const chunk of chunks) {
      hash.update(chunk);
      yield chunk;
    }
  };
  if (out === undefined) for await (const chunk of hashing(createReadStream(path))) void chunk;
  else await pipeline(createReadStream(path), hashing, createWriteStream(join(out, basename(path)), { flags: 'wx' }));
  process.stdout.write(`${hash.digest('hex')}  ${path}\n`);
}
