// Runs verifyImage in a child process and prints one JSON line: the verdict or the error, how
// long it took and the child's peak RSS. Bounds tests measure memory here, apart from vitest.
import { verifyImage, type VerifyTarget } from '../../src/image/verify-image.js';
import { DEFAULT_READ_LIMITS } from '../../src/oci/read-limits.js';
import { memoryLogger } from '../../src/log/logger.js';

const [targetJson, timeLimitMs] = process.argv.slice(2);
const target = JSON.parse(targetJson ?? '{}') as VerifyTarget;
const ms = Number(timeLimitMs ?? '2000');
const started = Date.now();
let out: Record<string, unknown>;
try {
  const report = await verifyImage(target, { cachePath: '/tiktoken_cache', files: [] }, {
    log: memoryLogger(),
    limits: { ...DEFAULT_READ_LIMITS, documentTimeoutMs: ms, blobTimeoutMs: () => ms },
  });
  out = { ok: report.ok, problems: report.platforms.flatMap((p) => p.problems) };
} catch (error) {
  out = { error: (error as Error).message };
}
out['ms'] = Date.now() - started;
out['maxRssMb'] = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify(out)}\n`);
process.exit(0);
