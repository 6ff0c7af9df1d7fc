// Registry credentials from a Docker CLI config.json (what `docker login` and
// docker/login-action write), for verifying a private pushed image. Pure: the entry reads the
// file and passes its text. Credential helpers (credsStore) are not consulted.

export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
}

/** Keys `docker login` may have used for this registry host. */
function keysFor(registry: string): string[] {
  if (registry === 'docker.io' || registry === 'registry-1.docker.io' || registry === 'index.docker.io') {
    return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
  }
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}

/** The credentials for `registry` (e.g. `ghcr.io`), or undefined when config.json has none for it. */
export function credentialsFromDockerConfig(configText: string, registry: string): RegistryCredentials | undefined {
  let config: { auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }> };
  try {
    config = JSON.parse(configText) as typeof config;
  } catch {
    return undefined;
  }
  for (const key of keysFor(registry)) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
  }
  return undefined;
}
