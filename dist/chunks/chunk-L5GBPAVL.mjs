import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  dockerCredentials
} from "./chunk-NUPML46M.mjs";
import {
  registrySource
} from "./chunk-PORR73YQ.mjs";
import {
  httpTransport
} from "./chunk-Q4HTTC5K.mjs";
import {
  IMAGE_MANIFEST_TYPES,
  MediaType,
  isAttestation,
  manifestKind,
  parseManifest
} from "./chunk-37GEL7R4.mjs";
import {
  parseImageReference
} from "./chunk-2PSOF6JL.mjs";
import {
  configPlatform,
  platformName,
  samePlatform
} from "./chunk-DOLB5LDS.mjs";
import {
  sha256Digest
} from "./chunk-LMSPCY74.mjs";

// src/oci/base-platforms.ts
var BaseImageProblem = class extends Error {
  constructor(message, fix) {
    super(message);
    this.fix = fix;
  }
  fix;
};
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
  if (!IMAGE_MANIFEST_TYPES.includes(descriptor.mediaType)) {
    throw new BaseImageProblem(`${source.label}: ${descriptor.digest} has media type ${descriptor.mediaType || "(none)"}, which the registry engine cannot append a layer to`, `use a base with OCI or Docker schema 2 image manifests (${IMAGE_MANIFEST_TYPES.join(", ")}), or engine: buildx`);
  }
  const bytes = await checkedDocument(source, descriptor, "manifest");
  const manifest = json(bytes, `manifest ${descriptor.digest}`);
  parseManifest(bytes, descriptor.mediaType, `${source.label} manifest ${descriptor.digest}`, { strict: true });
  const configDescriptor = manifest["config"];
  const config = json(await checkedDocument(source, configDescriptor, "config"), `config ${configDescriptor.digest}`);
  const platform = given ?? configPlatform(config);
  if (!platform) throw new BaseImageProblem(`${source.label}: manifest ${descriptor.digest} names no platform (no os/architecture in its config)`, "use a base image built for a platform");
  return { platform, name: platformName(platform), manifest: { descriptor, json: manifest }, config: { descriptor: configDescriptor, json: config } };
}
async function readBase(source, requested) {
  const root = await source.root();
  if (sha256Digest(root.bytes) !== root.digest) throw new BaseImageProblem(`${source.label}: the root does not match its digest ${root.digest}`, "the base is corrupt or tampered with");
  const parsed = parseManifest(root.bytes, root.mediaType, source.label, { strict: true });
  if (parsed.kind === "manifest") {
    const mediaType = root.mediaType && IMAGE_MANIFEST_TYPES.includes(root.mediaType) ? root.mediaType : String(parsed.doc.mediaType ?? MediaType.ociManifest);
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
    else if (manifestKind(entry.mediaType, void 0) === "index") {
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
async function imagePlatforms(source) {
  const root = await source.root();
  const parsed = parseManifest(root.bytes, root.mediaType, source.label);
  if (parsed.kind === "index") return [...new Set(parsed.doc.manifests.filter((m) => !isAttestation(m)).map((m) => platformName(m.platform)))];
  const config = await source.document(parsed.doc.config);
  return [platformName(configPlatform(JSON.parse(config?.toString("utf8") ?? "{}")))];
}
function strings(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
}
function configFacts(config) {
  const c = config["config"] && typeof config["config"] === "object" ? config["config"] : {};
  const labels = c["Labels"] && typeof c["Labels"] === "object" && !Array.isArray(c["Labels"]) ? c["Labels"] : {};
  return {
    env: strings(c["Env"]),
    entrypoint: strings(c["Entrypoint"]),
    cmd: strings(c["Cmd"]),
    labels: Object.fromEntries(Object.entries(labels).filter((e) => typeof e[1] === "string"))
  };
}
async function imageFacts(source, prefer = []) {
  const root = await source.root();
  if (sha256Digest(root.bytes) !== root.digest) throw new BaseImageProblem(`${source.label}: the root does not match its digest ${root.digest}`, "the image is corrupt or tampered with");
  const parsed = parseManifest(root.bytes, root.mediaType, source.label);
  if (parsed.kind === "manifest") {
    const config2 = json(await checkedDocument(source, parsed.doc.config, "config"), `config ${parsed.doc.config.digest}`);
    return { platforms: [platformName(configPlatform(config2))], config: configFacts(config2) };
  }
  const entries = parsed.doc.manifests.filter((m) => !isAttestation(m) && manifestKind(m.mediaType, void 0) !== "index");
  const chosen = prefer.map((p) => entries.find((e) => e.platform && samePlatform(p, e.platform))).find((e) => e !== void 0) ?? entries[0];
  if (!chosen) throw new BaseImageProblem(`${source.label} lists no image manifest`, "use an image with at least one platform");
  const manifest = json(await checkedDocument(source, chosen, "manifest"), `manifest ${chosen.digest}`);
  const configDescriptor = manifest["config"];
  if (!configDescriptor || typeof configDescriptor.digest !== "string") throw new BaseImageProblem(`${source.label}: manifest ${chosen.digest} names no config`, "the image is damaged");
  const config = json(await checkedDocument(source, configDescriptor, "config"), `config ${configDescriptor.digest}`);
  return { platforms: [...new Set(entries.map((m) => platformName(m.platform)))], config: configFacts(config) };
}
function registryImageFacts(options) {
  return async (reference, prefer) => {
    const { registry } = parseImageReference(reference);
    const lookup = dockerCredentials(options.dockerConfig);
    const source = registrySource({ reference, credentials: () => lookup(registry) }, options.transport ?? httpTransport());
    try {
      return await imageFacts(source, prefer);
    } finally {
      await source.close();
    }
  };
}
function registryPlatforms(options) {
  return async (reference) => {
    const { registry } = parseImageReference(reference);
    const lookup = dockerCredentials(options.dockerConfig);
    const source = registrySource({ reference, credentials: () => lookup(registry) }, options.transport ?? httpTransport());
    try {
      return await imagePlatforms(source);
    } finally {
      await source.close();
    }
  };
}

export {
  BaseImageProblem,
  readBase,
  imagePlatforms,
  imageFacts,
  registryImageFacts,
  registryPlatforms
};
