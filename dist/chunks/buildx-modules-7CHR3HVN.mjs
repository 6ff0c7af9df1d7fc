import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  nameArchive
} from "./chunk-AKAO2R2A.mjs";
import {
  contextLayout,
  stageCacheDir,
  stageSources
} from "./chunk-STZDQXCH.mjs";
import "./chunk-SNRZY2MY.mjs";
import {
  indexImages
} from "./chunk-PNVYHH7R.mjs";
import {
  openRepository,
  sameRegistry
} from "./chunk-BU55TLAZ.mjs";
import "./chunk-NUPML46M.mjs";
import {
  folderTrust
} from "./chunk-SOO7QRZ2.mjs";
import "./chunk-Q4HTTC5K.mjs";
import "./chunk-Z35GPKIQ.mjs";
import {
  layoutSource
} from "./chunk-RPBY7RYD.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import {
  builtWith,
  checkBuilderPlatforms,
  probeEngine
} from "./chunk-5CHQ62RT.mjs";
import {
  runDocker
} from "./chunk-HPA36ARU.mjs";
import {
  buildFlagArgs,
  buildxOutputs,
  chooseRoute,
  destPath,
  needsArchive,
  secretArgs,
  targetRepositories,
  writeSecretValues
} from "./chunk-JGT2WQRC.mjs";
import "./chunk-EVVRLWBB.mjs";
import {
  getManifest,
  pushByDigest,
  putManifest,
  withRetry
} from "./chunk-TDMJSE4D.mjs";
import {
  RegistryFailure
} from "./chunk-RUAZ4UUQ.mjs";
import {
  parseManifest
} from "./chunk-37GEL7R4.mjs";
import "./chunk-CZKUM3XS.mjs";
import {
  splitTag
} from "./chunk-2PSOF6JL.mjs";
import "./chunk-DOLB5LDS.mjs";
import {
  imageEnvOf
} from "./chunk-JL67VI6R.mjs";
import "./chunk-UUOAP4AD.mjs";
import "./chunk-SC7NWMZY.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-TVM242SN.mjs";
import "./chunk-EOQMFXHM.mjs";
import {
  dockerConfigDir
} from "./chunk-GB2XVR7V.mjs";
import "./chunk-5NV5H2XR.mjs";
import "./chunk-SH2FOLLV.mjs";
import "./chunk-TORZOQGE.mjs";
import {
  isDigest
} from "./chunk-LMSPCY74.mjs";
import "./chunk-7I65BH5E.mjs";
import "./chunk-JUBMCVBR.mjs";
import "./chunk-AMMJLJJB.mjs";
import {
  BuildError,
  PublishError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/build/build.ts
import { mkdir as mkdir3, readFile, rm as rm2 } from "node:fs/promises";
import { dirname, join as join3 } from "node:path";

// src/build/argv.ts
function buildxArgs(options, paths) {
  const route = paths.route ?? "archive";
  const argv = ["buildx", "build"];
  if (options.builder) argv.push("--builder", options.builder);
  argv.push("--platform", options.platforms.join(","));
  const file = paths.dockerfilePath ?? (options.mode.kind === "dockerfile" ? options.mode.file : void 0);
  if (file) argv.push("--file", file);
  if (options.mode.kind === "dockerfile") argv.push("--build-context", `tiktoken=${options.cacheDir}`);
  for (const [key, value] of options.buildArgs) argv.push("--build-arg", `${key}=${value}`);
  for (const [key, value] of options.labels) argv.push("--label", `${key}=${value}`);
  for (const annotation of options.annotations) argv.push("--annotation", annotation);
  argv.push(...buildFlagArgs(options.flags));
  argv.push(...secretArgs(options.buildSecrets, paths.secretFiles ?? /* @__PURE__ */ new Map()));
  argv.push("--metadata-file", paths.metadataFile);
  if (options.provenance) argv.push("--provenance", options.provenance);
  for (const output of buildxOutputs(options, route, paths.dest)) argv.push("--output", output);
  const context = paths.context ?? (options.mode.kind === "dockerfile" ? options.mode.context : void 0);
  if (context === void 0) throw new Error("overlay mode needs the generated context folder");
  argv.push(context);
  return argv;
}

// src/build/layout-pool.ts
import { link, lstat, mkdir, mkdtemp, readdir, rm, utimes } from "node:fs/promises";
import { join } from "node:path";
var HEX64 = /^[0-9a-f]{64}$/;
var KEEP_MS = 14 * 24 * 3600 * 1e3;
var STALE_RUN_MS = 24 * 3600 * 1e3;
var LAYOUT_LOCK_NOISE = /^ERROR: \(\*service\)\.Write failed: rpc error: code = Unavailable desc = ref \S+ locked for .+: unavailable$/;
async function blobNames(dir) {
  return (await readdir(dir).catch(() => [])).filter((name) => HEX64.test(name));
}
async function linkAll(names, from, to) {
  let failed = 0;
  await Promise.all(
    names.map(
      (name) => link(join(from, name), join(to, name)).catch((error) => {
        if (error.code !== "EEXIST") failed++;
      })
    )
  );
  return failed;
}
async function referencedBlobs(dir) {
  const source = await layoutSource(dir);
  const used = /* @__PURE__ */ new Set();
  const hex = (digest) => digest.replace(/^sha256:/, "");
  const walk = async (bytes, mediaType, depth) => {
    const parsed = parseManifest(bytes, mediaType, dir);
    const children = parsed.kind === "index" ? [...parsed.doc.manifests] : [parsed.doc.config, ...parsed.doc.layers];
    for (const child of children) used.add(hex(child.digest));
    if (parsed.kind !== "index" || depth > 4) return;
    for (const child of parsed.doc.manifests) {
      const doc = await source.document(child);
      if (doc) await walk(doc, child.mediaType, depth + 1);
    }
  };
  try {
    const root = await source.root();
    used.add(hex(root.digest));
    await walk(root.bytes, root.mediaType, 0);
    return used;
  } finally {
    await source.close();
  }
}
async function prune(pool, now) {
  const blobs = join(pool, "blobs", "sha256");
  for (const name of await blobNames(blobs)) {
    const info = await lstat(join(blobs, name)).catch(() => void 0);
    if (info?.isFile() && now - info.mtimeMs > KEEP_MS) await rm(join(blobs, name), { force: true });
  }
  const runs = join(pool, "runs");
  for (const name of await readdir(runs).catch(() => [])) {
    const info = await lstat(join(runs, name)).catch(() => void 0);
    if (info?.isDirectory() && /^run-/.test(name) && now - info.mtimeMs > STALE_RUN_MS) await rm(join(runs, name), { recursive: true, force: true });
  }
}
async function openLayoutRun(pool, tempDir, onIgnored) {
  const plain = async () => {
    await mkdir(tempDir, { recursive: true });
    const dir = await mkdtemp(join(tempDir, "layout-"));
    return { dir, keep: async () => void 0, close: () => rm(dir, { recursive: true, force: true }) };
  };
  let trust = await folderTrust(pool);
  if (trust === "missing") {
    await mkdir(pool, { recursive: true, mode: 448 }).catch(() => void 0);
    trust = await folderTrust(pool);
  }
  if (trust !== "private") {
    onIgnored(`kept image blobs in ${pool} not used: the folder is not one only this user may write to`);
    return plain();
  }
  const kept = join(pool, "blobs", "sha256");
  try {
    await mkdir(kept, { recursive: true, mode: 448 });
    await mkdir(join(pool, "runs"), { recursive: true, mode: 448 });
    const dir = await mkdtemp(join(pool, "runs", "run-"));
    const blobs = join(dir, "blobs", "sha256");
    await mkdir(blobs, { recursive: true });
    const failed = await linkAll(await blobNames(kept), kept, blobs);
    if (failed > 0) onIgnored(`${failed} kept image blob(s) in ${kept} could not be linked; buildx writes them again`);
    return {
      dir,
      async keep() {
        try {
          const used = await referencedBlobs(dir);
          const names = (await blobNames(blobs)).filter((name) => used.has(name));
          await linkAll(names, blobs, kept);
          const now = /* @__PURE__ */ new Date();
          await Promise.all(names.map((name) => utimes(join(kept, name), now, now).catch(() => void 0)));
          await prune(pool, now.getTime());
        } catch (error) {
          onIgnored(`cannot keep this run's image blobs in ${kept}: ${error.message}`);
        }
      },
      close: () => rm(dir, { recursive: true, force: true })
    };
  } catch (error) {
    onIgnored(`kept image blobs in ${pool} not used: ${error.message}`);
    return plain();
  }
}

// src/build/metadata.ts
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
    if (value !== void 0 && !isDigest(value)) {
      throw new BuildError({ what: `buildx ${file}: ${key} is not a sha256 digest`, got: value, expected: "sha256:<64 hex>", fix: "report this with the buildx version" });
    }
  }
  const imageid = config ?? digest;
  return { ...digest ? { digest } : {}, ...imageid ? { imageid } : {}, names, metadata };
}

