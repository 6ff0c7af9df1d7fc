import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/errors.ts
function describe(problem) {
  const lines = [problem.what];
  if (problem.got !== void 0) lines.push(`  got:      ${problem.got}`);
  if (problem.expected !== void 0) lines.push(`  expected: ${problem.expected}`);
  lines.push(`  fix:      ${problem.fix}`);
  return lines.join("\n");
}
var ExitCode = {
  ok: 0,
  failure: 1,
  badInput: 2,
  integrity: 3,
  network: 4,
  build: 5,
  verify: 6
};
var ActionError = class extends Error {
  problem;
  constructor(problem, options) {
    super(describe(problem), options);
    this.problem = problem;
    this.name = new.target.name;
  }
};
var InputError = class extends ActionError {
  exitCode = ExitCode.badInput;
  input;
  constructor(input, problem, options) {
    super({ ...problem, what: problem.what ?? `input "${input}" is invalid` }, options);
    this.input = input;
  }
};
var IntegrityError = class extends ActionError {
  exitCode = ExitCode.integrity;
};
var DownloadError = class extends ActionError {
  exitCode = ExitCode.network;
};
var BuildError = class extends ActionError {
  exitCode = ExitCode.build;
};
var PublishError = class extends ActionError {
  exitCode = ExitCode.build;
  tags;
  constructor(problem, tags, options) {
    super(problem, options);
    this.tags = tags;
  }
};
var VerifyError = class extends ActionError {
  exitCode = ExitCode.verify;
};
var AttestError = class extends ActionError {
  exitCode = ExitCode.verify;
};
function exitCodeOf(error) {
  return error instanceof ActionError ? error.exitCode : ExitCode.failure;
}
var DriftError = class extends IntegrityError {
  drifted;
  constructor(problem, drifted, options) {
    super(problem, options);
    this.drifted = drifted;
  }
};

export {
  describe,
  ExitCode,
  ActionError,
  InputError,
  IntegrityError,
  DownloadError,
  BuildError,
  PublishError,
  VerifyError,
  AttestError,
  exitCodeOf,
  DriftError
};
