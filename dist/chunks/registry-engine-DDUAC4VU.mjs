import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  nameArchive
} from "./chunk-XQBEW4TB.mjs";
import {
  imageIndex,
  indexMediaTypeFor,
  overlayConfig,
  overlayManifest,
  overlaySource
} from "./chunk-233YEP2S.mjs";
import {
  encoderLayer
} from "./chunk-PDFLYL27.mjs";
import {
  tarEnd,
  tarHeader,
  tarPadding
} from "./chunk-NDB4NVVU.mjs";
import {
  checkedBlob,
  verifyImage
} from "./chunk-ZVZD7HEP.mjs";
import {
  layoutSource
} from "./chunk-OOLEAIMQ.mjs";
import {
  parseBaseImage
} from "./chunk-NKIPBXK5.mjs";
import {
  rfc3339
} from "./chunk-T6WRRW3O.mjs";
import "./chunk-PUYDGTI6.mjs";
import "./chunk-QWVPQMR7.mjs";
import "./chunk-2YHSSVPB.mjs";
import {
  blobExists,
  bytesOnce,
  pushByDigest,
  putManifest,
  sha256Digest,
  withRetry
} from "./chunk-MQACBGSV.mjs";
import {
  registrySource
} from "./chunk-TKJTEXPA.mjs";
import "./chunk-PL4FZWSY.mjs";
import {
  BlobMediaType,
  MediaType,
  RegistryFailure,
  isAttestation,
  parseImageReference,
  parseManifest,
  platformName,
  repositoryHttp
} from "./chunk-PUO7BHQP.mjs";
import "./chunk-H7YIB6DC.mjs";
import {
  BuildError
} from "./chunk-UI6KUO64.mjs";
import {
  init_define_ACTION_INPUTS
} from "./chunk-HPCM2IMK.mjs";

// src/build/registry-engine.ts
init_define_ACTION_INPUTS();

