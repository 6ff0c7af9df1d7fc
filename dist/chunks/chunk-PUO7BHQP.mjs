import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  redactUrl
} from "./chunk-H7YIB6DC.mjs";
import {
  init_define_ACTION_INPUTS
} from "./chunk-HPCM2IMK.mjs";

// src/image/image-reference.ts
init_define_ACTION_INPUTS();
var DIGEST = /^sha256:[0-9a-f]{64}$/;
var TAG = /^[\w][\w.-]{0,127}$/;
var REPOSITORY = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
function parseImageReference(reference) {
  let rest = reference.trim();
  let digest;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new Error(`"${digest}" is not a sha256 digest (sha256:<64 hex>)`);
  }
  let tag;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new Error(`"${tag}" is not a valid tag`);
  }
  const slash = rest.indexOf("/");
  const first = slash === -1 ? "" : rest.slice(0, slash);
  const hasHost = first !== "" && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = hasHost ? first : "docker.io";
  let repository = hasHost ? rest.slice(slash + 1) : rest;
  if (registry === "docker.io" && !repository.includes("/")) repository = `library/${repository}`;
  if (!REPOSITORY.test(repository)) throw new Error(`"${repository}" is not a valid repository name`);
  return {
    registry,
    apiHost: registry === "docker.io" ? "registry-1.docker.io" : registry,
    repository,
    ...tag === void 0 && digest === void 0 ? { tag: "latest" } : {},
    ...tag !== void 0 ? { tag } : {},
    ...digest !== void 0 ? { digest } : {}
  };
}
function registryScheme(apiHost, insecure) {
  const host = apiHost.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  const loopback = host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
  return loopback || insecure ? "http" : "https";
}
function manifestReference(ref) {
  return ref.digest ?? ref.tag ?? "latest";
}

// src/image/media-types.ts
init_define_ACTION_INPUTS();
var MediaType = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json"
};
var MANIFEST_ACCEPT = [MediaType.ociIndex, MediaType.dockerList, MediaType.ociManifest, MediaType.dockerManifest].join(", ");
function manifestKind(mediaType, json) {
  const type = (mediaType ?? "").split(";")[0]?.trim();
  if (type === MediaType.ociIndex || type === MediaType.dockerList) return "index";
  if (type === MediaType.ociManifest || type === MediaType.dockerManifest) return "manifest";
  if (json && typeof json === "object") {
    if (Array.isArray(json.manifests)) return "index";
    if (Array.isArray(json.layers)) return "manifest";
  }
  return void 0;
}
function isAttestation(descriptor) {
  if (descriptor.annotations?.["vnd.docker.reference.type"] === "attestation-manifest") return true;
  return descriptor.platform?.os === "unknown" && descriptor.platform.architecture === "unknown";
}
function platformName(platform) {
  if (!platform) return "unknown/unknown";
  return [platform.os, platform.architecture, platform.variant].filter((p) => p !== void 0 && p !== "").join("/");
}
function layerCompression(mediaType) {
  if (/\.tar\+gzip$|\.tar\.gzip$|rootfs\.diff\.tar\.gzip$/.test(mediaType)) return "gzip";
  if (/\.tar\+zstd$|\.tar\.zstd$/.test(mediaType)) return "zstd";
  if (/\.tar$/.test(mediaType)) return "none";
  return "unknown";
}
function parseManifest(bytes, mediaType, what) {
  let json;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new Error(`${what} is not JSON`, { cause: error });
  }
  const kind = manifestKind(mediaType ?? json.mediaType, json);
  if (kind === "index" && Array.isArray(json.manifests)) return { kind, doc: json };
  if (kind === "manifest" && Array.isArray(json.layers) && json.config) {
    return { kind, doc: json };
  }
  throw new Error(`${what} is neither an OCI/Docker image index nor an image manifest (media type ${mediaType ?? "none"})`);
}
var BlobMediaType = {
  ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json"
};

// src/oci/registry-http.ts
init_define_ACTION_INPUTS();

// src/image/www-authenticate.ts
init_define_ACTION_INPUTS();
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
  }
  fix;
  /** The HTTP status, when the registry answered; undefined for a network failure. */
  status;
  /** Worth another try: no answer, or a 5xx/429 (a registry busy with concurrent writes). */
  get transient() {
    return this.status === void 0 || this.status >= 500 || this.status === 429;
  }
};
function fixFor(status, method) {
  if (status === 404) return "check the image name and that it was pushed (by the digest the build printed)";
  if (status === 401 || status === 403) return method === "GET" || method === "HEAD" ? "pass registry credentials with pull access (docker login)" : "log in with push access to this repository (docker login / docker/login-action)";
  return "retry; check the registry logs";
}
function repositoryHttp(endpoint, fetchImpl) {
  const base = `${registryScheme(endpoint.apiHost, endpoint.insecure ?? false)}://${endpoint.apiHost}/v2/${endpoint.repository}`;
  const basic = endpoint.credentials ? `Basic ${Buffer.from(`${endpoint.credentials.username}:${endpoint.credentials.password}`).toString("base64")}` : void 0;
  let authorization;
  async function authenticate(challengeHeader, url, timeoutMs, sent) {
    const challenge = challengeHeader ? parseChallenge(challengeHeader) : void 0;
    if (challenge?.scheme === "basic") {
      if (!basic || sent === basic) return false;
      authorization = basic;
      return true;
    }
    if (challenge?.scheme !== "bearer") return false;
    const from = tokenUrl(challenge, endpoint.repository);
    if (!from) return false;
    const response = await fetchImpl(from, { headers: basic ? { authorization: basic } : {}, signal: AbortSignal.timeout(timeoutMs) }).catch((error) => {
      throw new RegistryFailure(`cannot reach the token service ${redactUrl(from)} for ${redactUrl(url)}: ${String(error)}`, "check the network path to the registry", { cause: error });
    });
    if (!response.ok) {
      await response.body?.cancel();
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
        response = await fetchImpl(url, {
          method,
          headers,
          ...init.body ? { body: init.body, duplex: "half" } : {},
          signal: AbortSignal.timeout(init.timeoutMs)
        });
      } catch (error) {
        throw new RegistryFailure(`cannot reach the registry at ${redactUrl(url)} (${what}): ${String(error.cause ?? error)}`, "check that the registry is up and reachable (and whether it needs https or insecure: true)", { cause: error });
      }
      const resendable = init.body === void 0 || Buffer.isBuffer(init.body);
      const refreshed = response.status === 401 && resendable && authorization !== void 0 && headers["authorization"] !== authorization;
      if (response.status === 401 && resendable && (refreshed || await authenticate(response.headers.get("www-authenticate"), url, init.timeoutMs, headers["authorization"]))) {
        await response.body?.cancel();
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
  parseImageReference,
  manifestReference,
  MediaType,
  MANIFEST_ACCEPT,
  manifestKind,
  isAttestation,
  platformName,
  layerCompression,
  parseManifest,
  BlobMediaType,
  RegistryFailure,
  repositoryHttp
};
