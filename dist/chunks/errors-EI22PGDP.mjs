import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  ActionError,
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
} from "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  ActionError,
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
