// Credentials for reading a pushed image back during verification, from the Docker client's
// config (what docker/login-action writes): `auths[host].auth` = base64(user:password).
// Pure: the entry reads the file; credential helpers (credsStore) are not consulted.

interface DockerConfig {
  readonly auths?: Readonly<Record<string, { readonly auth?: string; readonly username?: string; readonly password?: string }>>;
}

const HUB_KEYS = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];

function keysFor(registry: string): string[] {
  if (registry === 'docker.io') return HUB_KEYS;
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}

export function registryCredentials(configJson: string | undefined, registry: string): { username: string; password: string } | undefined {
  if (!configJson) return undefined;
  let config: DockerConfig;
  try {
    config = JSON.parse(configJson) as DockerConfig;
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
