// One repository of a registry over the OCI distribution API: requests with the auth the
// registry asks for — anonymous, the Bearer token flow from `WWW-Authenticate` (with optional
// basic credentials), or plain Basic — shared by the reader (src/oci/registry-source.ts) and
// the writer (registry-write.ts). Credentials only ever go into Authorization headers; every
// URL shown to people is redacted.
import type { RegistryCredentials } from './docker-credentials.js';
import { registryScheme } from './reference.js';
import { parseChallenge, tokenUrl } from './www-authenticate.js';
import { redactUrl } from '../proxy/redact.js';
import type { HttpResponse, HttpTransport } from '../http/http-request.js';

export class RegistryFailure extends Error {
  constructor(
    message: string,
    readonly fix: string,
    options?: { cause?: unknown; status?: number; permanent?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status;
    this.permanent = options?.permanent ?? false;
  }
  /** A failure no retry can change (the credentials could not be had). */
  readonly permanent: boolean;
  /** The HTTP status, when the registry answered; undefined for a network failure. */
  readonly status: number | undefined;
  /** Worth another try: no answer, or a 5xx/429 (a registry busy with concurrent writes). */
  get transient(): boolean {
    return !this.permanent && (this.status === undefined || this.status >= 500 || this.status === 429);
  }
}

export interface RepositoryEndpoint {
  /** Host the API lives on (`registry-1.docker.io` for Docker Hub, `127.0.0.1:5000`). */
  readonly apiHost: string;
  readonly repository: string;
  readonly insecure?: boolean | undefined;
  /** Credentials, or how to get them (asked for only when the registry challenges). */
  readonly credentials?: RegistryCredentials | (() => Promise<RegistryCredentials | undefined>) | undefined;
}

export interface RegistryRequest {
  readonly method?: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH';
  readonly accept?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A Buffer can be sent again after a 401; a stream only once (authenticate first). */
  readonly body?: Buffer | AsyncIterable<Uint8Array>;
  readonly timeoutMs: number;
  /** Statuses that are an answer, not a failure (default: 2xx). */
  readonly accepted?: readonly number[];
  /** What the request is for, in error messages (`PUT manifest …:tag`). */
  readonly what?: string;
}

export interface RepositoryHttp {
  /** `http(s)://host/v2/<repository>`. */
  readonly base: string;
  readonly endpoint: RepositoryEndpoint;
  request(pathOrUrl: string, init: RegistryRequest): Promise<HttpResponse>;
}

function fixFor(status: number, method: string): string {
  if (status === 404) return 'check the image name and that it was pushed (by the digest the build printed)';
  if (status === 401 || status === 403) return method === 'GET' || method === 'HEAD' ? 'pass registry credentials with pull access (docker login)' : 'log in with push access to this repository (docker login / docker/login-action)';
  return 'retry; check the registry logs';
}

export function repositoryHttp(endpoint: RepositoryEndpoint, transport: HttpTransport): RepositoryHttp {
  const base = `${registryScheme(endpoint.apiHost, endpoint.insecure ?? false)}://${endpoint.apiHost}/v2/${endpoint.repository}`;
  let basicHeader: Promise<string | undefined> | undefined;
  let authorization: string | undefined;

  /** `Basic …` from the credentials, resolved once, on the first challenge. */
  function basicAuth(): Promise<string | undefined> {
    basicHeader ??= (async () => {
      const given = endpoint.credentials;
      let credentials: RegistryCredentials | undefined;
      try {
        credentials = typeof given === 'function' ? await given() : given;
      } catch (error) {
        throw new RegistryFailure(
          `cannot get the credentials for ${endpoint.apiHost} from the Docker config: ${(error as Error).message}`,
          'check credsStore/credHelpers in config.json (DOCKER_CONFIG) and that the docker-credential-* program is on PATH, or log in again',
          { cause: error, permanent: true },
        );
      }
      return credentials ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` : undefined;
    })();
    return basicHeader;
  }

  async function authenticate(challengeHeader: string | null, url: string, timeoutMs: number, sent: string | undefined): Promise<boolean> {
    const challenge = challengeHeader ? parseChallenge(challengeHeader) : undefined;
    if (challenge?.scheme !== 'basic' && challenge?.scheme !== 'bearer') return false;
    const basic = await basicAuth();
    if (challenge?.scheme === 'basic') {
      if (!basic || sent === basic) return false;
      authorization = basic;
      return true;
    }
    if (challenge?.scheme !== 'bearer') return false;
    const from = tokenUrl(challenge, endpoint.repository);
    if (!from) return false;
    const response = await transport(from, { headers: basic ? { authorization: basic } : {}, signal: AbortSignal.timeout(timeoutMs) }).catch((error: unknown) => {
      throw new RegistryFailure(`cannot reach the token service ${redactUrl(from)} for ${redactUrl(url)}: ${String(error)}`, 'check the network path to the registry', { cause: error });
    });
    if (!response.ok) {
      await response.discard();
      throw new RegistryFailure(`the token service ${redactUrl(from)} answered HTTP ${response.status}`, basic ? 'check the registry username and password (or token)' : 'pass registry credentials: the image is not public', { status: response.status });
    }
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryFailure(`the token service ${redactUrl(from)} returned no token`, 'check the registry credentials');
    const next = `Bearer ${token}`;
    authorization = next;
    return next !== sent;
  }

  async function request(pathOrUrl: string, init: RegistryRequest): Promise<HttpResponse> {
    const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${base}${pathOrUrl}`;
    const method = init.method ?? 'GET';
    const what = init.what ?? `${method} ${redactUrl(url)}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.accept) headers['accept'] = init.accept;
      if (authorization) headers['authorization'] = authorization;
      let response: HttpResponse;
      try {
        response = await transport(url, { method, headers, ...(init.body ? { body: init.body } : {}), signal: AbortSignal.timeout(init.timeoutMs) });
      } catch (error) {
        throw new RegistryFailure(`cannot reach the registry at ${redactUrl(url)} (${what}): ${String(error)}`, 'check that the registry is up and reachable (and whether it needs https or insecure: true)', { cause: error });
      }
      const resendable = init.body === undefined || Buffer.isBuffer(init.body);
      // A concurrent request may have authenticated meanwhile: then just send again with that.
      const refreshed = response.status === 401 && resendable && authorization !== undefined && headers['authorization'] !== authorization;
      if (response.status === 401 && resendable && (refreshed || (await authenticate(response.headers.get('www-authenticate'), url, init.timeoutMs, headers['authorization'])))) {
        await response.discard();
        continue;
      }
      if (!response.ok && !(init.accepted ?? []).includes(response.status)) {
        const detail = method === 'HEAD' ? '' : (await response.text().catch(() => '')).slice(0, 300).trim();
        throw new RegistryFailure(`${what} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`, fixFor(response.status, method), { status: response.status });
      }
      return response;
    }
    throw new RegistryFailure(`${what} kept answering 401 after authenticating`, 'check the registry credentials and that they may access this repository', { status: 401 });
  }

  return { base, endpoint, request };
}
