import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  imageIndex,
  indexMediaTypeFor,
  overlayConfig,
  overlayManifest,
  overlaySource
} from "./chunk-SRPNI7OZ.mjs";
import {
  nameArchive
} from "./chunk-AKAO2R2A.mjs";
import {
  compressLayer,
  encoderTar,
  tarEnd,
  tarHeader,
  tarPadding
} from "./chunk-SNRZY2MY.mjs";
import {
  BaseImageProblem,
  readBase
} from "./chunk-L5GBPAVL.mjs";
import "./chunk-NUPML46M.mjs";
import {
  checkedBlob,
  verifyImage
} from "./chunk-N5GB6H6Z.mjs";
import {
  registrySource
} from "./chunk-PORR73YQ.mjs";
import {
  httpTransport,
  unsent
} from "./chunk-Q4HTTC5K.mjs";
import "./chunk-Z35GPKIQ.mjs";
import {
  layoutSource
} from "./chunk-RPBY7RYD.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import {
  rfc3339
} from "./chunk-C5YV2EB3.mjs";
import {
  blobExists,
  blobPusher,
  pushByDigest,
  putManifest,
  withRetry
} from "./chunk-TDMJSE4D.mjs";
import {
  RegistryFailure,
  repositoryHttp
} from "./chunk-RUAZ4UUQ.mjs";
import {
  BlobMediaType,
  MediaType,
  parseManifest
} from "./chunk-37GEL7R4.mjs";
import "./chunk-RQOY37YH.mjs";
import "./chunk-CZKUM3XS.mjs";
import {
  parseBaseImage
} from "./chunk-Q2XS5W2M.mjs";
import {
  parseImageReference,
  splitTag
} from "./chunk-2PSOF6JL.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-QXO2ADUY.mjs";
import "./chunk-SC7NWMZY.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-NR5WT3X2.mjs";
import "./chunk-TVM242SN.mjs";
import "./chunk-EOQMFXHM.mjs";
import {
  bytesOnce,
  digestHex,
  isDigest,
  sha256Digest
} from "./chunk-LMSPCY74.mjs";
import "./chunk-7I65BH5E.mjs";
import "./chunk-AMMJLJJB.mjs";
import {
  BuildError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/oci/archive-writer.ts
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
    const hex = digestHex(descriptor.digest);
    if (!hex) throw new Error(`"${descriptor.digest}" is not a sha256 digest`);
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
    const parsed = parseManifest(bytes, descriptor.mediaType, `${source.label} ${descriptor.digest}`, { strict: true });
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
      add(splitTag(full).name).tags.push(ref.tag ?? "latest");
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
      if (mount !== void 0 && own.has(mount)) return unsent(202);
      const response = await http.request(pathOrUrl, init);
      if (mount !== void 0 && response.status === 202) onRefused(mount);
      return response;
    }
  };
}
function layersOf(manifest) {
  const layers = Array.isArray(manifest["layers"]) ? manifest["layers"] : [];
  return layers.filter((l) => typeof l === "object" && l !== null && typeof l.digest === "string" && isDigest(l.digest) && typeof l.size === "number");
}
async function openBase(value, deps) {
  const base = parseBaseImage(value);
  if (base.kind === "registry") {
    const credentials = await deps.credentials(base.ref.registry);
    return { source: registrySource({ reference: base.reference, ...credentials ? { credentials } : {} }, deps.transport ?? httpTransport()), ref: base.ref };
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
  const tar = await encoderTar({ cacheDir: prepared.cacheDir, manifest: prepared.manifest, cachePath: options.cachePath, sourceDateEpoch: options.sourceDateEpoch, carried: prepared.carried });
  const compressing = compressLayer(tar, deps.layerCache);
  compressing.catch(() => void 0);
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
    const own = /* @__PURE__ */ new Map();
    let image;
    const blobOf = (descriptor) => (image ?? base.source).blob(descriptor);
    const baseBlobs = [...new Map(read.platforms.flatMap((p) => layersOf(p.manifest.json)).map((l) => [l.digest, l])).values()];
    const targets = [];
    for (const repo of repositories(options)) {
      const credentials = await deps.credentials(repo.ref.registry);
      const plain = repositoryHttp({ apiHost: repo.ref.apiHost, repository: repo.ref.repository, credentials }, deps.transport ?? httpTransport());
      const refused = [];
      const http = watchMounts(plain, own, (digest2) => refused.push(digest2));
      const first = baseBlobs[0];
      if (first) await blobExists(http, first.digest).catch(() => void 0);
      const mountFrom = base.ref && base.ref.apiHost === repo.ref.apiHost ? base.ref.repository : void 0;
      const blobs = blobPusher(blobOf, http, { log, mountFrom, ...deps.sleep ? { sleep: deps.sleep } : {} });
      for (const blob of baseBlobs) blobs.ensure(blob).catch(() => void 0);
      targets.push({ repo, http, blobs, refused, mountFrom, ...credentials ? { credentials } : {} });
    }
    const layer = await compressing;
    log.info(`encoder layer ${layer.digest}: ${layer.files.length} files, ${layer.tarSize} B tar, ${layer.size} B gzip`);
    const created = options.sourceDateEpoch === void 0 ? void 0 : rfc3339(options.sourceDateEpoch);
    own.set(layer.digest, layer.blob);
    const entries = [];
    const platformDigests = {};
    for (const p of read.platforms) {
      const configType = p.config.descriptor.mediaType || (p.manifest.descriptor.mediaType === MediaType.dockerManifest ? BlobMediaType.dockerConfig : BlobMediaType.ociConfig);
      const config = overlayConfig(p.config.json, { diffId: layer.diffId, cachePath: options.cachePath, env: options.imageEnv, labels: options.labels, created, createdBy: `COPY encoder cache to ${options.cachePath} (oneapi-offline)` }, configType);
      const manifest = overlayManifest(p.manifest.json, p.manifest.descriptor.mediaType, config.descriptor, layer);
      own.set(config.descriptor.digest, config.bytes);
      own.set(manifest.descriptor.digest, manifest.bytes);
      entries.push({ descriptor: manifest.descriptor, platform: p.platform });
      platformDigests[p.name] = manifest.descriptor.digest;
    }
    const index = imageIndex(entries, read.single ? indexMediaTypeFor(read.mediaType) : read.mediaType);
    own.set(index.descriptor.digest, index.bytes);
    const digest = index.descriptor.digest;
    image = overlaySource(base.source, { root: { digest, mediaType: index.descriptor.mediaType, bytes: index.bytes }, own, label: `offline image ${digest}` });
    const built = image;
    for (const { repo, http, blobs, refused, mountFrom } of targets) {
      await log.group(
        `push ${repo.ref.apiHost}/${repo.ref.repository}@${digest} (by digest${mountFrom ? `, mounting the base's blobs from ${mountFrom}` : ""})`,
        () => pushByDigest(built, http, { log, mountFrom, blobs, ...deps.sleep ? { sleep: deps.sleep } : {} })
      ).catch((error) => {
        throw new BuildError({ what: `pushing ${repo.ref.apiHost}/${repo.ref.repository}@${digest} failed (no tag was written)`, ...describeFailure(error) }, { cause: error });
      });
      if (refused.length > 0) log.notice(`${repo.ref.apiHost} refused ${refused.length} cross-repository mount(s) from ${mountFrom}: those base blobs were uploaded instead`);
    }
    if (options.archive) {
      archives.push(await log.group(`write OCI archive ${options.archive}`, () => writeArchive(built, options.archive, options.sourceDateEpoch ?? 0)));
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
          () => verifyImage(target, expectations, { log, ...deps.transport ? { transport: deps.transport } : {} })
        );
        verification ??= report;
        if (!report.ok) {
          verification = report;
          break;
        }
      }
    }
    const passed = verification === void 0 || verification.ok;
    if (passed && verification && deps.beforeTag) {
      await deps.beforeTag({ report: verification, repositories: targets.map((t) => t.http), base: { digest: read.digest, platforms: Object.fromEntries(read.platforms.map((p) => [p.name, p.manifest.descriptor.digest])) } });
    }
    const applied = [];
    if (passed) {
      for (const t of targets) {
        const puts = await Promise.allSettled(t.repo.tags.map((tag) => withRetry(`PUT ${t.repo.ref.repository}:${tag}`, () => putManifest(t.http, tag, index.bytes, index.descriptor.mediaType), { log, sleep: deps.sleep })));
        for (const [i, put] of puts.entries()) {
          const tag = t.repo.tags[i];
          if (put.status === "rejected") {
            const error = put.reason;
            throw new BuildError({ what: `tagging ${t.repo.ref.apiHost}/${t.repo.ref.repository}:${tag} failed after verification passed`, got: error.message, fix: `the verified image is ${t.repo.name}@${digest}: run again to tag it` }, { cause: error });
          }
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
