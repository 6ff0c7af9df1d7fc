import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  RegistryFailure
} from "./chunk-RUAZ4UUQ.mjs";
import {
  MANIFEST_ACCEPT,
  parseManifest
} from "./chunk-37GEL7R4.mjs";
import {
  sha256Digest
} from "./chunk-LMSPCY74.mjs";

// src/oci/registry-write.ts
var SHORT_MS = 6e4;
var BLOB_MS = 30 * 6e4;
function repositoryName(http) {
  return `${http.endpoint.apiHost}/${http.endpoint.repository}`;
}
async function blobExists(http, digest) {
  const response = await http.request(`/blobs/${digest}`, { method: "HEAD", timeoutMs: SHORT_MS, accepted: [404], what: `HEAD blob ${digest} in ${repositoryName(http)}` });
  return response.status !== 404;
}
async function manifestExists(http, reference) {
  const response = await http.request(`/manifests/${reference}`, { method: "HEAD", accept: MANIFEST_ACCEPT, timeoutMs: SHORT_MS, accepted: [404], what: `HEAD manifest ${repositoryName(http)}:${reference}` });
  return response.status !== 404;
}
async function getManifest(http, reference) {
  const response = await http.request(`/manifests/${reference}`, { accept: MANIFEST_ACCEPT, timeoutMs: SHORT_MS, what: `GET manifest ${repositoryName(http)}@${reference}` });
  const bytes = await response.bytes();
  const digest = sha256Digest(bytes);
  if (reference.startsWith("sha256:") && digest !== reference) {
    throw new RegistryFailure(`${repositoryName(http)} served ${digest} for ${reference}`, "the registry serves other bytes than the digest names: do not trust it");
  }
  return { bytes, mediaType: (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "", digest };
}
async function mountBlob(http, digest, fromRepository) {
  const query = new URLSearchParams({ mount: digest, from: fromRepository });
  const response = await http.request(`/blobs/uploads/?${query.toString()}`, { method: "POST", timeoutMs: SHORT_MS, accepted: [201, 202], what: `mount blob ${digest} from ${fromRepository} into ${repositoryName(http)}` });
  await response.discard();
  return response.status === 201;
}
async function uploadBlob(http, digest, size, body) {
  const start = await http.request("/blobs/uploads/", { method: "POST", timeoutMs: SHORT_MS, what: `start upload of ${digest} to ${repositoryName(http)}` });
  await start.discard();
  const location = start.headers.get("location");
  if (!location) throw new RegistryFailure(`${repositoryName(http)} started an upload without a Location header`, "check the registry (it does not follow the distribution spec)");
  const url = new URL(location, http.base);
  url.searchParams.set("digest", digest);
  const response = await http.request(url.toString(), {
    method: "PUT",
    headers: { "content-type": "application/octet-stream", "content-length": String(size) },
    body: await body(),
    timeoutMs: BLOB_MS,
    what: `upload blob ${digest} (${size} B) to ${repositoryName(http)}`
  });
  await response.discard();
  const stored = response.headers.get("docker-content-digest");
  if (stored && stored !== digest) throw new RegistryFailure(`${repositoryName(http)} stored blob ${digest} as ${stored}`, "the upload was corrupted on the way: run again");
}
async function putManifest(http, reference, bytes, mediaType) {
  const digest = sha256Digest(bytes);
  const response = await http.request(`/manifests/${reference}`, {
    method: "PUT",
    headers: { "content-type": mediaType },
    body: bytes,
    timeoutMs: SHORT_MS,
    what: `PUT manifest ${repositoryName(http)}:${reference}`
  });
  await response.discard();
  const stored = response.headers.get("docker-content-digest");
  if (stored && stored !== digest) {
    throw new RegistryFailure(`${repositoryName(http)} stored ${reference} as ${stored}, not ${digest}`, "the registry rewrote the manifest: push to a registry that keeps manifests byte for byte");
  }
  return digest;
}

// src/build/retry.ts
var pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function retrying(run, options) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= options.attempts || options.retryable?.(error) === false) throw error;
      options.onRetry?.(error, attempt + 1);
      await (options.sleep ?? pause)(options.delayMs * attempt);
    }
  }
}

