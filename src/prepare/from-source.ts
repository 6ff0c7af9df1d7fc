// Every file from a local `source`, exclusively: a file missing there is an input error, bad
// bytes are an integrity error; the network and the caches are never consulted.
import { sha256Hex } from '../oci/digest.js';
import { redactUrl } from '../proxy/redact.js';
import { InputError } from '../errors.js';
import { checkPin, readLimit, type Measured } from '../encoders/check-pin.js';
import { hashFile } from '../encoders/hash-file.js';
import { UnreadableFile } from '../encoders/regular-file.js';
import type { LocalSource, SourceCandidate } from '../encoders/local-source.js';
import type { SelectedFile } from '../encoders/selection.js';
import type { Logger } from '../log/logger.js';
import type { CheckedBytes } from './acquired.js';

/** The candidate's size and hash, or the InputError that says why it cannot be read. */
async function measure(candidate: SourceCandidate, file: SelectedFile, source: LocalSource): Promise<Measured | InputError> {
  if ('path' in candidate.from) {
    try {
      return await hashFile(candidate.from.path, readLimit(file));
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      return new InputError(
        'source',
        {
          what: `input "source": the candidate for ${file.id} cannot be read`,
          got: error.message,
          expected: `a readable regular file with the pinned ${file.id}`,
          fix: `replace ${candidate.display} with the encoder file itself (a FIFO, device, folder or dangling symlink will not do), or remove it from ${source.path}`,
        },
        { cause: error },
      );
    }
  }
  const { bytes } = candidate.from;
  // A tarball member is held up to the limit + 1 bytes (tar-entries.ts): more means too large.
  if (bytes.length > readLimit(file)) return { sha256: '', size: bytes.length };
  return { sha256: sha256Hex(bytes), size: bytes.length };
}

export async function fromSource(files: readonly SelectedFile[], source: LocalSource, log: Logger): Promise<CheckedBytes[]> {
  const acquired: CheckedBytes[] = [];
  for (const file of files) {
    const candidates = source.candidates(file);
    if (candidates.length === 0) {
      throw new InputError('source', {
        what: `input "source" has no file for ${file.id}`,
        got: source.path,
        expected: `a file named ${[...file.sourceNames, file.cacheFile].join(' or ')} (top level or one folder down)`,
        fix: `add ${file.id} (${redactUrl(file.url)}) to the ${source.kind}, or remove its encoding from encoders`,
      });
    }
    let firstProblem: Error | undefined;
    let found: CheckedBytes | undefined;
    let shown = '';
    for (const candidate of candidates) {
      const measured = await measure(candidate, file, source);
      if (measured instanceof InputError) {
        log.warning(`source: ${candidate.display} cannot be read (${measured.problem.got ?? ''}); skipped`);
        firstProblem ??= measured;
        continue;
      }
      const problem = checkPin(file, measured, candidate.display);
      if (problem === undefined) {
        found = { file, from: candidate.from, measured, source: 'source' };
        shown = candidate.display;
        break;
      }
      log.warning(`source: ${candidate.display} is not the pinned ${file.id} (${measured.sha256 === '' ? `${measured.size} bytes, too large` : `sha256 ${measured.sha256}`}); skipped`);
      firstProblem ??= problem;
    }
    if (!found) throw firstProblem ?? new Error(`internal: no candidate for ${file.id}`);
    log.info(`${file.id}: from source ${shown} (sha256 ${found.measured.sha256})`);
    acquired.push(found);
  }
  return acquired;
}