// src/oci/archive-writer.ts
init_define_ACTION_INPUTS();
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
var OCI_LAYOUT = Buffer.from('{"imageLayoutVersion":"1.0.0"}', "utf8");
function indexJson(root) {
  const manifests = [{ mediaType: root.mediaType, digest: root.digest, size: root.size }];
  return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests }), "utf8");
}
async function writeArchive(source, path, mtime) {
  await mkdir(dirname(path), { recursive: true });
  const tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.partial`);
  const handle = await open(tempPath, "wx", 420);
  let position = 0;
  const stored = /* @__PURE__ */ new Set();
  const write = async (bytes) => {
    await handle.write(bytes, 0, bytes.length, position);
    position += bytes.length;
  };
  const file = async (name, data) => {
    await write(tarHeader({ name, type: "file", size: data.length, mode: 420, mtime }));
    await write(Buffer.concat([data, tarPadding(data.length)]));
  };
  const blob = async (descriptor, body) => {
    if (stored.has(descriptor.digest)) return;
    const hex = descriptor.digest.replace(/^sha256:/, "");
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`"${descriptor.digest}" is not a sha256 digest`);
    await write(tarHeader({ name: `blobs/sha256/${hex}`, type: "file", size: descriptor.size, mode: 420, mtime }));
    for await (const chunk of checkedBlob(body, descriptor)) await write(chunk);
    await write(tarPadding(descriptor.size));
    stored.add(descriptor.digest);
  };
  const document = async (descriptor) => {
    const bytes = await source.document(descriptor);
    if (!bytes) throw new Error(`${source.label} does not hold ${descriptor.mediaType} ${descriptor.digest}`);
    return bytes;
  };
  const copy = async (bytes, descriptor, depth) => {
    const parsed = parseManifest(bytes, descriptor.mediaType, `${source.label} ${descriptor.digest}`);
    if (parsed.kind === "index") {
      if (depth > 4) throw new Error(`${source.label}: indexes nested deeper than 4`);
      for (const child of parsed.doc.manifests) await copy(await document(child), child, depth + 1);
    } else {
      await blob(parsed.doc.config, bytesOnce(await document(parsed.doc.config)));
      for (const layer of parsed.doc.layers) await blob(layer, await source.blob(layer));
    }
    await blob(descriptor, bytesOnce(bytes));
  };
  try {
    await write(tarHeader({ name: "blobs", type: "directory", size: 0, mode: 493, mtime }));
    await write(tarHeader({ name: "blobs/sha256", type: "directory", size: 0, mode: 493, mtime }));
    await file("oci-layout", OCI_LAYOUT);
    const rootDoc = await source.root();
    if (sha256Digest(rootDoc.bytes) !== rootDoc.digest) throw new Error(`${source.label}: the root does not match its digest ${rootDoc.digest}`);
    const root = { mediaType: rootDoc.mediaType ?? MediaType.ociIndex, digest: rootDoc.digest, size: rootDoc.bytes.length };
    await copy(rootDoc.bytes, root, 0);
    await file("index.json", indexJson(root));
    await write(tarEnd());
    await handle.sync();
    let done = false;
    const discard = async () => {
      if (done) return;
      done = true;
      await handle.close().catch(() => void 0);
      await rm(tempPath, { force: true });
    };
    return {
      tempPath,
      root,
      async publish(names) {
        if (done) throw new Error("internal: archive already published or discarded");
        done = true;
        try {
          await handle.close();
          await nameArchive(tempPath, names);
          await rename(tempPath, path);
        } catch (error) {
          await rm(tempPath, { force: true });
          throw error;
        }
      },
      discard
    };
  } catch (error) {
    await handle.close().catch(() => void 0);
    await rm(tempPath, { force: true });
    throw error;
  }
}

// src/oci/base-platforms.ts
init_define_ACTION_INPUTS();
var BaseImageProblem = class extends Error {
  constructor(message, fix) {
    super(message);
    this.fix = fix;
  }
  fix;
};
var MANIFEST_TYPES = [MediaType.ociManifest, MediaType.dockerManifest];
function samePlatform(wanted, platform) {
  const [os, arch, variant] = wanted.split("/");
  const defaults = { arm64: "v8", amd64: "v1" };
  const norm = (a, v) => v || (a ? defaults[a] : void 0) || "";
  return os === platform.os && arch === platform.architecture && norm(arch, variant) === norm(platform.architecture, platform.variant);
}
async function checkedDocument(source, descriptor, what) {
  const bytes = await source.document(descriptor);
  if (!bytes) throw new BaseImageProblem(`${source.label} does not hold the ${what} ${descriptor.digest}`, "check that the base image (or archive) is complete");
  if (sha256Digest(bytes) !== descriptor.digest) throw new BaseImageProblem(`${source.label}: the ${what} ${descriptor.digest} arrived as ${sha256Digest(bytes)}`, "the base is corrupt or tampered with: do not build on it");
  return bytes;
}
function json(bytes, what) {
  try {
    const parsed = JSON.parse(bytes.toString("utf8"));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed;
  } catch {
  }
  throw new BaseImageProblem(`${what} is not a JSON object`, "the base image is damaged");
}
async function readPlatform(source, descriptor, given) {
  if (!MANIFEST_TYPES.includes(descriptor.mediaType)) {
    throw new BaseImageProblem(`${source.label}: ${descriptor.digest} has media type ${descriptor.mediaType || "(none)"}, which the registry engine cannot append a layer to`, `use a base with OCI or Docker schema 2 image manifests (${MANIFEST_TYPES.join(", ")}), or engine: buildx`);
  }
  const bytes = await checkedDocument(source, descriptor, "manifest");
  const manifest = json(bytes, `manifest ${descriptor.digest}`);
  parseManifest(bytes, descriptor.mediaType, `${source.label} manifest ${descriptor.digest}`);
  const configDescriptor = manifest["config"];
  const config = json(await checkedDocument(source, configDescriptor, "config"), `config ${configDescriptor.digest}`);
  const platform = given ?? {
    os: String(config["os"] ?? ""),
    architecture: String(config["architecture"] ?? ""),
    ...typeof config["variant"] === "string" && config["variant"] !== "" ? { variant: config["variant"] } : {}
  };
  if (!platform.os || !platform.architecture) throw new BaseImageProblem(`${source.label}: manifest ${descriptor.digest} names no platform (no os/architecture in its config)`, "use a base image built for a platform");
  return { platform, name: platformName(platform), manifest: { descriptor, json: manifest }, config: { descriptor: configDescriptor, json: config } };
}
async function readBase(source, requested) {
  const root = await source.root();
  if (sha256Digest(root.bytes) !== root.digest) throw new BaseImageProblem(`${source.label}: the root does not match its digest ${root.digest}`, "the base is corrupt or tampered with");
  const parsed = parseManifest(root.bytes, root.mediaType, source.label);
  if (parsed.kind === "manifest") {
    const mediaType = root.mediaType && MANIFEST_TYPES.includes(root.mediaType) ? root.mediaType : String(parsed.doc.mediaType ?? MediaType.ociManifest);
    const only = await readPlatform(source, { mediaType, digest: root.digest, size: root.bytes.length }, void 0);
    const match = requested.filter((p) => samePlatform(p, only.platform));
    if (requested.some((p) => !samePlatform(p, only.platform))) {
      throw new BaseImageProblem(
        `${source.label} is a single-platform image (${only.name}), not a multi-platform index, so it has no ${requested.filter((p) => !samePlatform(p, only.platform)).join(", ")}`,
        `set platforms: ${only.name}, or use a multi-platform base`
      );
    }
    return { digest: root.digest, mediaType, single: true, attestations: 0, platforms: match.length ? [only] : [], available: [only.name] };
  }
  const images = [];
  let attestations = 0;
  for (const entry of parsed.doc.manifests) {
    if (isAttestation(entry)) attestations++;
    else if (/index|manifest\.list/.test(entry.mediaType)) {
      throw new BaseImageProblem(`${source.label}: the index nests another index (${entry.digest})`, "name the inner index by its digest as base-image");
    } else if (entry.platform) images.push({ descriptor: entry, platform: entry.platform });
  }
  const available = images.map((i) => platformName(i.platform));
  const chosen = [];
  const missing = [];
  for (const wanted of requested) {
    const found = images.find((i) => samePlatform(wanted, i.platform));
    if (found) chosen.push(found);
    else missing.push(wanted);
  }
  if (missing.length > 0) {
    throw new BaseImageProblem(`${source.label} has no ${missing.join(", ")} (it has ${available.join(", ") || "no image platforms"})`, `set platforms to those the base has, e.g. platforms: ${available.join(",")}`);
  }
  const platforms = await Promise.all(chosen.map((c) => readPlatform(source, c.descriptor, c.platform)));
  return { digest: root.digest, mediaType: root.mediaType ?? String(parsed.doc.mediaType ?? MediaType.ociIndex), single: false, attestations, platforms, available };
}

// src/build/registry-engine.ts
var REGISTRY_ENGINE = { driver: "none (registry engine)", builder: "registry engine", containerdStore: false, loadsMultiPlatform: false };
function repositories(options) {
  const byName = /* @__PURE__ */ new Map();
  const add = (name) => {
    const ref = parseImageReference(name);
    const key = `${ref.apiHost}/${ref.repository}`;
    const found = byName.get(key) ?? { name, ref, tags: [] };
    byName.set(key, found);
    return found;
  };
  if (!options.push) return [];
  for (const image of options.images) add(image);
  if (!options.pushByDigest) {
    for (const full of options.tags) {
      const ref = parseImageReference(full);
      add(full.slice(0, full.lastIndexOf(":"))).tags.push(ref.tag ?? "latest");
    }
  }
  return [...byName.values()];
}
function watchMounts(http, own, onRefused) {
  return {
    ...http,
    async request(pathOrUrl, init) {
      const raw = init.method === "POST" ? /[?&]mount=([^&]+)/.exec(pathOrUrl)?.[1] : void 0;
      const mount = raw === void 0 ? void 0 : decodeURIComponent(raw);
      if (mount !== void 0 && own.has(mount)) return new Response(null, { status: 202 });
      const response = await http.request(pathOrUrl, init);
      if (mount !== void 0 && response.status === 202) onRefused(mount);
      return response;
    }
  };
}
async function openBase(value, deps) {
  const base = parseBaseImage(value);
  if (base.kind === "registry") {
    const credentials = await deps.credentials(base.ref.registry);
    return { source: registrySource({ reference: base.reference, ...credentials ? { credentials } : {} }, deps.fetch ?? fetch), ref: base.ref };
  }
  const source = await layoutSource(base.path, { ...base.tag ? { refName: base.tag } : {}, label: `${base.kind}://${base.path}` });
  return { source };
}
function describeFailure(error) {
  if (error instanceof BaseImageProblem || error instanceof RegistryFailure) return { got: error.message, fix: error.fix };
  return { got: error.message, fix: "check base-image and the registry, then run again" };
}
async function registryBuild(options, prepared, expectations, deps) {
  const { log } = deps;
  if (options.mode.kind !== "overlay") throw new Error("internal: the registry engine builds overlay mode only");
  const baseImage = options.mode.baseImage;
  const layer = await encoderLayer({ cacheDir: prepared.cacheDir, manifest: prepared.manifest, cachePath: options.cachePath, sourceDateEpoch: options.sourceDateEpoch });
  log.info(`encoder layer ${layer.digest}: ${layer.files.length} files, ${layer.tarSize} B tar, ${layer.size} B gzip`);
  let base;
  try {
    base = await openBase(baseImage, deps);
  } catch (error) {
    throw new BuildError({ what: `cannot open base-image ${baseImage}`, ...describeFailure(error) }, { cause: error });
  }
  const archives = [];
  try {
    const read = await readBase(base.source, options.platforms).catch((error) => {
      throw new BuildError({ what: `base-image ${baseImage} cannot be made offline by the registry engine`, ...describeFailure(error) }, { cause: error });
    });
    if (read.single) log.notice(`base-image ${baseImage} is a single manifest, not a multi-platform index: treated as one platform, ${read.available[0]}`);
    if (read.attestations > 0) log.info(`dropping the base's ${read.attestations} attestation manifest(s): they attest the base's bytes, not this image`);
    const created = options.sourceDateEpoch === void 0 ? void 0 : rfc3339(options.sourceDateEpoch);
    const own = /* @__PURE__ */ new Map([[layer.digest, layer.blob]]);
    const entries = [];
    const platformDigests = {};
    for (const p of read.platforms) {
      const configType = p.config.descriptor.mediaType || (p.manifest.descriptor.mediaType === MediaType.dockerManifest ? BlobMediaType.dockerConfig : BlobMediaType.ociConfig);
      const config = overlayConfig(p.config.json, { diffId: layer.diffId, cachePath: options.cachePath, labels: options.labels, created, createdBy: `COPY encoder cache to ${options.cachePath} (oneapi-offline)` }, configType);
      const manifest = overlayManifest(p.manifest.json, p.manifest.descriptor.mediaType, config.descriptor, layer);
      own.set(config.descriptor.digest, config.bytes);
      own.set(manifest.descriptor.digest, manifest.bytes);
      entries.push({ descriptor: manifest.descriptor, platform: p.platform });
      platformDigests[p.name] = manifest.descriptor.digest;
    }
    const index = imageIndex(entries, read.single ? indexMediaTypeFor(read.mediaType) : read.mediaType);
    own.set(index.descriptor.digest, index.bytes);
    const digest = index.descriptor.digest;
    const image = overlaySource(base.source, { root: { digest, mediaType: index.descriptor.mediaType, bytes: index.bytes }, own, label: `offline image ${digest}` });
    const targets = [];
    for (const repo of repositories(options)) {
      const credentials = await deps.credentials(repo.ref.registry);
      const plain = repositoryHttp({ apiHost: repo.ref.apiHost, repository: repo.ref.repository, credentials }, deps.fetch ?? fetch);
      const refused = [];
      const http = watchMounts(plain, new Set(own.keys()), (digest2) => refused.push(digest2));
      targets.push({ repo, http, ...credentials ? { credentials } : {} });
      await blobExists(http, layer.digest).catch(() => void 0);
      const mountFrom = base.ref && base.ref.apiHost === repo.ref.apiHost ? base.ref.repository : void 0;
      await log.group(
        `push ${repo.ref.apiHost}/${repo.ref.repository}@${digest} (by digest${mountFrom ? `, mounting the base's blobs from ${mountFrom}` : ""})`,
        () => pushByDigest(image, http, { log, mountFrom, ...deps.sleep ? { sleep: deps.sleep } : {} })
      ).catch((error) => {
        throw new BuildError({ what: `pushing ${repo.ref.apiHost}/${repo.ref.repository}@${digest} failed (no tag was written)`, ...describeFailure(error) }, { cause: error });
      });
      if (refused.length > 0) log.notice(`${repo.ref.apiHost} refused ${refused.length} cross-repository mount(s) from ${mountFrom}: those base blobs were uploaded instead`);
    }
    if (options.archive) {
      archives.push(await log.group(`write OCI archive ${options.archive}`, () => writeArchive(image, options.archive, options.sourceDateEpoch ?? 0)));
    }
    let verification;
    if (options.verify) {
      const checks = [
        ...targets.map((t) => ({ kind: "registry", reference: `${t.repo.ref.registry}/${t.repo.ref.repository}@${digest}`, ...t.credentials ? { credentials: t.credentials } : {} })),
        ...archives.map((a) => ({ kind: "oci-archive", path: a.tempPath, digest }))
      ];
      for (const target of checks) {
        const report = await log.group(
          `Verify ${target.kind === "registry" ? target.reference : "the OCI archive"} offline, per platform`,
          () => verifyImage(target, expectations, { log, ...deps.fetch ? { fetch: deps.fetch } : {} })
        );
        verification ??= report;
        if (!report.ok) {
          verification = report;
          break;
        }
      }
    }
    const passed = verification === void 0 || verification.ok;
    const applied = [];
    if (passed) {
      for (const t of targets) {
        for (const tag of t.repo.tags) {
          await withRetry(`PUT ${t.repo.ref.repository}:${tag}`, () => putManifest(t.http, tag, index.bytes, index.descriptor.mediaType), { log, sleep: deps.sleep }).catch((error) => {
            throw new BuildError({ what: `tagging ${t.repo.ref.apiHost}/${t.repo.ref.repository}:${tag} failed after verification passed`, got: error.message, fix: `the verified image is ${t.repo.name}@${digest}: run again to tag it` }, { cause: error });
          });
          applied.push(`${t.repo.name}:${tag}`);
        }
      }
      for (const a of archives) await a.publish(options.pushByDigest ? [] : options.tags);
    } else {
      log.warning(`verification failed: nothing was tagged; the unpublished image is ${digest}`);
      for (const a of archives) await a.discard();
    }
    return {
      built: {
        digest,
        metadata: { "containerimage.digest": digest, engine: "registry", layer: layer.digest },
        tags: passed ? applied : [],
        ...options.archive && passed ? { archive: options.archive } : {},
        platformDigests,
        ...options.pushByDigest ? { digestRefs: options.images.map((name) => `${name}@${digest}`) } : {},
        route: options.push ? "registry" : "archive",
        engine: REGISTRY_ENGINE
      },
      ...verification ? { verification } : {}
    };
  } catch (error) {
    for (const a of archives) await a.discard();
    throw error;
  } finally {
    await base.source.close();
  }
}
export {
  REGISTRY_ENGINE,
  registryBuild
};
