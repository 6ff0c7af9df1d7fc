// Registry credentials the way the Docker CLI finds them, the one way every registry call of
// ours finds them (verify, publish/tagging, merge, base-platform checks, the registry engine,
// cache-image): a `credHelpers` entry for the host, else the `credsStore`, else `auths` in
// config.json (what `docker login` and docker/login-action write). A helper is the program
// `docker-credential-<name>` on PATH, run as `get` with the server URL on stdin; it prints
// {"ServerURL","Username","Secret"}. Nothing it prints reaches a log: a failure says which
// helper and its exit status only. The entry reads config.json and passes its text.
import { spawn } from 'node:child_process';

export class CredentialHelperError extends Error {}

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


/** Runs `docker-credential-<helper> get` with `serverUrl` on stdin; resolves its stdout, or undefined for "not found". */
export type HelperRunner = (helper: string, serverUrl: string) => Promise<string | undefined>;

const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const HELPER_TIMEOUT_MS = 30_000;

export function spawnHelper(env?: NodeJS.ProcessEnv): HelperRunner {
  return (helper, serverUrl) =>
    new Promise((resolve, reject) => {
      const program = `docker-credential-${helper}`;
      const child = spawn(program, ['get'], { stdio: ['pipe', 'pipe', 'pipe'], timeout: HELPER_TIMEOUT_MS, ...(env ? { env } : {}) });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', (error) => reject(new CredentialHelperError(`cannot run ${program} (${(error as NodeJS.ErrnoException).code ?? error.message}): is it installed and on PATH?`)));
      child.on('close', (code) => {
        const stdout = Buffer.concat(out).toString('utf8');
        // The helpers' protocol: "credentials not found" on stdout or stderr with a non-zero exit.
        if (code !== 0 && /credentials not found/i.test(stdout + Buffer.concat(err).toString('utf8'))) return resolve(undefined);
        if (code !== 0) return reject(new CredentialHelperError(`${program} get exited ${code ?? 'on a signal'}`));
        resolve(stdout);
      });
      child.stdin.end(serverUrl);
    });
}

interface DockerConfig {
  readonly credsStore?: unknown;
  readonly credHelpers?: Record<string, unknown>;
}

/** The server URL a helper is asked for: Docker Hub's legacy URL, else the host as written. */
function serverUrlFor(registry: string): string {
  return registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io' ? 'https://index.docker.io/v1/' : registry;
}

function helperFor(config: DockerConfig, registry: string): string | undefined {
  const helpers = config.credHelpers ?? {};
  for (const key of [registry, `https://${registry}`, `http://${registry}`, serverUrlFor(registry)]) {
    const name = helpers[key];
    if (typeof name === 'string' && name !== '') return name;
  }
  return typeof config.credsStore === 'string' && config.credsStore !== '' ? config.credsStore : undefined;
}

/** The credentials for `registry` from a Docker config's text, asking a helper when it names one. */
export async function resolveCredentials(configText: string | undefined, registry: string, run: HelperRunner = spawnHelper()): Promise<RegistryCredentials | undefined> {
  if (!configText) return undefined;
  let config: DockerConfig;
  try {
    config = JSON.parse(configText) as DockerConfig;
  } catch {
    return undefined;
  }
  const helper = helperFor(config, registry);
  if (helper !== undefined) {
    if (!HELPER_NAME.test(helper)) throw new CredentialHelperError(`the Docker config names the credential helper "${helper}", which is not a program name`);
    const stdout = await run(helper, serverUrlFor(registry));
    if (stdout !== undefined) {
      let parsed: { Username?: unknown; Secret?: unknown };
      try {
        parsed = JSON.parse(stdout) as typeof parsed;
      } catch {
        throw new CredentialHelperError(`docker-credential-${helper} get printed something that is not JSON`);
      }
      if (typeof parsed.Username === 'string' && typeof parsed.Secret === 'string' && parsed.Secret !== '') {
        // "<token>" means an identity token (an OAuth2 refresh token); registries take it as the password of the token flow.
        return { username: parsed.Username, password: parsed.Secret };
      }
      throw new CredentialHelperError(`docker-credential-${helper} get answered without Username and Secret`);
    }
  }
  return credentialsFromDockerConfig(configText, registry);
}

/** The credentials for one registry host (`ghcr.io`, `127.0.0.1:5000`), or undefined for anonymous access. */
export type CredentialLookup = (registry: string) => Promise<RegistryCredentials | undefined>;

const lookups = new Map<string, CredentialLookup>();

/**
 * The lookup for a Docker config's text, shared by every registry call of a run: each registry's
 * answer (a helper run, or auths) is asked for once, when a registry first asks for credentials.
 */
export function dockerCredentials(configText: string | undefined, run?: HelperRunner): CredentialLookup {
  if (!configText) return async () => undefined;
  const known = run === undefined ? lookups.get(configText) : undefined;
  if (known) return known;
  const answers = new Map<string, Promise<RegistryCredentials | undefined>>();
  const lookup: CredentialLookup = (registry) => {
    let answer = answers.get(registry);
    if (!answer) {
      answer = resolveCredentials(configText, registry, run);
      answers.set(registry, answer);
    }
    return answer;
  };
  if (run === undefined) lookups.set(configText, lookup);
  return lookup;
}
