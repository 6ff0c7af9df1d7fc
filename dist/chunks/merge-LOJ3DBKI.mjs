import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  indexImages
} from "./chunk-PNVYHH7R.mjs";
import {
  openRepository,
  sameRegistry
} from "./chunk-BU55TLAZ.mjs";
import {
  dockerCredentials
} from "./chunk-NUPML46M.mjs";
import {
  registrySource
} from "./chunk-PORR73YQ.mjs";
import {
  httpTransport
} from "./chunk-Q4HTTC5K.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import {
  runDocker
} from "./chunk-HPA36ARU.mjs";
import "./chunk-EVVRLWBB.mjs";
import {
  pushByDigest,
  putManifest,
  withRetry
} from "./chunk-TDMJSE4D.mjs";
import {
  RegistryFailure
} from "./chunk-RUAZ4UUQ.mjs";
import {
  MediaType,
  parseManifest
} from "./chunk-37GEL7R4.mjs";
import {
  parseFullTag,
  parseImageName
} from "./chunk-A6RT5XB2.mjs";
import {
  parseImageReference,
  splitTag
} from "./chunk-2PSOF6JL.mjs";
import "./chunk-DOLB5LDS.mjs";
import {
  DIGEST_RE,
  sha256Digest
} from "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import {
  BuildError,
  InputError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/build/merge-args.ts
function mergeArgs(images, tags, digests, options = {}) {
  const source = images[0];
  if (source === void 0) throw new InputError("images", { got: '""', expected: "at least one image name", fix: "set images:" });
  parseImageName("images", source);
  if (tags.length === 0) {
    throw new InputError("tags", {
      got: "no tags",
      expected: "at least one tag for the merged index",
      fix: "set version (or run on a tag), or add tags:"
    });
  }
  for (const tag of tags) parseFullTag("tags", tag);
  if (digests.length === 0) throw new InputError("merge-digests", { got: '""', expected: "at least one digest", fix: "set merge-digests:" });
  for (const digest of digests) {
    if (!DIGEST_RE.test(digest)) throw new InputError("merge-digests", { got: JSON.stringify(digest), expected: "sha256:<64 hex>", fix: "pass each job's digest output" });
  }
  const builder = options.builder ? ["--builder", options.builder] : [];
  const annotations = (options.annotations ?? []).flatMap((annotation) => ["--annotation", annotation]);
  return ["buildx", "imagetools", "create", ...builder, ...annotations, "--dry-run", ...digests.map((digest) => `${source}@${digest}`)];
}

// src/build/merge-index.ts
var DOCKER_LIST = MediaType.dockerList;
function parseIndex(raw) {
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw new BuildError(
      { what: "the merged index could not be read back", got: raw.slice(0, 200), expected: "an OCI image index or Docker manifest list (JSON)", fix: "check the registry and rerun the merge job" },
      { cause: error }
    );
  }
}
function readIndex(raw) {
  let parsed;
  try {
    parsed = parseManifest(Buffer.from(raw, "utf8"), void 0, "the merged index");
  } catch (error) {
    throw new BuildError(
      { what: "the merged index could not be read back", got: raw.slice(0, 200), expected: "an OCI image index or Docker manifest list (JSON)", fix: "check the registry and rerun the merge job" },
      { cause: error }
    );
  }
  const manifests = parsed.kind === "index" ? indexImages(parsed.doc).map(({ platform, digest }) => ({ platform, digest })) : [];
  return { digest: sha256Digest(raw), platforms: [...new Set(manifests.map((m) => m.platform))], manifests };
}
function checkIndexAnnotations(raw, annotations) {
  if (annotations.length === 0) return;
  const json = parseIndex(raw);
  const wanted = annotations.map((a) => a.slice(a.indexOf(":") + 1)).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]);
  const missing = wanted.filter(([key, value]) => json.annotations?.[key] !== value).map(([key]) => key);
  if (missing.length === 0) return;
  if (json.mediaType === DOCKER_LIST) {
    const sources = (json.manifests ?? []).map((m) => `${m.digest ?? "?"} (${m.mediaType ?? "no media type"})`);
    throw new InputError("annotations", {
      got: `${missing.join(", ")} for an index of per-platform images with Docker media types: ${sources.join(", ")}`,
      expected: "per-platform images with OCI media types: imagetools then makes an OCI index, which holds annotations; a Docker manifest list cannot",
      fix: "build the per-platform images with OCI media types (this action always does; plain buildx: --output type=image,oci-mediatypes=true,\u2026 or provenance on), or remove annotations from the merge job"
    });
  }
  throw new BuildError({
    what: "imagetools left annotations asked for off the merged index",
    got: missing.join(", "),
    expected: `every annotation in ${JSON.stringify(json.annotations ?? {})}`,
    fix: "report this with the imagetools version (docker buildx version); meanwhile remove those annotations from the merge job"
  });
}

