import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  registryScheme
} from "./chunk-2PSOF6JL.mjs";
import {
  redactUrl
} from "./chunk-AMMJLJJB.mjs";

// src/oci/www-authenticate.ts
function parseChallenge(header) {
  const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(header);
  if (!match) return void 0;
  const params = {};
  const re = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (let m = re.exec(match[2] ?? ""); m; m = re.exec(match[2] ?? "")) {
    params[(m[1] ?? "").toLowerCase()] = (m[2] ?? m[3] ?? "").replace(/\\(.)/g, "$1");
  }
  return { scheme: (match[1] ?? "").toLowerCase(), params };
}
function tokenUrl(challenge, repository) {
  const realm = challenge.params["realm"];
  if (!realm) return void 0;
  const url = new URL(realm);
  if (challenge.params["service"]) url.searchParams.set("service", challenge.params["service"]);
  url.searchParams.set("scope", challenge.params["scope"] ?? `repository:${repository}:pull`);
  return url.toString();
}

// src/oci/registry-http.ts
var RegistryFailure = class extends Error {
  constructor(message, fix, options) {
    super(message, options?.cause === void 0 ? void 0 : { cause: options.cause });
    this.fix = fix;
    this.status = options?.status;
    this.permanent = options?.permanent ?? false;
  }
  fix;
  /** A failure no retry can change (the credentials could not be had). */
  permanent;
  /** The HTTP status, when the registry answered; undefined for a network failure. */
  status;
  /** Worth another try: no answer, or a 5xx/429 (a registry busy with concurrent writes). */
  get transient() {
    return !this.permanent && (this.status === void 0 || this.status >= 500 || this.status === 429);
  }
};
function fixFor(status, method) {
  if (status === 404) return "check the image name and that it was pushed (by the digest the build printed)";
  if (status === 401 || status === 403) return method === "GET" || method === "HEAD" ? "pass registry credentials with pull access (docker login)" : "log in with push access to this repository (docker login / docker/login-action)";
  return "retry; check the registry logs";
}
function repositoryHttp(endpoint, transport) {
  const base = `${registryScheme(endpoint.apiHost, endpoint.insecure ?? false)}://${endpoint.apiHost}/v2/${endpoint.repository}`;
  let basicHeader;
  let authorization;
  function basicAuth() {
    basicHeader ??= (async () => {
      const given = endpoint.credentials;
      let credentials;
      try {
        credentials = typeof given === "function" ? await given() : given;
      } catch (error) {
        throw new RegistryFailure(
          `cannot get the credentials for ${endpoint.apiHost} from the Docker config: ${error.message}`,
          "check credsStore/credHelpers in config.json (DOCKER_CONFIG) and that the docker-credential-* program is on PATH, or log in again",
          { cause: error, permanent: true }
        );
      }
      return credentials ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}` : void 0;
    })();
    return basicHeader;
  }
  async function authenticate(challengeHeader, url, timeoutMs, sent) {
    const challenge = challengeHeader ? parseChallenge(challengeHeader) : void 0;
    if (challenge?.scheme !== "basic" && challenge?.scheme !== "bearer") return false;
    const basic = await basicAuth();
    if (challenge?.scheme === "basic") {
      if (!basic || sent === basic) return false;
      authorization = basic;
      return true;
    }
    if (challenge?.scheme !== "bearer") return false;
    const from = tokenUrl(challenge, endpoint.repository);
    if (!from) return false;
    const response = await transport(from, { headers: basic ? { authorization: basic } : {}, signal: AbortSignal.timeout(timeoutMs) }).catch((error) => {
      throw new RegistryFailure(`cannot reach the token service ${redactUrl(from)} for ${redactUrl(url)}: ${String(error)}`, "check the network path to the registry", { cause: error });
    });
    if (!response.ok) {
      await response.discard();
      throw new RegistryFailure(`the token service ${redactUrl(from)} answered HTTP ${response.status}`, basic ? "check the registry username and password (or token)" : "pass registry credentials: the image is not public", { status: response.status });
    }
    const body = await response.json();
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryFailure(`the token service ${redactUrl(from)} returned no token`, "check the registry credentials");
    const next = `Bearer ${token}`;
    authorization = next;
    return next !== sent;
  }
  async function request(pathOrUrl, init) {
    const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${base}${pathOrUrl}`;
    const method = init.method ?? "GET";
    const what = init.what ?? `${method} ${redactUrl(url)}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const headers = { ...init.headers };
      if (init.accept) headers["accept"] = init.accept;
      if (authorization) headers["authorization"] = authorization;
      let response;
      try {
        response = await transport(url, { method, headers, ...init.body ? { body: init.body } : {}, signal: AbortSignal.timeout(init.timeoutMs) });
      } catch (error) {
        throw new RegistryFailure(`cannot reach the registry at ${redactUrl(url)} (${what}): ${String(error)}`, "check that the registry is up and reachable (and whether it needs https or insecure: true)", { cause: error });
      }
      const resendable = init.body === void 0 || Buffer.isBuffer(init.body);
      const refreshed = response.status === 401 && resendable && authorization !== void 0 && headers["authorization"] !== authorization;
      if (response.status === 401 && resendable && (refreshed || await authenticate(response.headers.get("www-authenticate"), url, init.timeoutMs, headers["authorization"]))) {
        await response.discard();
        continue;
      }
      if (!response.ok && !(init.accepted ?? []).includes(response.status)) {
        const detail = method === "HEAD" ? "" : (await response.text().catch(() => "")).slice(0, 300).trim();
        throw new RegistryFailure(`${what} answered HTTP ${response.status}${detail ? `: ${detail}` : ""}`, fixFor(response.status, method), { status: response.status });
      }
      return response;
    }
    throw new RegistryFailure(`${what} kept answering 401 after authenticating`, "check the registry credentials and that they may access this repository", { status: 401 });
  }
  return { base, endpoint, request };
}

export {
  RegistryFailure,
  repositoryHttp
};
