import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// <define:__ACTION_INPUTS__>
var define_ACTION_INPUTS_default;
var init_define_ACTION_INPUTS = __esm({
  "<define:__ACTION_INPUTS__>"() {
    define_ACTION_INPUTS_default = { encoders: { description: 'Encodings to bundle, comma- or newline-separated (r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base, o200k_harmony, gpt2), or "all"', default: "r50k_base,p50k_base,cl100k_base,o200k_base" }, "extra-encoders": { description: 'Extra files, one per line as "name url sha256"; cached under sha1(url) like the built-in ones' }, mirror: { description: "Base URL to download from instead of https://openaipublic.blob.core.windows.net (the path under it is kept)" }, source: { description: "Local folder or .tar/.tar.gz holding the encoder files (air-gapped sites); never touches the network" }, "cache-dir": { description: "Folder to lay out as TIKTOKEN_CACHE_DIR (files named by sha1 of the canonical URL, plus manifest.json); default $RUNNER_TEMP/tiktoken_cache" }, cache: { description: "Keep verified files in the runner tool cache and the Actions cache across jobs and runs", default: "true" }, refresh: { description: "Ignore every cache, download again and report drift (fails when upstream bytes no longer match the pins); for scheduled jobs", default: "false" }, "http-proxy": { description: "Proxy for http:// downloads and the build (default: the runner's HTTP_PROXY/http_proxy)" }, "https-proxy": { description: "Proxy for https:// downloads and the build (default: the runner's HTTPS_PROXY/https_proxy)" }, "no-proxy": { description: "Hosts that bypass the proxy (default: the runner's NO_PROXY/no_proxy)" }, build: { description: 'Build an image after preparing the encoder cache; "false" prepares only', default: "true" }, context: { description: 'Build context (Dockerfile mode); the verified cache is also passed as the named context "tiktoken"', default: "." }, file: { description: "Path to the Dockerfile (Dockerfile mode; default {context}/Dockerfile)" }, "base-image": { description: "Overlay mode: make this published image offline by adding the cache folder, without rebuilding it (no RUN, no emulation)" }, "cache-path": { description: "Where the encoder files live inside the image; TIKTOKEN_CACHE_DIR and DATA_GYM_CACHE_DIR point here", default: "/tiktoken_cache" }, platforms: { description: `Target platforms, comma- or newline-separated; "auto" (overlay mode) takes the base image's platforms. A platform the base image (or a FROM image of the Dockerfile) lacks stops the run before the build, naming the platforms it has`, default: "linux/amd64,linux/arm64" }, builder: { description: "Buildx builder instance to use" }, "build-args": { description: "Build arguments, one KEY=VALUE per line" }, labels: { description: "Extra image labels, one KEY=VALUE per line (docker/metadata-action's labels output passes in as it is); they win over the OCI labels this action sets" }, annotations: { description: "Annotations, one [type[,type][[platform]]:]key=value per line as buildx --annotation takes them (type: index, manifest, index-descriptor, manifest-descriptor; metadata-action's annotations output passes in as it is). A bare key=value goes on the manifests and, for a multi-platform image, on the index" }, images: { description: "Image names to tag (without tag), comma- or newline-separated, e.g. ghcr.io/org/one-api; lowercased, as metadata-action does. Leave empty when tags holds full references (metadata-action's tags output): the names then come from those" }, version: { description: "Version the tags come from (default: the git tag of the run, else the short commit)" }, flavor: { description: "How tags are made from version, in metadata-action's syntax, one per line: latest=auto|true|false (the moving tag: auto gives it to plain x.y.z releases), prefix=<text>[,onlatest=true] (default offline-: v1.2.3 gives offline-v1.2.3, offline-v1.2, offline-v1 and the moving offline; with onlatest the moving tag is <prefix>latest), suffix=<text>[,onlatest=true]" }, "tag-prefix": { description: "Deprecated: the same as flavor prefix=<text> (a notice when set to anything but offline-); flavor's prefix wins over this default", default: "offline-" }, tags: { description: "More tags, comma- or newline-separated: full references (name:tag; metadata-action's tags output passes in as it is) or bare tags put on every image" }, push: { description: "Push the image to the registry", default: "false" }, load: { description: "Load the image into the local Docker image store", default: "false" }, archive: { description: "Write a multi-arch OCI archive (tar) to this path, for carrying the image into an air-gapped site" }, provenance: { description: `Provenance attestation: "false", "mode=min" or "mode=max" (default: buildx's; build-args carrying proxy credentials are never recorded)` }, "source-date-epoch": { description: "SOURCE_DATE_EPOCH for reproducible digests (default: the commit time of HEAD)" }, verify: { description: "Check every platform of the built image offline, as each of consumers reads it: the folder it opens, every encoder file there with its pinned sha256, and nothing else there", default: "true" }, consumers: { description: "Readers that must work offline from the image, checked by verify: tiktoken (Python) and tiktoken-go (One API, new-api); each reads the folder its own rules pick from the image Env (TIKTOKEN_CACHE_DIR, DATA_GYM_CACHE_DIR, the temp dir)", default: "tiktoken,tiktoken-go" }, "push-by-digest": { description: "Push without tags and output the digest, for one-job-per-platform builds merged later with merge-digests", default: "false" }, "merge-digests": { description: "Merge mode: image digests (sha256:\u2026) pushed by per-platform jobs, merged into one tagged multi-arch index; no build runs (annotations then go on the index: bare or index: ones only, and only when the per-platform images use OCI media types; a Docker manifest list holds none and a warning says so)" }, target: { description: "Build stage to build (Dockerfile mode)" }, "build-contexts": { description: "More named build contexts, one name=path (or name=docker-image://ref) per line; the name tiktoken is taken by the verified cache" }, "cache-from": { description: "Layer cache sources for buildx, one per line (e.g. type=registry,ref=ghcr.io/org/one-api:buildcache or type=local,src=path)" }, "cache-to": { description: "Layer cache destinations for buildx, one per line (e.g. type=registry,ref=ghcr.io/org/one-api:buildcache,mode=max or type=local,dest=path)" }, secrets: { description: "Build secrets, one id=value per line, for RUN --mount=type=secret,id=\u2026; masked, and passed to buildx through a private 0600 file, never in logs, the image or provenance" }, "secret-envs": { description: "Build secrets from environment variables of this step, id=ENVNAME, comma- or newline-separated" }, "secret-files": { description: "Build secrets from files, one id=path per line" }, sbom: { description: "SBOM attestation: true, false or generator attributes (buildx --sbom)" }, "no-cache": { description: "Do not use the layer cache when building", default: "false" }, pull: { description: "Always pull the images the build starts from", default: "false" }, network: { description: "Network mode of RUN steps: default, none or host" }, "add-hosts": { description: "Custom host-to-IP mappings for RUN steps, host:ip, comma- or newline-separated (e.g. docker:10.180.0.1)" }, engine: { description: 'How overlay mode makes the image: "buildx" (docker buildx build) or "registry" (no Docker: appends the verified layer to every platform of base-image in the registry or an OCI layout/archive, verifies, then tags)', default: "buildx" }, "cache-image": { description: "Also push the verified cache folder as a one-layer image (name:tag), for COPY --from=, Kubernetes image volumes and init containers; no Docker needed" } };
  }
});

export {
  __require,
  __commonJS,
  __export,
  __toESM,
  init_define_ACTION_INPUTS,
  define_ACTION_INPUTS_default
};