// src/oci/push-image.ts
function withRetry(what, run, options) {
  return retrying(run, {
    attempts: 3,
    delayMs: 500,
    retryable: (error) => error instanceof RegistryFailure && error.transient,
    onRetry: (error, n) => options.log.warning(`${what} failed (${error.message}); trying again (attempt ${n} of 3)`),
    ...options.sleep ? { sleep: options.sleep } : {}
  });
}
async function limited(items, limit, run) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await run(items[next++]);
  });
  await Promise.all(workers);
}
function blobPusher(blobOf, http, options) {
  const name = repositoryName(http);
  const transfers = /* @__PURE__ */ new Map();
  const retry = (what, run) => withRetry(what, run, options);
  const from = options.mountFrom && options.mountFrom !== http.endpoint.repository ? options.mountFrom : void 0;
  async function transferBlob(descriptor) {
    if (from && await retry(`mount ${descriptor.digest}`, () => mountBlob(http, descriptor.digest, from))) return;
    if (await retry(`HEAD blob ${descriptor.digest}`, () => blobExists(http, descriptor.digest))) return;
    options.log.debug(`${name}: uploading ${descriptor.digest} (${descriptor.size} B)`);
    await retry(
      `upload ${descriptor.digest}`,
      () => uploadBlob(http, descriptor.digest, descriptor.size, async () => blobOf(descriptor))
    );
  }
  return {
    ensure(descriptor) {
      let transfer = transfers.get(descriptor.digest);
      if (!transfer) {
        transfer = transferBlob(descriptor);
        transfers.set(descriptor.digest, transfer);
      }
      return transfer;
    }
  };
}
async function pushByDigest(source, http, options) {
  const blobs = options.blobs ?? blobPusher((descriptor) => source.blob(descriptor), http, options);
  const ensureBlob = (descriptor) => blobs.ensure(descriptor);
  const retry = (what, run) => withRetry(what, run, options);
  async function document(descriptor) {
    const bytes = await source.document(descriptor);
    if (!bytes) throw new Error(`${source.label} does not hold ${descriptor.mediaType} ${descriptor.digest}`);
    if (sha256Digest(bytes) !== descriptor.digest) throw new Error(`${source.label}: ${descriptor.digest} does not match its bytes`);
    return bytes;
  }
  async function put(bytes, mediaType2, digest, depth) {
    const parsed = parseManifest(bytes, mediaType2, `${source.label} ${digest}`, { strict: true });
    if (parsed.kind === "index") {
      if (depth > 4) throw new Error(`${source.label}: indexes nested deeper than 4`);
      await Promise.all(parsed.doc.manifests.map(async (child) => put(await document(child), child.mediaType, child.digest, depth + 1)));
    } else {
      await limited([parsed.doc.config, ...parsed.doc.layers], 4, ensureBlob);
    }
    const type = mediaType2 || JSON.parse(bytes.toString("utf8")).mediaType || "";
    await retry(`PUT manifest ${digest}`, () => putManifest(http, digest, bytes, type));
  }
  const root = await source.root();
  if (sha256Digest(root.bytes) !== root.digest) throw new Error(`${source.label}: the root does not match its digest ${root.digest}`);
  const mediaType = root.mediaType || JSON.parse(root.bytes.toString("utf8")).mediaType || "";
  await put(root.bytes, mediaType, root.digest, 0);
  return { digest: root.digest, mediaType, bytes: root.bytes };
}

export {
  repositoryName,
  blobExists,
  manifestExists,
  getManifest,
  uploadBlob,
  putManifest,
  withRetry,
  blobPusher,
  pushByDigest
};
