import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  repositoryHttp
} from "./chunk-BY6YCJFC.mjs";
import {
  httpTransport
} from "./chunk-27QDF7PS.mjs";
import {
  dockerCredentials
} from "./chunk-NUPML46M.mjs";
import {
  parseImageReference
} from "./chunk-NVZCJQUL.mjs";

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
