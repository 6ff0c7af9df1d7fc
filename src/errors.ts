// Every error the action reports on purpose. Each says what failed, the bad value, what was
// expected and what to do; the text is built here, in one place, by `describe`.

export interface Problem {
  /** What failed, e.g. `input "platforms"` or `cl100k_base (https://…)`. */
  readonly what: string;
  /** The offending value, already free of secrets. Omitted when there is none to show. */
  readonly got?: string;
  readonly expected?: string;
  /** What the user should do about it. */
  readonly fix: string;
}

export function describe(problem: Problem): string {
  const lines = [problem.what];
  if (problem.got !== undefined) lines.push(`  got:      ${problem.got}`);
  if (problem.expected !== undefined) lines.push(`  expected: ${problem.expected}`);
  lines.push(`  fix:      ${problem.fix}`);
  return lines.join('\n');
}

export const ExitCode = {
  ok: 0,
  failure: 1,
  badInput: 2,
  integrity: 3,
  network: 4,
  build: 5,
  verify: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base class: anything the action reports without a stack trace. */
export abstract class ActionError extends Error {
  abstract readonly exitCode: ExitCode;
  readonly problem: Problem;
  constructor(problem: Problem, options?: { cause?: unknown }) {
    super(describe(problem), options);
    this.problem = problem;
    this.name = new.target.name;
  }
}

/** An input is malformed; raised before anything touches the network or Docker. */
export class InputError extends ActionError {
  readonly exitCode = ExitCode.badInput;
  readonly input: string;
  constructor(input: string, problem: Omit<Problem, 'what'> & { what?: string }, options?: { cause?: unknown }) {
    super({ ...problem, what: problem.what ?? `input "${input}" is invalid` }, options);
    this.input = input;
  }
}

/** Bytes did not match their pin (size or sha256). The bytes are never kept. */
export class IntegrityError extends ActionError {
  readonly exitCode = ExitCode.integrity;
}

/** A download failed after its retries: HTTP status, reset, timeout, size cap. */
export class DownloadError extends ActionError {
  readonly exitCode = ExitCode.network;
}

/** docker buildx (or imagetools) failed; the problem carries buildx's own message. */
export class BuildError extends ActionError {
  readonly exitCode = ExitCode.build;
}

/**
 * A verified image could not be tagged (the registry refused a tag push, or a local tag failed).
 * Carries which tags exist, so the outputs can say so; the verified digest is in the outputs.
 */
export class PublishError extends ActionError {
  readonly exitCode = ExitCode.build;
  readonly tags: ReadonlyArray<{ readonly ref: string; readonly where: 'registry' | 'local' | 'archive'; readonly published: boolean; readonly reason?: string }>;
  constructor(problem: Problem, tags: PublishError['tags'], options?: { cause?: unknown }) {
    super(problem, options);
    this.tags = tags;
  }
}

/** A built image failed offline verification on at least one platform. */
export class VerifyError extends ActionError {
  readonly exitCode = ExitCode.verify;
}

/**
 * The encoder-cache attestation could not be made, signed, attached or checked (src/attest/).
 * Exit 6 with verification's failures: a proof that does not travel is a proof missing. The
 * text never holds the signing key or its password.
 */
export class AttestError extends ActionError {
  readonly exitCode = ExitCode.verify;
}

/** Exit code for anything thrown: ours carry one, the rest are plain failures. */
export function exitCodeOf(error: unknown): ExitCode {
  return error instanceof ActionError ? error.exitCode : ExitCode.failure;
}

/** One file whose upstream bytes no longer match its pin, as a refresh found it. */
export interface DriftedFile {
  readonly id: string;
  readonly url: string;
  /** Where the bytes were downloaded from (redacted). */
  readonly from: string;
  readonly expected: { readonly sha256: string; readonly size?: number };
  /** What was served now; absent when that file's download failed (then `error` says why). */
  readonly actual?: { readonly sha256: string; readonly size: number };
  readonly error?: string;
}

/**
 * A refresh (`refresh: true`) found upstream bytes that no longer match the pins. An
 * IntegrityError (nothing was kept) that also carries the drift report, so the entry can set
 * `drift=true` and put `drifted` in the job summary before failing.
 */
export class DriftError extends IntegrityError {
  readonly drifted: readonly DriftedFile[];
  constructor(problem: Problem, drifted: readonly DriftedFile[], options?: { cause?: unknown }) {
    super(problem, options);
    this.drifted = drifted;
  }
}
