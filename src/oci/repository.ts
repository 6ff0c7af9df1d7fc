// A repository by name (`ghcr.io/org/one-api`, `127.0.0.1:5000/x`) → its HTTP client, with the
// credentials the Docker config gives that registry (auths, credsStore, credHelpers), looked
// up the one way (docker-credentials.ts) when the registry first asks.
import { dockerCredentials, type CredentialLookup } from './docker-credentials.js';
import { parseImageReference } from './reference.js';
import { repositoryHttp, type RepositoryHttp } from './registry-http.js';
import { httpTransport, type HttpTransport } from '../http/http-request.js';

export interface RegistryAccess {
  /** The Docker client config's text (auths, credsStore, credHelpers), if any. */
  readonly dockerConfig?: string | undefined;
  /** How to get credentials; default: from `dockerConfig`. */
  readonly credentials?: CredentialLookup | undefined;
  readonly transport?: HttpTransport | undefined;
}

export function openRepository(name: string, access: RegistryAccess): RepositoryHttp {
  const ref = parseImageReference(name);
  const lookup = access.credentials ?? dockerCredentials(access.dockerConfig);
  return repositoryHttp({ apiHost: ref.apiHost, repository: ref.repository, credentials: () => lookup(ref.registry) }, access.transport ?? httpTransport());
}

/** Same registry host: blobs can be mounted across its repositories. */
export function sameRegistry(a: RepositoryHttp, b: RepositoryHttp): boolean {
  return a.endpoint.apiHost === b.endpoint.apiHost;
}
