import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  probeEngine
} from "./chunk-UZZM6D2E.mjs";
import {
  runDocker
} from "./chunk-7VLGP4TU.mjs";
import "./chunk-TFUDK5DV.mjs";
import {
  BuildError
} from "./chunk-22DLFXIZ.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/build/build.ts
import { mkdir as mkdir3, readFile } from "node:fs/promises";
import { dirname, join as join3 } from "node:path";

// src/build/outputs.ts
function chooseRoute(options, driver) {
  if (driver !== "docker") return "direct";
  if (options.pushByDigest) return "oci-then-docker";
  if ((options.push || options.load) && (options.sourceDateEpoch !== void 0 || options.archive !== void 0)) return "oci-then-docker";
  return "direct";
}
function csvField(field2) {
  return /[,"]/.test(field2) ? `"${field2.replace(/"/g, '""')}"` : field2;
}
function rewrite(options) {
  return options.sourceDateEpoch === void 0 ? [] : ["rewrite-timestamp=true"];
}
function stagingTag(platforms) {
  return `by-digest-${platforms.join("-").replace(/[^\w.-]/g, "-")}`.slice(0, 128);
}
function buildxOutputs(options, route, ociArchive) {
  if (route === "oci-then-docker") {
    const dest2 = options.archive ?? ociArchive;
    if (dest2 === void 0) throw new Error("the docker route needs an OCI archive path");
    const first = options.pushByDigest ? `${options.images[0]}:${stagingTag(options.platforms)}` : options.tags[0];
    return [["type=oci", `dest=${dest2}`, ...first ? [`name=${first}`] : [], ...rewrite(options)].map(csvField).join(",")];
  }
  const outputs = [];
  if (options.pushByDigest) {
    outputs.push(["type=image", `name=${options.images.join(",")}`, "push-by-digest=true", "name-canonical=true", "push=true", ...rewrite(options)].map(csvField).join(","));
  } else if (options.push) {
    outputs.push(["type=image", "push=true", ...rewrite(options)].join(","));
  }
  if (options.load) outputs.push(["type=docker", ...rewrite(options)].join(","));
  const dest = options.archive ?? ociArchive;
  if (dest !== void 0) outputs.push(["type=oci", `dest=${dest}`, ...rewrite(options)].map(csvField).join(","));
  return outputs;
}
function dockerSteps(options, archive) {
  const steps = [["load", "--input", archive]];
  if (options.pushByDigest) {
    const staging = stagingTag(options.platforms);
    const [first2, ...rest2] = options.images.map((image) => `${image}:${staging}`);
    for (const ref of rest2) steps.push(["tag", first2 ?? "", ref]);
    for (const ref of [first2, ...rest2]) if (ref) steps.push(["push", ref]);
    return steps;
  }
  const [first, ...rest] = options.tags;
  for (const ref of rest) if (first) steps.push(["tag", first, ref]);
  if (options.push) for (const ref of options.tags) steps.push(["push", ref]);
  return steps;
}

// src/build/argv.ts
function buildxArgs(options, paths) {
  const route = paths.route ?? "direct";
  const argv = ["buildx", "build"];
  if (options.builder) argv.push("--builder", options.builder);
  argv.push("--platform", options.platforms.join(","));
  const file = paths.dockerfilePath ?? (options.mode.kind === "dockerfile" ? options.mode.file : void 0);
  if (file) argv.push("--file", file);
  argv.push("--build-context", `tiktoken=${options.cacheDir}`);
  for (const [key, value] of options.buildArgs) argv.push("--build-arg", `${key}=${value}`);
  for (const [key, value] of options.labels) argv.push("--label", `${key}=${value}`);
  if (!options.pushByDigest) for (const tag of options.tags) argv.push("--tag", tag);
  argv.push("--metadata-file", paths.metadataFile);
  if (options.provenance) argv.push("--provenance", options.provenance);
  for (const output of buildxOutputs(options, route, paths.ociArchive)) argv.push("--output", output);
  const context = paths.context ?? (options.mode.kind === "dockerfile" ? options.mode.context : void 0);
  if (context === void 0) throw new Error("overlay mode needs the generated context folder");
  argv.push(context);
  return argv;
}

// src/build/metadata.ts
var DIGEST = /^sha256:[0-9a-f]{64}$/;
function str(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function parseMetadata(text, file = "metadata file") {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new BuildError(
      { what: `buildx ${file} is not JSON`, got: JSON.stringify(text.slice(0, 200)), expected: "a JSON object", fix: "check the buildx version (0.10 or newer writes --metadata-file)" },
      { cause: error }
    );
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new BuildError({ what: `buildx ${file} is not a JSON object`, got: text.slice(0, 200), fix: "check the buildx version" });
  }
  const metadata = parsed;
  const digest = str(metadata["containerimage.digest"]);
  const config = str(metadata["containerimage.config.digest"]);
  const names = (str(metadata["image.name"]) ?? "").split(",").map((n) => n.trim()).filter((n) => n !== "");
  for (const [key, value] of [["containerimage.digest", digest], ["containerimage.config.digest", config]]) {
    if (value !== void 0 && !DIGEST.test(value)) {
      throw new BuildError({ what: `buildx ${file}: ${key} is not a sha256 digest`, got: value, expected: "sha256:<64 hex>", fix: "report this with the buildx version" });
    }
  }
  const imageid = config ?? digest;
  return { ...digest ? { digest } : {}, ...imageid ? { imageid } : {}, names, metadata };
}

// src/build/oci-archive.ts
import { open } from "node:fs/promises";
var BLOCK = 512;
function field(header, start, length) {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString("utf8");
}
async function readAt(handle, position, length) {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}
async function readTarMember(path, member) {
  const handle = await open(path, "r");
  try {
    let position = 0;
    let longName;
    for (; ; ) {
      const header = await readAt(handle, position, BLOCK);
      if (header.length < BLOCK || header.every((b) => b === 0)) return void 0;
      const size = parseInt(field(header, 124, 12).trim() || "0", 8);
      const type = field(header, 156, 1);
      const prefix = field(header, 345, 155);
      const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
      longName = void 0;
      const data = position + BLOCK;
      if (type === "L") longName = (await readAt(handle, data, size)).toString("utf8").replace(/\0+$/, "");
      else if (name.replace(/^\.\//, "") === member && (type === "0" || type === "")) return readAt(handle, data, size);
      position = data + Math.ceil(size / BLOCK) * BLOCK;
    }
  } finally {
    await handle.close();
  }
}
async function readJson(path, member) {
  const bytes = await readTarMember(path, member);
  if (!bytes) throw new Error(`${path} has no ${member}: not an OCI archive`);
  return JSON.parse(bytes.toString("utf8"));
}
var INDEX_TYPES = /* @__PURE__ */ new Set(["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"]);
async function archiveIndex(path) {
  const top = await readJson(path, "index.json");
  const entry = top.manifests?.[0];
  if (!entry) throw new Error(`${path}: index.json lists no image`);
  if (!INDEX_TYPES.has(entry.mediaType ?? "")) {
    const p = entry.platform;
    return { digest: entry.digest, platforms: p ? { [[p.os, p.architecture, p.variant].filter(Boolean).join("/")]: entry.digest } : {} };
  }
  const index = await readJson(path, `blobs/${entry.digest.replace(":", "/")}`);
  const platforms = {};
  for (const m of index.manifests ?? []) {
    if (m.annotations?.["vnd.docker.reference.type"] === "attestation-manifest" || !m.platform) continue;
    platforms[[m.platform.os, m.platform.architecture, m.platform.variant].filter(Boolean).join("/")] = m.digest;
  }
  return { digest: entry.digest, platforms };
}

// src/build/overlay.ts
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
function overlayDockerfile(baseImage, cachePath) {
  return [
    `FROM ${baseImage}`,
    `COPY --from=tiktoken . ${cachePath}`,
    `ENV TIKTOKEN_CACHE_DIR=${cachePath} DATA_GYM_CACHE_DIR=${cachePath}`,
    ""
  ].join("\n");
}
async function writeOverlay(dir, baseImage, cachePath) {
  await mkdir(dir, { recursive: true });
  const dockerfile = join(dir, "Dockerfile");
  await writeFile(dockerfile, overlayDockerfile(baseImage, cachePath));
  return { context: dir, dockerfile };
}

// src/build/retry.ts
var pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function retrying(run, options) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= options.attempts) throw error;
      options.onRetry?.(error, attempt + 1);
      await (options.sleep ?? pause)(options.delayMs * attempt);
    }
  }
}

// src/build/stage-cache.ts
import { copyFile, mkdir as mkdir2, readdir, utimes } from "node:fs/promises";
import { join as join2 } from "node:path";
async function copyTree(from, to, epoch) {
  await mkdir2(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join2(from, entry.name);
    const target = join2(to, entry.name);
    if (entry.isDirectory()) await copyTree(source, target, epoch);
    else if (entry.isFile()) {
      await copyFile(source, target);
      await utimes(target, epoch, epoch);
    }
  }
  await utimes(to, epoch, epoch);
}
async function stageCacheDir(cacheDir, into, epoch) {
  await copyTree(cacheDir, into, epoch);
  return into;
}

// src/build/build.ts
function platformsOfIndex(raw, digest, platforms) {
  const index = JSON.parse(raw);
  if (index.config !== void 0 && platforms.length === 1 && platforms[0]) return { [platforms[0]]: digest };
  const out = {};
  for (const m of index.manifests ?? []) {
    if (!m.platform || m.annotations?.["vnd.docker.reference.type"] === "attestation-manifest") continue;
    out[[m.platform.os, m.platform.architecture, m.platform.variant].filter(Boolean).join("/")] = m.digest;
  }
  return out;
}
async function build(input, prepared, deps) {
  const cacheDir = input.sourceDateEpoch === void 0 ? prepared.cacheDir : await stageCacheDir(prepared.cacheDir, join3(deps.tempDir, "tiktoken-context"), input.sourceDateEpoch);
  const options = { ...input, cacheDir };
  await mkdir3(deps.tempDir, { recursive: true });
  if (input.archive) await mkdir3(dirname(input.archive), { recursive: true });
  const docker = { log: deps.log, docker: deps.docker, env: deps.env };
  const engine = deps.engine ?? await probeEngine(docker, options.builder);
  if (options.provenanceNotice) deps.log.notice(options.provenanceNotice);
  const overlay = options.mode.kind === "overlay" ? await writeOverlay(join3(deps.tempDir, "overlay"), options.mode.baseImage, options.cachePath) : void 0;
  const route = chooseRoute(options, engine.driver);
  const needsArchive = route === "oci-then-docker" || options.verify && !options.push && options.archive === void 0;
  const ociArchive = options.archive ?? (needsArchive ? join3(deps.tempDir, "image.oci.tar") : void 0);
  const metadataFile = join3(deps.tempDir, "metadata.json");
  const argv = buildxArgs(options, { metadataFile, dockerfilePath: overlay?.dockerfile, context: overlay?.context, route, ociArchive });
  await deps.log.group(
    `docker buildx build (${options.platforms.join(", ")}, ${route === "direct" ? "direct outputs" : "OCI archive, then docker load/push"})`,
    () => runDocker(argv, docker, { what: "docker buildx build" })
  );
  const meta = parseMetadata(await readFile(metadataFile, "utf8"), metadataFile);
  if (route === "oci-then-docker" && ociArchive) {
    await deps.log.group("docker load / tag / push", async () => {
      for (const step of dockerSteps(options, ociArchive)) {
        const run = () => runDocker(step, docker, { what: `docker ${step[0]}` });
        if (step[0] !== "push") await run();
        else await retrying(run, { attempts: 3, delayMs: 1e3, onRetry: (_error, n) => deps.log.warning(`docker ${step.join(" ")} failed; trying again (attempt ${n} of 3)`) });
      }
    });
  }
  let platformDigests;
  let digest = meta.digest;
  if (ociArchive) {
    const index = await archiveIndex(ociArchive);
    platformDigests = index.platforms;
    digest ??= index.digest;
  } else if (options.push && digest) {
    const ref = `${options.images[0]}@${digest}`;
    const raw = await runDocker(["buildx", "imagetools", "inspect", "--raw", ref], { ...docker, log: { ...deps.log, info: (m) => deps.log.debug(m) } }, { echo: false, what: "docker buildx imagetools inspect" });
    platformDigests = platformsOfIndex(raw.stdout, digest, options.platforms);
  }
  return {
    ...digest ? { digest } : {},
    ...meta.imageid ? { imageid: meta.imageid } : {},
    metadata: meta.metadata,
    tags: options.pushByDigest ? [] : options.tags,
    ...options.archive ? { archive: options.archive } : {},
    ...ociArchive ? { ociArchive } : {},
    ...platformDigests ? { platformDigests } : {},
    ...options.pushByDigest && digest ? { digestRefs: options.images.map((image) => `${image}@${digest}`) } : {},
    route,
    engine
  };
}
export {
  build
};