// src/build/merge.ts
function dockerRunner(deps) {
  return (argv, options) => runDocker(argv, deps, options);
}
async function mergeImages(options, deps) {
  const tags = [...new Set(options.tags)];
  const builderOption = deps.builder ? { builder: deps.builder } : {};
  const argv = mergeArgs(options.images, tags, options.digests, { ...builderOption, ...options.annotations ? { annotations: options.annotations } : {} });
  const printed = await dryRun(() => deps.run(argv, { echo: false, what: "docker buildx imagetools create --dry-run" }));
  const raw = printed.stdout.endsWith("\n") ? printed.stdout.slice(0, -1) : printed.stdout;
  const index = readIndex(raw);
  const platforms = index.manifests.map((m) => m.platform);
  const twice = platforms.filter((p, i) => platforms.indexOf(p) !== i);
  if (twice.length > 0) {
    throw new BuildError({
      what: "the merged index lists a platform more than once",
      got: platforms.join(", "),
      expected: "one digest per platform",
      fix: `pass one digest per platform in merge-digests (duplicated: ${[...new Set(twice)].join(", ")})`
    });
  }
  checkIndexAnnotations(raw, options.annotations ?? []);
  const bytes = Buffer.from(raw, "utf8");
  const mediaType = JSON.parse(raw).mediaType ?? "application/vnd.oci.image.index.v1+json";
  const [first, ...others] = [.../* @__PURE__ */ new Set([...options.images, ...tags.map((t) => splitTag(t).name)])];
  const log = deps.log;
  try {
    const http = openRepository(first, deps);
    await withRetry(`PUT ${first}@${index.digest}`, () => putManifest(http, index.digest, bytes, mediaType), { log });
    for (const name of others) {
      const source = registrySource({ reference: `${first}@${index.digest}`, ...credentialsFor(first, deps) }, deps.transport ?? httpTransport());
      const target = openRepository(name, deps);
      await pushByDigest(source, target, { log, mountFrom: sameRegistry(http, target) ? http.endpoint.repository : void 0 });
    }
  } catch (error) {
    throw new BuildError(
      {
        what: "pushing the merged index by digest failed (no tag was written)",
        got: error.message,
        expected: "every digest pushed to the first image name, and push access to every repository",
        fix: error instanceof RegistryFailure ? error.fix : "check the registry and rerun the merge job"
      },
      { cause: error }
    );
  }
  return { ...index, tags, raw };
}
function credentialsFor(name, access) {
  const lookup = access.credentials ?? dockerCredentials(access.dockerConfig);
  return { credentials: () => lookup(parseImageReference(name).registry) };
}
async function dryRun(run) {
  try {
    return await run();
  } catch (error) {
    const got = error instanceof BuildError ? error.problem.got ?? error.message : String(error);
    throw new BuildError(
      {
        what: "docker buildx imagetools create failed while merging the per-platform digests",
        got,
        expected: "every digest pushed to the first image name, and push access to every tag",
        fix: "check that the per-platform jobs pushed to the same images and that the merge job is logged in to every registry"
      },
      { cause: error }
    );
  }
}
export {
  dockerRunner,
  mergeImages
};
