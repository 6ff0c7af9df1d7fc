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
} from "./chunk-UI6KUO64.mjs";
import "./chunk-HPCM2IMK.mjs";
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
