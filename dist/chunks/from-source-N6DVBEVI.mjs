import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  hashFile
} from "./chunk-YFCBWU4X.mjs";
import {
  UnreadableFile
} from "./chunk-TORZOQGE.mjs";
import {
  sha256Hex
} from "./chunk-LMSPCY74.mjs";
import {
  checkPin,
  readLimit
} from "./chunk-JUBMCVBR.mjs";
import {
  redactUrl
} from "./chunk-AMMJLJJB.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/prepare/from-source.ts
async function measure(candidate, file, source) {
  if ("path" in candidate.from) {
    try {
      return await hashFile(candidate.from.path, readLimit(file));
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      return new InputError(
        "source",
        {
          what: `input "source": the candidate for ${file.id} cannot be read`,
          got: error.message,
          expected: `a readable regular file with the pinned ${file.id}`,
          fix: `replace ${candidate.display} with the encoder file itself (a FIFO, device, folder or dangling symlink will not do), or remove it from ${source.path}`
        },
        { cause: error }
      );
    }
  }
  const { bytes } = candidate.from;
  if (bytes.length > readLimit(file)) return { sha256: "", size: bytes.length };
  return { sha256: sha256Hex(bytes), size: bytes.length };
}
async function fromSource(files, source, log) {
  const acquired = [];
  for (const file of files) {
    const candidates = source.candidates(file);
    if (candidates.length === 0) {
      throw new InputError("source", {
        what: `input "source" has no file for ${file.id}`,
        got: source.path,
        expected: `a file named ${[...file.sourceNames, file.cacheFile].join(" or ")} (top level or one folder down)`,
        fix: `add ${file.id} (${redactUrl(file.url)}) to the ${source.kind}, or remove its encoding from encoders`
      });
    }
    let firstProblem;
    let found;
    let shown = "";
    for (const candidate of candidates) {
      const measured = await measure(candidate, file, source);
      if (measured instanceof InputError) {
        log.warning(`source: ${candidate.display} cannot be read (${measured.problem.got ?? ""}); skipped`);
        firstProblem ??= measured;
        continue;
      }
      const problem = checkPin(file, measured, candidate.display);
      if (problem === void 0) {
        found = { file, from: candidate.from, measured, source: "source" };
        shown = candidate.display;
        break;
      }
      log.warning(`source: ${candidate.display} is not the pinned ${file.id} (${measured.sha256 === "" ? `${measured.size} bytes, too large` : `sha256 ${measured.sha256}`}); skipped`);
      firstProblem ??= problem;
    }
    if (!found) throw firstProblem ?? new Error(`internal: no candidate for ${file.id}`);
    log.info(`${file.id}: from source ${shown} (sha256 ${found.measured.sha256})`);
    acquired.push(found);
  }
  return acquired;
}
export {
  fromSource
};
