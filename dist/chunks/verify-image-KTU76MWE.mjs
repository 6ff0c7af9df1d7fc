import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  classifyLayerPath,
  isAncestor,
  isWithin,
  normalizeLayerPath,
  resolveLink
} from "./chunk-ART2IT2O.mjs";
import {
  BLOCK,
  TarType,
  gnuText,
  isZeroBlock,
  manifestReference,
  padding,
  parseHeader,
  parseImageReference,
  parsePax,
  paxToExtended,
  registryScheme,
  tarEntries,
  withExtended
} from "./chunk-HMTH2MVS.mjs";
import {
  redactUrl
} from "./chunk-TFUDK5DV.mjs";
import {
  VerifyError
} from "./chunk-22DLFXIZ.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/image/verify-image.ts
import { createHash as createHash5 } from "node:crypto";
import { tmpdir } from "node:os";

// src/image/file-tree.ts
function dropUnder(tree, root, includeRoot) {
  for (const key of [...tree.keys()]) {
    if (includeRoot && key === root || key !== root && isWithin(key, root)) tree.delete(key);
  }
}
function applyLayer(lower, layer) {
  const tree = new Map(lower);
  for (const path of layer.deleted) dropUnder(tree, path, true);
  for (const dir of layer.opaque) dropUnder(tree, dir, false);
  for (const [path, node] of layer.entries) {
    if (node.kind !== "directory") dropUnder(tree, path, false);
    tree.set(path, node);
  }
  return tree;
}
function tracks(cacheRoot, path) {
  return isWithin(path, cacheRoot) || isAncestor(path, cacheRoot);
}
function finalFiles(tree, cacheRoot) {
  const out = /* @__PURE__ */ new Map();
  const prefix = `${cacheRoot}/`;
  for (const [path, node] of tree) {
    if (!path.startsWith(prefix) || node.kind === "directory") continue;
    out.set(path.slice(prefix.length), follow(tree, path, node));
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}
function follow(tree, path, node) {
  let current = node;
  let at = path;
  for (let hops = 0; hops < 16 && current; hops++) {
    if (current.kind === "file") return at === path ? current : { ...current, via: `symlink to /${at}` };
    if (current.kind === "directory") return { kind: "unreadable", detail: `/${path} leads to a directory` };
    if (current.kind === "other") return { kind: "unreadable", detail: current.detail };
    const next = resolveLink(at, current.target);
    if (next === void 0) return { kind: "unreadable", detail: `symlink to ${current.target} leaves the root` };
    at = next;
    current = tree.get(at);
  }
  return current ? { kind: "unreadable", detail: `symlink loop at /${path}` } : { kind: "unreadable", detail: `symlink to /${at}, outside cache-path or absent (not followed)` };
}
function cacheRootProblem(tree, cacheRoot) {
  const parts = cacheRoot.split("/");
  for (let i = 1; i <= parts.length; i++) {
    const path = parts.slice(0, i).join("/");
    const node = tree.get(path);
    if (node && node.kind !== "directory") return `/${path} is a ${node.kind} in the image, not a directory`;
  }
  return void 0;
}

// src/image/report.ts
var FileStatus = { ok: "ok", missing: "missing", mismatch: "mismatch" };

// src/image/check-platform.ts
var CACHE_ENV = ["TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"];
function checkEnv(env, cachePath) {
  const want = normalizeLayerPath(cachePath);
  const found = {};
  for (const line of env ?? []) {
    const eq = line.indexOf("=");
    const key = line.slice(0, eq);
    if (eq > 0 && CACHE_ENV.includes(key)) found[key] = line.slice(eq + 1);
  }
  const ok = CACHE_ENV.every((key) => {
    const value = found[key];
    return value !== void 0 && value.startsWith("/") && normalizeLayerPath(value) === want;
  });
  return { ...found, ok };
}
function checkPlatform(facts, expectations) {
  const root = normalizeLayerPath(expectations.cachePath) ?? "";
  const present = finalFiles(facts.tree, root);
  const problems = [...facts.problems];
  const rootProblem = cacheRootProblem(facts.tree, root);
  if (rootProblem) problems.push(rootProblem);
  const files = expectations.files.map((want) => {
    const base = { cacheFile: want.cacheFile, expectedSha256: want.sha256, expectedSize: want.size };
    const got = present.get(want.cacheFile);
    if (!got) return { ...base, status: FileStatus.missing };
    if (got.kind === "unreadable") return { ...base, status: FileStatus.mismatch, detail: got.detail };
    const same = got.sha256 === want.sha256 && (want.size === void 0 || got.size === want.size);
    return {
      ...base,
      status: same ? FileStatus.ok : FileStatus.mismatch,
      actualSha256: got.sha256,
      actualSize: got.size,
      ...got.via !== void 0 ? { detail: got.via } : {}
    };
  });
  const wanted = new Set(expectations.files.map((f) => f.cacheFile));
  const extraFiles = [...present.keys()].filter((name) => !wanted.has(name));
  const env = checkEnv(facts.env, expectations.cachePath);
  const ok = problems.length === 0 && env.ok && files.every((f) => f.status === FileStatus.ok);
  return { platform: facts.platform, digest: facts.digest, ok, files, extraFiles, env, problems };
}

// src/image/docker-source.ts
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/image/layout-source.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { join } from "node:path";

// src/image/media-types.ts
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

// src/image/tar-index.ts
async function readAt(handle, position, length) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new Error(`archive ends inside an entry (${bytesRead} of ${length} bytes at offset ${position})`);
  return buffer;
}
async function indexTar(handle) {
  const files = /* @__PURE__ */ new Map();
  const { size: total } = await handle.stat();
  const global = {};
  let ext = {};
  let at = 0;
  while (at + BLOCK <= total) {
    const block = await readAt(handle, at, BLOCK);
    if (isZeroBlock(block)) break;
    const header = parseHeader(block);
    at += BLOCK;
    const meta = async () => readAt(handle, at, header.size);
    if (header.type === TarType.paxLocal) paxToExtended(parsePax(await meta()), ext);
    else if (header.type === TarType.paxGlobal) paxToExtended(parsePax(await meta()), global);
    else if (header.type === TarType.gnuLongName) ext.path = gnuText(await meta());
    else if (header.type === TarType.gnuLongLink) ext.linkpath = gnuText(await meta());
    else {
      const entry = withExtended(header, ext, global);
      ext = {};
      const path = normalizeLayerPath(entry.name);
      const dataSize = entry.type === TarType.file ? entry.size : 0;
      if (path !== void 0 && entry.type === TarType.file) files.set(path, { offset: at, size: dataSize });
      if (path !== void 0 && entry.type === TarType.hardlink) {
        const target = files.get(normalizeLayerPath(entry.linkname) ?? "");
        if (target) files.set(path, target);
      }
      at += dataSize + padding(dataSize);
      continue;
    }
    at += header.size + padding(header.size);
  }
  return files;
}

