import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  dockerCredentials
} from "./chunk-NUPML46M.mjs";
import {
  parseImageReference
} from "./chunk-2PSOF6JL.mjs";
import "./chunk-LMSPCY74.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/pipeline/verify-target.ts
function registryOf(reference) {
  try {
    return parseImageReference(reference).registry;
  } catch (error) {
    throw new InputError("images", {
      got: JSON.stringify(reference),
      expected: "an image reference such as ghcr.io/org/one-api@sha256:\u2026 or ghcr.io/org/one-api:tag",
      fix: "fix the image reference"
    }, { cause: error });
  }
}
function registryTarget(reference, dockerConfig) {
  const registry = registryOf(reference);
  const lookup = dockerCredentials(dockerConfig);
  return { target: { kind: "registry", reference, credentials: () => lookup(registry) }, label: reference };
}
function verifyTarget(plan, result, dockerConfig) {
  if (plan.mode === "merge") {
    const image2 = plan.merge.images[0];
    return image2 && result.merged ? registryTarget(`${image2}@${result.merged.digest}`, dockerConfig) : void 0;
  }
  if (plan.mode === "verify") {
    const source = plan.source;
    if (!source) return void 0;
    if (source.kind === "archive") return { target: { kind: "oci-archive", path: source.path }, label: source.path };
    if (source.kind === "engine") return { target: { kind: "docker", reference: source.reference }, label: `${source.reference} (local engine)` };
    return registryTarget(source.reference, dockerConfig);
  }
  const built = result.built;
  if (plan.mode !== "build" || !built) return void 0;
  if (built.ociArchive) {
    return { target: { kind: "oci-archive", path: built.ociArchive }, label: built.archive ?? "the built image (OCI archive)" };
  }
  const image = plan.buildOptions.images[0];
  if (built.digest && image && plan.buildOptions.push) return registryTarget(`${image}@${built.digest}`, dockerConfig);
  return void 0;
}
export {
  verifyTarget
};
