import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  ActionError,
  AttestError,
  BuildError,
  DownloadError,
  DriftError,
  ExitCode,
  InputError,
  IntegrityError,
  PublishError,
  VerifyError,
  describe,
  exitCodeOf
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  ActionError,
  AttestError,
  BuildError,
  DownloadError,
  DriftError,
  ExitCode,
  InputError,
  IntegrityError,
  PublishError,
  VerifyError,
  describe,
  exitCodeOf
};
