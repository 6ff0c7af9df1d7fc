import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  DEFAULT_READ_LIMITS,
  readCapped
} from "./chunk-BJ7SNYSJ.mjs";
import {
  RegistryFailure,
  repositoryHttp
} from "./chunk-RUAZ4UUQ.mjs";
import {
  MANIFEST_ACCEPT
} from "./chunk-37GEL7R4.mjs";
import {
  manifestReference,
  parseImageReference
} from "./chunk-2PSOF6JL.mjs";
import {
  sha256Digest
} from "./chunk-LMSPCY74.mjs";
import {
  redactUrl
} from "./chunk-AMMJLJJB.mjs";

// src/oci/registry-source.ts
function registrySource(target, transport, limits = DEFAULT_READ_LIMITS) {
  const MANIFEST_TIMEOUT_MS = limits.documentTimeoutMs;
  let ref;
  try {
    ref = parseImageReference(target.reference);
  } catch (error) {
    throw new RegistryFailure(`image reference "${target.reference}" is invalid: ${error.message}`, "pass host/repository:tag or host/repository@sha256:<digest>", { cause: error });
  }
  const http = repositoryHttp({ apiHost: ref.apiHost, repository: ref.repository, insecure: target.insecure, credentials: target.credentials }, transport);
  const get = (path, accept, timeoutMs) => http.request(path, { ...accept ? { accept } : {}, timeoutMs, what: `GET ${redactUrl(`${http.base}${path}`)}` });
  async function documentBody(path, accept, what) {
    const url = `${http.base}${path}`;
    const response = await get(path, accept, MANIFEST_TIMEOUT_MS);
    const declared = Number(response.headers.get("content-length") ?? "0");
    try {
      if (declared > limits.maxDocumentBytes) throw new Error(`${what} is ${declared} bytes, over the ${limits.maxDocumentBytes}-byte limit for image documents`);
      const bytes = await readCapped(response.body, limits.maxDocumentBytes, what);
      return { bytes, mediaType: response.headers.get("content-type") ?? void 0 };
    } catch (error) {
      await response.discard();
      throw new RegistryFailure(`${redactUrl(url)}: ${error.name === "TimeoutError" ? `${what} took longer than ${MANIFEST_TIMEOUT_MS} ms` : error.message}`, "the registry is serving something that is not this image; check the reference and the registry", { cause: error });
    }
  }
  async function manifest(reference) {
    return documentBody(`/manifests/${reference}`, MANIFEST_ACCEPT, `manifest ${reference} of ${ref.registry}/${ref.repository}`);
  }
  const label = `${ref.registry}/${ref.repository}${ref.digest ? `@${ref.digest}` : `:${ref.tag ?? "latest"}`}`;
  return {
    label,
    partial: false,
    async root() {
      const { bytes, mediaType } = await manifest(manifestReference(ref));
      const digest = sha256Digest(bytes);
      if (ref.digest && digest !== ref.digest) {
        throw new RegistryFailure(`the registry returned ${digest} for ${label}`, "the registry is serving different bytes than the digest names: do not trust this image");
      }
      return { digest, mediaType, bytes };
    },
    async document(descriptor) {
      if (descriptor.size > limits.maxDocumentBytes) {
        throw new RegistryFailure(`${label}: ${descriptor.digest} is declared as ${descriptor.size} bytes, over the ${limits.maxDocumentBytes}-byte limit for image documents`, "this is not an image this action can verify");
      }
      const isManifest = /manifest|index/.test(descriptor.mediaType);
      if (isManifest) return (await manifest(descriptor.digest)).bytes;
      return (await documentBody(`/blobs/${descriptor.digest}`, void 0, `config ${descriptor.digest} of ${label}`)).bytes;
    },
    async blob(descriptor) {
      return (await get(`/blobs/${descriptor.digest}`, void 0, limits.blobTimeoutMs(descriptor.size))).body;
    },
    async close() {
    }
  };
}

export {
  registrySource
};