// src/build/overlay.ts
import { mkdir as mkdir2, writeFile } from "node:fs/promises";
import { join as join2 } from "node:path";
function overlayDockerfile(baseImage, cachePath, imageEnv) {
  const env = imageEnvOf(cachePath, imageEnv).map(([key, value]) => `${key}=${value}`);
  return [`FROM ${baseImage}`, "COPY . /", `ENV ${env.join(" ")}`, ""].join("\n");
}
async function writeOverlay(dir, baseImage, cachePath, imageEnv) {
  await mkdir2(dir, { recursive: true });
  const dockerfile = join2(dir, "Dockerfile");
  await writeFile(dockerfile, overlayDockerfile(baseImage, cachePath, imageEnv));
  return dockerfile;
}

// src/build/build.ts
function pushFailure(error, repository) {
  const message = error instanceof RegistryFailure ? error.message : error.message;
  return new BuildError(
    { what: `pushing the built image by digest to ${repository} failed (no tag was written)`, got: message, fix: error instanceof RegistryFailure ? error.fix : "check the registry and run again" },
    { cause: error }
  );
}
async function pushArchive(source, repositories, deps) {
  let first;
  let root;
  for (const name of repositories) {
    const http = openRepository(name, deps);
    try {
      root = await pushByDigest(source, http, { log: deps.log, mountFrom: first && sameRegistry(first, http) ? first.endpoint.repository : void 0 });
    } catch (error) {
      throw pushFailure(error, name);
    }
    first ??= http;
  }
  if (!root) throw new Error("pushArchive needs at least one repository");
  return root;
}
async function build(input, from, deps) {
  const docker = { log: deps.log, docker: deps.docker, env: deps.env, buildx: deps.buildx };
  const engine = deps.engine ?? await probeEngine(docker, input.builder, { store: input.load });
  if (!deps.engine) checkBuilderPlatforms(engine, input.platforms);
  const overlayMode = input.mode.kind === "overlay" ? input.mode : void 0;
  const shape = contextLayout(overlayMode !== void 0, input.cachePath);
  const cacheDir = "staged" in from ? from.staged : await stageCacheDir(from, join3(deps.tempDir, shape.name), shape.layout);
  const options = { ...input, cacheDir };
  await mkdir3(deps.tempDir, { recursive: true });
  if (input.archive) await mkdir3(dirname(input.archive), { recursive: true });
  if (options.provenanceNotice) deps.log.notice(options.provenanceNotice);
  const overlay = overlayMode ? { dockerfile: await writeOverlay(join3(deps.tempDir, "overlay"), overlayMode.baseImage, options.cachePath, options.imageEnv), context: cacheDir } : void 0;
  const route = chooseRoute(options, engine.driver);
  const layout = !options.archive && !options.load && needsArchive(options, route) && deps.openLayout ? await deps.openLayout() : void 0;
  const dest = options.archive !== void 0 ? void 0 : layout ? { layout: layout.dir } : needsArchive(options, route) ? { archive: join3(deps.tempDir, "image.oci.tar") } : void 0;
  const ociArchive = options.archive ?? (dest && destPath(dest));
  const metadataFile = join3(deps.tempDir, "metadata.json");
  const secretDir = join3(deps.tempDir, "secrets");
  const secretFiles = await writeSecretValues(options.buildSecrets, secretDir);
  const argv = buildxArgs(options, { metadataFile, dockerfilePath: overlay?.dockerfile, context: overlay?.context, route, dest, secretFiles });
  const repositories = options.push ? targetRepositories(options) : [];
  const how = route === "registry" ? "pushed by digest, no tags yet" : layout ? "one OCI layout, no tags yet" : ociArchive ? "one OCI archive, no tags yet" : "no output";
  let output;
  try {
    output = await deps.log.group(`docker buildx build (${options.platforms.join(", ")}; ${how})`, () => runDocker(argv, docker, { what: "docker buildx build", quiet: layout ? LAYOUT_LOCK_NOISE : void 0 }));
  } finally {
    if (secretFiles.size > 0) await rm2(secretDir, { recursive: true, force: true });
  }
  checkBuiltWith(output.stderr, engine);
  await layout?.keep();
  const meta = parseMetadata(await readFile(metadataFile, "utf8"), metadataFile);
  let platformDigests;
  let digest = meta.digest;
  let root;
  if (route === "archive" && ociArchive) {
    const source = await layoutSource(ociArchive);
    try {
      const top = await source.root();
      digest = top.digest;
      platformDigests = platformsOf(top.bytes, top.digest, options.platforms);
      if (repositories.length > 0) {
        root = await deps.log.group(`Push by digest to ${repositories.join(", ")} (no tags)`, () => pushArchive(source, repositories, deps));
      }
    } finally {
      await source.close();
    }
  } else if (route === "registry") {
    const first = repositories[0];
    if (!digest || !first) throw new BuildError({ what: "buildx pushed by digest but reported no digest", got: JSON.stringify(meta.metadata).slice(0, 300), fix: "check the buildx version (0.10 or newer writes containerimage.digest)" });
    const pushed = await getManifest(openRepository(first, deps), digest).catch((error) => {
      throw pushFailure(error, first);
    });
    root = { bytes: pushed.bytes, mediaType: pushed.mediaType };
    platformDigests = platformsOf(pushed.bytes, digest, options.platforms);
  }
  return {
    ...digest ? { digest } : {},
    ...meta.imageid ? { imageid: meta.imageid } : {},
    metadata: meta.metadata,
    tags: options.pushByDigest ? [] : options.tags,
    ...options.archive ? { archive: options.archive } : {},
    ...ociArchive ? { ociArchive } : {},
    ...platformDigests ? { platformDigests } : {},
    ...options.pushByDigest && digest ? { digestRefs: repositories.map((image) => `${image}@${digest}`) } : {},
    ...root ? { root } : {},
    route,
    engine
  };
}
function checkBuiltWith(stderr, engine) {
  const used = builtWith(stderr);
  if (!used || engine.driver === "unknown" || used.driver === engine.driver) return;
  throw new BuildError({
    what: `buildx built on "${used.builder}" with the ${used.driver} driver, but builder "${engine.builder ?? "default"}" was taken for a ${engine.driver} builder; nothing was tagged`,
    got: `${used.builder} (${used.driver})`,
    expected: `the ${engine.driver} driver`,
    fix: "check `docker buildx ls` (BUILDX_CONFIG, DOCKER_CONFIG) and run again"
  });
}
function platformsOf(bytes, digest, platforms) {
  const parsed = parseManifest(bytes, void 0, `the pushed root ${digest}`);
  if (parsed.kind === "manifest") return platforms.length === 1 && platforms[0] ? { [platforms[0]]: digest } : {};
  return Object.fromEntries(indexImages(parsed.doc).map((m) => [m.platform, m.digest]));
}

