import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  LAYOUT_LOCK_NOISE
} from "./chunk-YDV45ZMJ.mjs";
import {
  contextLayout,
  stageCacheDir
} from "./chunk-NBGWYUOA.mjs";
import "./chunk-HLA4OEZ7.mjs";
import {
  indexImages
} from "./chunk-PNVYHH7R.mjs";
import "./chunk-3FNHDDJ4.mjs";
import {
  openRepository,
  sameRegistry
} from "./chunk-C2EPZYQM.mjs";
import {
  getManifest,
  pushByDigest
} from "./chunk-S5TQWVNS.mjs";
import {
  layoutSource
} from "./chunk-W2EBRDCP.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import {
  RegistryFailure
} from "./chunk-BY6YCJFC.mjs";
import {
  parseManifest
} from "./chunk-37GEL7R4.mjs";
import "./chunk-27QDF7PS.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-SOO7QRZ2.mjs";
import {
  checkBuilderPlatforms,
  probeEngine
} from "./chunk-5CILSZWP.mjs";
import {
  runDocker
} from "./chunk-73S2M7PA.mjs";
import {
  builtWith
} from "./chunk-3OP7IU76.mjs";
import {
  buildxOutputs,
  chooseRoute,
  destPath,
  needsArchive,
  secretArgs,
  targetRepositories,
  writeSecretValues
} from "./chunk-GIQNDKRS.mjs";
import "./chunk-DOLB5LDS.mjs";
import "./chunk-EVVRLWBB.mjs";
import "./chunk-NUPML46M.mjs";
import "./chunk-OL25VIPN.mjs";
import {
  buildFlagArgs
} from "./chunk-ZZCNZOVA.mjs";
import "./chunk-NVZCJQUL.mjs";
import "./chunk-UUOAP4AD.mjs";
import "./chunk-SC7NWMZY.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-EOQMFXHM.mjs";
import "./chunk-GB2XVR7V.mjs";
import "./chunk-QE6PONKV.mjs";
import "./chunk-4ERWGLIP.mjs";
import "./chunk-TORZOQGE.mjs";
import {
  isDigest
} from "./chunk-LMSPCY74.mjs";
import "./chunk-7I65BH5E.mjs";
import "./chunk-DGPB3I2O.mjs";
import "./chunk-AMMJLJJB.mjs";
import {
  BuildError
} from "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/build/build.ts
import { mkdir as mkdir2, readFile, rm } from "node:fs/promises";
import { dirname, join as join2 } from "node:path";

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
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
function overlayDockerfile(baseImage, cachePath) {
  return [`FROM ${baseImage}`, "COPY . /", `ENV TIKTOKEN_CACHE_DIR=${cachePath} DATA_GYM_CACHE_DIR=${cachePath}`, ""].join("\n");
}
async function writeOverlay(dir, baseImage, cachePath) {
  await mkdir(dir, { recursive: true });
  const dockerfile = join(dir, "Dockerfile");
  await writeFile(dockerfile, overlayDockerfile(baseImage, cachePath));
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
  const cacheDir = "staged" in from ? from.staged : await stageCacheDir(from, join2(deps.tempDir, shape.name), shape.layout);
  const options = { ...input, cacheDir };
  await mkdir2(deps.tempDir, { recursive: true });
  if (input.archive) await mkdir2(dirname(input.archive), { recursive: true });
  if (options.provenanceNotice) deps.log.notice(options.provenanceNotice);
  const overlay = overlayMode ? { dockerfile: await writeOverlay(join2(deps.tempDir, "overlay"), overlayMode.baseImage, options.cachePath), context: cacheDir } : void 0;
  const route = chooseRoute(options, engine.driver);
  const layout = !options.archive && !options.load && needsArchive(options, route) && deps.openLayout ? await deps.openLayout() : void 0;
  const dest = options.archive !== void 0 ? void 0 : layout ? { layout: layout.dir } : needsArchive(options, route) ? { archive: join2(deps.tempDir, "image.oci.tar") } : void 0;
  const ociArchive = options.archive ?? (dest && destPath(dest));
  const metadataFile = join2(deps.tempDir, "metadata.json");
  const secretDir = join2(deps.tempDir, "secrets");
  const secretFiles = await writeSecretValues(options.buildSecrets, secretDir);
  const argv = buildxArgs(options, { metadataFile, dockerfilePath: overlay?.dockerfile, context: overlay?.context, route, dest, secretFiles });
  const repositories = options.push ? targetRepositories(options) : [];
  const how = route === "registry" ? "pushed by digest, no tags yet" : layout ? "one OCI layout, no tags yet" : ociArchive ? "one OCI archive, no tags yet" : "no output";
  let output;
  try {
    output = await deps.log.group(`docker buildx build (${options.platforms.join(", ")}; ${how})`, () => runDocker(argv, docker, { what: "docker buildx build", quiet: layout ? LAYOUT_LOCK_NOISE : void 0 }));
  } finally {
    if (secretFiles.size > 0) await rm(secretDir, { recursive: true, force: true });
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
export {
  build
};
