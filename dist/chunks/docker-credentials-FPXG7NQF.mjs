import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  CredentialHelperError,
  credentialsFromDockerConfig,
  dockerCredentials,
  resolveCredentials,
  spawnHelper
} from "./chunk-NUPML46M.mjs";
import "./chunk-JVZTSKKL.mjs";
export {
  CredentialHelperError,
  credentialsFromDockerConfig,
  dockerCredentials,
  resolveCredentials,
  spawnHelper
};
