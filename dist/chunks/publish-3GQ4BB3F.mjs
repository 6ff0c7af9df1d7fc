import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  nameArchive
} from "./chunk-ZMUWR5YW.mjs";
import "./chunk-3FNHDDJ4.mjs";
import {
  openRepository
} from "./chunk-C2EPZYQM.mjs";
import {
  getManifest,
  putManifest,
  withRetry
} from "./chunk-S5TQWVNS.mjs";
import {
  RegistryFailure
} from "./chunk-BY6YCJFC.mjs";
import "./chunk-37GEL7R4.mjs";
import "./chunk-27QDF7PS.mjs";
import "./chunk-Z35GPKIQ.mjs";
import {
  runDocker
} from "./chunk-73S2M7PA.mjs";
import "./chunk-EVVRLWBB.mjs";
import "./chunk-NUPML46M.mjs";
import "./chunk-OL25VIPN.mjs";
import {
  splitTag
} from "./chunk-NVZCJQUL.mjs";
import "./chunk-LMSPCY74.mjs";
import "./chunk-AMMJLJJB.mjs";
import {
  PublishError
} from "./chunk-ZWN2JR2B.mjs";
import "./chunk-JVZTSKKL.mjs";

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
  plannedTags,
  publish,
  tagInRegistry
};