// src/build/buildx-binary.ts
import { constants } from "node:fs";
import { access, open, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { delimiter, join as join4 } from "node:path";
var SYSTEM_PLUGIN_DIRS = ["/usr/local/lib/docker/cli-plugins", "/usr/local/libexec/docker/cli-plugins", "/usr/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins"];
async function executableFile(path) {
  const info = await stat(path).catch(() => void 0);
  return info?.isFile() === true && await access(path, constants.X_OK).then(() => true, () => false);
}
async function isElf(path) {
  const handle = await open(path, "r").catch(() => void 0);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.equals(Buffer.from([127, 69, 76, 70]));
  } finally {
    await handle.close();
  }
}
async function dockerOnPath(env) {
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    if (dir === "") continue;
    if (await executableFile(join4(dir, "docker"))) return join4(dir, "docker");
  }
  return void 0;
}
function namesExtraPluginDirs(dockerConfig) {
  if (!dockerConfig) return false;
  try {
    const dirs = JSON.parse(dockerConfig).cliPluginsExtraDirs;
    return Array.isArray(dirs) && dirs.length > 0;
  } catch {
    return true;
  }
}
async function buildxBinary(env, dockerConfig, home = homedir()) {
  if (process.platform !== "linux" || namesExtraPluginDirs(dockerConfig)) return void 0;
  const docker = await dockerOnPath(env);
  if (!docker || !await isElf(docker)) return void 0;
  for (const dir of [join4(dockerConfigDir(env, home), "cli-plugins"), ...SYSTEM_PLUGIN_DIRS]) {
    const candidate = join4(dir, "docker-buildx");
    if (await executableFile(candidate)) return candidate;
  }
  return void 0;
}

