// A repository by name (`ghcr.io/org/one-api`, `127.0.0.1:5000/x`) → its HTTP client, with the
// credentials `docker login` stored for that registry (the same config the verifier reads).
import { credentialsFromDockerConfig } from './docker-config-auth.js';
import { parseImageReference } from './reference.js';
import { repositoryHttp, type RepositoryHttp } from './registry-http.js';

export interface RegistryAccess {
  /** The Docker client config's text (auths), if any. */
  readonly dockerConfig?: string | undefined;
  readonly fetch?: typeof fetch | undefined;
}

export function openRepository(name: string, access: RegistryAccess): RepositoryHttp {
  const ref = parseImageReference(name);
  const credentials = access.dockerConfig ? credentialsFromDockerConfig(access.dockerConfig, ref.registry) : undefined;
  return repositoryHttp({ apiHost: ref.apiHost, repository: ref.repository, ...(credentials ? { credentials } : {}) }, access.fetch ?? fetch);
}

/** Same registry host: blobs can be mounted across its repositories. */
export function sameRegistry(a: RepositoryHttp, b: RepositoryHttp): boolean {
  return a.endpoint.apiHost === b.endpoint.apiHost;
}