// src/image/layout-source.ts
async function folderStore(dir) {
  return {
    read: (path) => readFile(join(dir, path)).catch((error) => {
      if (error.code === "ENOENT") return void 0;
      throw error;
    }),
    stream: (path) => createReadStream(join(dir, path)),
    close: async () => {
    }
  };
}
async function tarStore(file) {
  const handle = await open(file, "r");
  let files;
  try {
    files = await indexTar(handle);
  } catch (error) {
    await handle.close();
    throw new Error(`${file} is not a readable (uncompressed) tar of an OCI layout: ${error.message}`, { cause: error });
  }
  return {
    async read(path) {
      const slice = files.get(path);
      if (!slice) return void 0;
      const buffer = Buffer.alloc(slice.size);
      await handle.read(buffer, 0, slice.size, slice.offset);
      return buffer;
    },
    stream(path) {
      const slice = files.get(path);
      if (!slice) return void 0;
      if (slice.size === 0) return (async function* () {
      })();
      return createReadStream(file, { start: slice.offset, end: slice.offset + slice.size - 1 });
    },
    close: () => handle.close()
  };
}
function blobPath(digest) {
  const [algorithm, hex] = digest.split(":");
  if (!algorithm || !hex || !/^[a-z0-9]+$/.test(algorithm) || !/^[0-9a-f]+$/.test(hex)) throw new Error(`"${digest}" is not a digest`);
  return `blobs/${algorithm}/${hex}`;
}
function pickRoot(index, refName) {
  const entries = index.manifests;
  if (entries.length === 1) return entries[0];
  if (entries.length > 1 && entries.every((d) => d.digest === entries[0]?.digest)) return entries[0];
  if (refName) {
    const match = entries.find(
      (d) => [d.annotations?.["io.containerd.image.name"], d.annotations?.["org.opencontainers.image.ref.name"]].some(
        (name) => name === refName || name?.endsWith(`/${refName}`)
      )
    );
    if (match) return match;
  }
  return "self";
}
async function layoutSource(path, options = {}) {
  const info = await stat(path);
  const store = info.isDirectory() ? await folderStore(path) : await tarStore(path);
  const label = options.label ?? path;
  const document = async (descriptor) => store.read(blobPath(descriptor.digest));
  return {
    label,
    partial: options.partial ?? false,
    async root() {
      const bytes = await store.read("index.json");
      if (!bytes) throw new Error(`${label} has no index.json: it is not an OCI image layout (${options.noIndexHint ?? "build with --output type=oci,dest=\u2026"})`);
      const index = JSON.parse(bytes.toString("utf8"));
      if (manifestKind(index.mediaType, index) !== "index") throw new Error(`${label}: index.json is not an image index`);
      const picked = pickRoot(index, options.refName);
      if (picked === "self") {
        return { digest: `sha256:${createHash("sha256").update(bytes).digest("hex")}`, mediaType: index.mediaType, bytes };
      }
      const rootBytes = await document(picked);
      if (!rootBytes) throw new Error(`${label}: index.json names ${picked.digest}, which is not in blobs/`);
      return { digest: picked.digest, mediaType: picked.mediaType, bytes: rootBytes };
    },
    document,
    async blob(descriptor) {
      const stream = store.stream(blobPath(descriptor.digest));
      if (!stream) throw new Error(`${label}: blob ${descriptor.digest} is not in the layout`);
      return stream;
    },
    close: () => store.close()
  };
}