// src/build/publish.ts
function plannedTags(options, reason) {
  if (options.pushByDigest) return [];
  const where = [...options.push ? ["registry"] : [], ...options.load ? ["local"] : [], ...options.archive ? ["archive"] : []];
  return where.flatMap((w) => options.tags.map((ref) => ({ ref, where: w, published: false, ...reason ? { reason } : {} })));
}
async function tagInRegistry(image, tags, deps) {
  const digest = image.digest;
  let root = image.root ? Promise.resolve(image.root) : void 0;
  return Promise.all(
    tags.map(async (ref) => {
      const { name, tag } = splitTag(ref);
      try {
        const http = openRepository(name, deps);
        root ??= getManifest(http, digest);
        const { bytes, mediaType } = await root;
        await withRetry(`PUT ${ref}`, () => putManifest(http, tag ?? "latest", bytes, mediaType), deps);
        deps.log.info(`tagged ${ref} \u2192 ${digest}`);
        return { ref, where: "registry", published: true };
      } catch (error) {
        const reason = error instanceof RegistryFailure ? `${error.message} (${error.fix})` : error.message;
        deps.log.warning(`could not tag ${ref}: ${reason}`);
        return { ref, where: "registry", published: false, reason };
      }
    })
  );
}
async function localTags(built, tags, deps) {
  const docker = { log: deps.log, docker: deps.docker, env: deps.env };
  if (!built.ociArchive) throw new Error("a load needs the verified OCI archive");
  const loaded = await runDocker(["load", "--input", built.ociArchive], docker, { what: "docker load" });
  const id = /Loaded image(?: ID)?:\s*(\S+)/.exec(loaded.stdout)?.[1] ?? built.digest;
  const states = [];
  for (const ref of tags) {
    try {
      await runDocker(["tag", id ?? "", ref], docker, { what: "docker tag" });
      states.push({ ref, where: "local", published: true });
    } catch (error) {
      states.push({ ref, where: "local", published: false, reason: error.message });
    }
  }
  return states;
}
async function publish(built, options, deps) {
  if (!built.digest) return [];
  const tags = options.pushByDigest ? [] : options.tags;
  const states = [];
  if (options.push && tags.length > 0) states.push(...await deps.log.group(`Tag ${built.digest} in the registry`, () => tagInRegistry({ digest: built.digest, root: built.root }, tags, deps)));
  if (options.archive && tags.length > 0) {
    const archive = options.archive;
    try {
      await nameArchive(archive, tags);
      states.push(...tags.map((ref) => ({ ref, where: "archive", published: true })));
    } catch (error) {
      states.push(...tags.map((ref) => ({ ref, where: "archive", published: false, reason: error.message })));
    }
  }
  if (options.load) states.push(...await deps.log.group("docker load (verified archive), then docker tag", () => localTags(built, tags, deps)));
  assertPublished(states, built.digest, options.images[0], options.verify);
  return states;
}
function assertPublished(states, digest, image, verified) {
  const refused = states.filter((s) => !s.published);
  if (refused.length > 0) {
    throw new PublishError(
      {
        what: `${refused.length} of ${states.length} tag(s) could not be created for ${digest} (it was built and pushed by digest${verified ? " and passed verification" : ""})`,
        got: refused.map((s) => `${s.ref} (${s.where}): ${s.reason ?? "refused"}`).join("\n  "),
        expected: "push access to every tag",
        fix: `the image is ${image ? `${image}@${digest}` : digest} (the digest output); fix the access and tag it without rebuilding, e.g. docker buildx imagetools create -t <tag> ${image ?? "<image>"}@${digest}`
      },
      [...states]
    );
  }
}
export {
  assertPublished,
  build,
  buildxBinary,
  contextLayout,
  openLayoutRun,
  plannedTags,
  publish,
  stageSources,
  tagInRegistry
};
