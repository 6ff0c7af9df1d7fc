import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  dockerCredentials
} from "./chunk-NUPML46M.mjs";
import {
  httpTransport
} from "./chunk-Q4HTTC5K.mjs";
import {
  repositoryHttp
} from "./chunk-RUAZ4UUQ.mjs";
import {
  parseImageReference
} from "./chunk-2PSOF6JL.mjs";

// src/oci/repository.ts
function openRepository(name, access) {
  const ref = parseImageReference(name);
  const lookup = access.credentials ?? dockerCredentials(access.dockerConfig);
  return repositoryHttp({ apiHost: ref.apiHost, repository: ref.repository, credentials: () => lookup(ref.registry) }, access.transport ?? httpTransport());
}
function sameRegistry(a, b) {
  return a.endpoint.apiHost === b.endpoint.apiHost;
}

export {
  openRepository,
  sameRegistry
};