// src/image/docker-source.ts
function spawnDocker(binary) {
  return (args) => new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
    const err = [];
    child.stderr.on("data", (chunk) => err.push(chunk));
    child.on("error", (error) => reject(new Error(`cannot run ${binary}: ${error.message}`, { cause: error })));
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${binary} ${args.join(" ")} exited ${code}: ${Buffer.concat(err).toString("utf8").trim().slice(-2e3)}`));
    });
  });
}
async function dockerSource(reference, docker, tempDir) {
  const dir = await mkdtemp(join2(tempDir, "oneapi-offline-verify-"));
  const file = join2(dir, "image.tar");
  try {
    await docker(["image", "save", "--output", file, reference]);
    const source = await layoutSource(file, {
      refName: reference,
      partial: true,
      label: `docker image ${reference}`,
      noIndexHint: "the engine uses the classic image store; enable the containerd image store, or verify the pushed image or an OCI archive"
    });
    return {
      ...source,
      close: async () => {
        await source.close();
        await rm(dir, { recursive: true, force: true });
      }
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

// src/image/blob-stream.ts
import { createHash as createHash2 } from "node:crypto";
import { Readable, pipeline } from "node:stream";
import * as zlib from "node:zlib";
var BlobMismatch = class extends Error {
};
async function* checkedBlob(source, descriptor) {
  const [algorithm, expected] = descriptor.digest.split(":");
  if (algorithm !== "sha256" || !expected) throw new BlobMismatch(`unsupported digest ${descriptor.digest} (only sha256)`);
  const hash = createHash2("sha256");
  let size = 0;
  for await (const chunk of source) {
    const part = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    hash.update(part);
    size += part.length;
    yield part;
  }
  const actual = hash.digest("hex");
  if (actual !== expected || size !== descriptor.size) {
    throw new BlobMismatch(`blob ${descriptor.digest} (${descriptor.size} B) arrived as sha256:${actual} (${size} B): the image store is corrupt or tampered`);
  }
}
function zstdSupported() {
  return typeof zlib.createZstdDecompress === "function";
}
function unreadableLayer(descriptor) {
  const compression = layerCompression(descriptor.mediaType);
  if (compression === "zstd" && !zstdSupported()) {
    return `layer ${descriptor.digest} is zstd-compressed and Node ${process.versions.node} has no zstd; run the action on node24 (or Node \u2265 22.15), or build with compression=gzip`;
  }
  if (compression === "unknown") return `layer ${descriptor.digest} has media type ${descriptor.mediaType}, which is not a tar layer this verifier reads`;
  return void 0;
}
function layerTar(source, descriptor) {
  const unreadable = unreadableLayer(descriptor);
  if (unreadable) throw new Error(unreadable);
  const raw = Readable.from(checkedBlob(source, descriptor), { objectMode: false });
  const compression = layerCompression(descriptor.mediaType);
  if (compression === "none") return raw;
  const zstd = zlib.createZstdDecompress;
  const transform = compression === "zstd" && zstd ? zstd() : zlib.createGunzip();
  return pipeline(raw, transform, () => {
  });
}

// src/image/read-layer.ts
import { createHash as createHash3 } from "node:crypto";
async function hashBody(body) {
  const hash = createHash3("sha256");
  let size = 0;
  for await (const part of body) {
    hash.update(part);
    size += part.length;
  }
  return { sha256: hash.digest("hex"), size };
}
async function readLayer(tar, cacheRoot, lower) {
  const deleted = [];
  const opaque = [];
  const entries = [];
  const seen = /* @__PURE__ */ new Map();
  for await (const entry of tarEntries(tar)) {
    const path = normalizeLayerPath(entry.name);
    if (path === void 0 || path === "") continue;
    const what = classifyLayerPath(path);
    if (what.kind === "whiteout") {
      if (tracks(cacheRoot, what.path)) deleted.push(what.path);
      continue;
    }
    if (what.kind === "opaque") {
      if (tracks(cacheRoot, what.dir)) opaque.push(what.dir);
      continue;
    }
    if (!tracks(cacheRoot, path)) continue;
    let node;
    switch (entry.type) {
      case TarType.file:
        node = { kind: "file", ...await hashBody(entry.body) };
        break;
      case TarType.directory:
        node = { kind: "directory" };
        break;
      case TarType.symlink:
        node = { kind: "symlink", target: entry.linkname };
        break;
      case TarType.hardlink: {
        const target = normalizeLayerPath(entry.linkname);
        const linked = target === void 0 ? void 0 : seen.get(target) ?? lower.get(target);
        node = linked ?? { kind: "other", detail: `hard link to /${entry.linkname}, outside cache-path (not followed)` };
        break;
      }
      default:
        node = { kind: "other", detail: `/${path} is a special file (device, fifo\u2026)` };
    }
    seen.set(path, node);
    entries.push([path, node]);
  }
  return { deleted, opaque, entries };
}

// src/image/www-authenticate.ts
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

// src/image/registry-source.ts
import { createHash as createHash4 } from "node:crypto";
var RegistryFailure = class extends Error {
  constructor(message, fix, options) {
    super(message, options);
    this.fix = fix;
  }
  fix;
};
var MANIFEST_TIMEOUT_MS = 6e4;
var BLOB_TIMEOUT_MS = 30 * 6e4;
function registrySource(target, fetchImpl) {
  let ref;
  try {
    ref = parseImageReference(target.reference);
  } catch (error) {
    throw new RegistryFailure(`image reference "${target.reference}" is invalid: ${error.message}`, "pass host/repository:tag or host/repository@sha256:<digest>", { cause: error });
  }
  const base = `${registryScheme(ref.apiHost, target.insecure ?? false)}://${ref.apiHost}/v2/${ref.repository}`;
  const basic = target.credentials ? `Basic ${Buffer.from(`${target.credentials.username}:${target.credentials.password}`).toString("base64")}` : void 0;
  let authorization;
  async function authenticate(challengeHeader, url) {
    const challenge = challengeHeader ? parseChallenge(challengeHeader) : void 0;
    if (challenge?.scheme === "basic") {
      if (!basic || authorization === basic) return false;
      authorization = basic;
      return true;
    }
    if (challenge?.scheme !== "bearer") return false;
    const from = tokenUrl(challenge, ref.repository);
    if (!from) return false;
    const response = await fetchImpl(from, {
      headers: basic ? { authorization: basic } : {},
      signal: AbortSignal.timeout(MANIFEST_TIMEOUT_MS)
    }).catch((error) => {
      throw new RegistryFailure(`cannot reach the token service ${redactUrl(from)} for ${redactUrl(url)}: ${String(error)}`, "check the network path to the registry", { cause: error });
    });
    if (!response.ok) {
      throw new RegistryFailure(`the token service ${redactUrl(from)} answered HTTP ${response.status}`, basic ? "check the registry username and password (or token)" : "pass registry credentials: the image is not public");
    }
    const body = await response.json();
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryFailure(`the token service ${redactUrl(from)} returned no token`, "check the registry credentials");
    authorization = `Bearer ${token}`;
    return true;
  }
  async function get(url, accept, timeoutMs) {
    for (let attempt = 0; attempt < 3; attempt++) {
      const headers = {};
      if (accept) headers["accept"] = accept;
      if (authorization) headers["authorization"] = authorization;
      let response;
      try {
        response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new RegistryFailure(`cannot reach the registry at ${redactUrl(url)}: ${String(error.cause ?? error)}`, "check that the registry is up and reachable (and whether it needs https or insecure: true)", { cause: error });
      }
      if (response.status === 401 && await authenticate(response.headers.get("www-authenticate"), url)) {
        await response.body?.cancel();
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        const fix = response.status === 404 ? "check the image name and that it was pushed (verify by the digest the build printed)" : response.status === 401 || response.status === 403 ? "pass registry credentials with pull access" : "retry; check the registry logs";
        throw new RegistryFailure(`GET ${redactUrl(url)} answered HTTP ${response.status}`, fix);
      }
      return response;
    }
    throw new RegistryFailure(`GET ${redactUrl(url)} kept answering 401 after authenticating`, "check the registry credentials and that they may pull this repository");
  }
  async function manifest(reference) {
    const response = await get(`${base}/manifests/${reference}`, MANIFEST_ACCEPT, MANIFEST_TIMEOUT_MS);
    return { bytes: Buffer.from(await response.arrayBuffer()), mediaType: response.headers.get("content-type") ?? void 0 };
  }
  const label = `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? "latest"}`}`;
  return {
    label,
    partial: false,
    async root() {
      const { bytes, mediaType } = await manifest(manifestReference(ref));
      const digest = `sha256:${createHash4("sha256").update(bytes).digest("hex")}`;
      if (ref.digest && digest !== ref.digest) {
        throw new RegistryFailure(`the registry returned ${digest} for ${label}`, "the registry is serving different bytes than the digest names: do not trust this image");
      }
      return { digest, mediaType, bytes };
    },
    async document(descriptor) {
      const isManifest = /manifest|index/.test(descriptor.mediaType);
      if (isManifest) return (await manifest(descriptor.digest)).bytes;
      const response = await get(`${base}/blobs/${descriptor.digest}`, void 0, MANIFEST_TIMEOUT_MS);
      return Buffer.from(await response.arrayBuffer());
    },
    async blob(descriptor) {
      const response = await get(`${base}/blobs/${descriptor.digest}`, void 0, BLOB_TIMEOUT_MS);
      if (!response.body) throw new RegistryFailure(`GET blob ${descriptor.digest} from ${label} had no body`, "retry");
      return response.body;
    },
    async close() {
    }
  };
}

// src/image/verify-image.ts
function sha256(bytes) {
  return `sha256:${createHash5("sha256").update(bytes).digest("hex")}`;
}
function describeTarget(target) {
  return target.kind === "oci-archive" ? `OCI archive ${target.path}` : `${target.kind === "docker" ? "docker image" : "image"} ${target.reference}`;
}
async function openSource(target, deps) {
  switch (target.kind) {
    case "registry":
      return registrySource(target, deps.fetch ?? fetch);
    case "oci-archive":
      return layoutSource(target.path);
    case "docker":
      return dockerSource(target.reference, deps.docker ?? spawnDocker("docker"), deps.tempDir ?? tmpdir());
  }
}
async function leaves(source, bytes, mediaType, digest, depth = 0) {
  const parsed = parseManifest(bytes, mediaType, `${source.label} ${digest}`);
  if (parsed.kind === "manifest") {
    return { leaves: [{ descriptor: { mediaType: mediaType ?? parsed.doc.mediaType ?? "", digest, size: bytes.length }, platform: void 0 }], attestations: 0 };
  }
  const out = [];
  let attestations = 0;
  for (const entry of parsed.doc.manifests) {
    if (isAttestation(entry)) {
      attestations++;
      continue;
    }
    if (/index|manifest\.list/.test(entry.mediaType) && depth < 4) {
      const child = await source.document(entry);
      if (!child) continue;
      if (sha256(child) !== entry.digest) throw new Error(`index ${entry.digest} does not match its digest`);
      const nested = await leaves(source, child, entry.mediaType, entry.digest, depth + 1);
      out.push(...nested.leaves);
      attestations += nested.attestations;
      continue;
    }
    out.push({ descriptor: entry, platform: entry.platform });
  }
  return { leaves: out, attestations };
}
async function readChecked(source, descriptor, what) {
  const bytes = await source.document(descriptor);
  if (bytes && sha256(bytes) !== descriptor.digest) {
    throw new Error(`${what} ${descriptor.digest} arrived as ${sha256(bytes)}: the image store is corrupt or tampered`);
  }
  return bytes;
}
async function verifyLeaf(source, leaf, manifestBytes, expectations, log) {
  const digest = leaf.descriptor.digest;
  let platform = platformName(leaf.platform);
  const problems = [];
  let env;
  let tree = /* @__PURE__ */ new Map();
  const root = normalizeLayerPath(expectations.cachePath) ?? "";
  try {
    const parsed = parseManifest(manifestBytes, leaf.descriptor.mediaType, `manifest ${digest}`);
    if (parsed.kind !== "manifest") throw new Error(`manifest ${digest} is an index where an image manifest was expected`);
    const manifest = parsed.doc;
    const configBytes = await readChecked(source, manifest.config, "config");
    if (!configBytes) throw new Error(`config ${manifest.config.digest} is not in ${source.label}`);
    const config = JSON.parse(configBytes.toString("utf8"));
    env = config.config?.Env;
    if (!leaf.platform && config.os && config.architecture) {
      platform = platformName({ os: config.os, architecture: config.architecture, ...config.variant ? { variant: config.variant } : {} });
    }
    for (const [i, layer] of manifest.layers.entries()) {
      log.debug(`${platform}: layer ${i + 1}/${manifest.layers.length} ${layer.digest} (${layer.size} B, ${layer.mediaType})`);
      const unreadable = unreadableLayer(layer);
      if (unreadable) throw new Error(unreadable);
      const changes = await readLayer(layerTar(await source.blob(layer), layer), root, tree);
      tree = applyLayer(tree, changes);
    }
  } catch (error) {
    problems.push(error instanceof RegistryFailure ? `${error.message} (${error.fix})` : error.message);
  }
  return checkPlatform({ platform, digest, tree, env, problems }, expectations);
}
async function verifyImage(target, expectations, deps) {
  const { log } = deps;
  const cachePath = expectations.cachePath;
  if (!cachePath.startsWith("/") || !normalizeLayerPath(cachePath)) {
    throw new VerifyError({ what: "cache-path to verify", got: cachePath, expected: "an absolute path below /, e.g. /tiktoken_cache", fix: "pass the cache-path the image was built with" });
  }
  let source;
  try {
    source = await openSource(target, deps);
  } catch (error) {
    throw new VerifyError(
      { what: `cannot open ${describeTarget(target)} for verification`, got: error.message, fix: error instanceof RegistryFailure ? error.fix : target.kind === "docker" ? "load the image into the engine (containerd image store) or verify the pushed image or OCI archive instead" : "check the path, and that the archive is an uncompressed OCI layout tar (type=oci,dest=\u2026)" },
      { cause: error }
    );
  }
  try {
    const rootDoc = await source.root();
    if (sha256(rootDoc.bytes) !== rootDoc.digest) throw new Error(`${source.label}: the root index does not match its digest ${rootDoc.digest}`);
    const pinned = target.kind === "oci-archive" ? target.digest : /@(sha256:[0-9a-f]{64})$/.exec(target.reference)?.[1];
    if (pinned && pinned !== rootDoc.digest) throw new Error(`${source.label} holds ${rootDoc.digest}, not the expected ${pinned}`);
    const found = await leaves(source, rootDoc.bytes, rootDoc.mediaType, rootDoc.digest);
    if (found.attestations > 0) log.info(`${source.label}: skipping ${found.attestations} attestation manifest(s)`);
    const absent = [];
    const checks = found.leaves.map(async (leaf) => {
      const bytes = await readChecked(source, leaf.descriptor, "manifest");
      if (!bytes) {
        if (source.partial) {
          absent.push({ platform: platformName(leaf.platform), digest: leaf.descriptor.digest });
          return void 0;
        }
        throw new Error(`manifest ${leaf.descriptor.digest} is not in ${source.label}`);
      }
      return verifyLeaf(source, leaf, bytes, expectations, log);
    });
    const platforms = (await Promise.all(checks)).filter((p) => p !== void 0);
    for (const p of platforms) {
      const good = p.files.filter((f) => f.status === "ok").length;
      log.info(`${p.platform} ${p.digest}: ${p.ok ? "ok" : "FAILED"} (${good}/${p.files.length} files, env ${p.env.ok ? "ok" : "wrong"}${p.extraFiles.length ? `, ${p.extraFiles.length} extra file(s)` : ""})`);
    }
    for (const a of absent) log.notice(`${source.label}: ${a.platform} (${a.digest}) is not in the local store; not verified`);
    return {
      ok: platforms.length > 0 && platforms.every((p) => p.ok),
      image: source.label,
      digest: rootDoc.digest,
      cachePath,
      platforms,
      attestations: found.attestations,
      absent
    };
  } catch (error) {
    if (error instanceof VerifyError) throw error;
    throw new VerifyError(
      { what: `cannot read ${source.label}`, got: error.message, fix: error instanceof RegistryFailure ? error.fix : "rebuild or re-push the image; if this repeats, the store is corrupt" },
      { cause: error }
    );
  } finally {
    await source.close();
  }
}
export {
  verifyImage
};
