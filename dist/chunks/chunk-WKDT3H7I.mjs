import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  missingPlatforms
} from "./chunk-4ZCZMC6Q.mjs";
import {
  credentialsFromDockerConfig
} from "./chunk-V7EFCGJB.mjs";
import {
  registrySource
} from "./chunk-TKJTEXPA.mjs";
import {
  isAttestation,
  parseImageReference,
  parseManifest,
  platformName
} from "./chunk-PUO7BHQP.mjs";
import {
  InputError
} from "./chunk-UI6KUO64.mjs";
import {
  init_define_ACTION_INPUTS
} from "./chunk-HPCM2IMK.mjs";

// src/pipeline/base-platforms.ts
init_define_ACTION_INPUTS();
function registryPlatforms(options) {
  return async (reference) => {
    const { registry } = parseImageReference(reference);
    const credentials = options.dockerConfig ? credentialsFromDockerConfig(options.dockerConfig, registry) : void 0;
    const source = registrySource({ reference, ...credentials ? { credentials } : {} }, options.fetch ?? fetch);
    try {
      const root = await source.root();
      const parsed = parseManifest(root.bytes, root.mediaType, reference);
      if (parsed.kind === "index") return [...new Set(parsed.doc.manifests.filter((m) => !isAttestation(m)).map((m) => platformName(m.platform)))];
      const config = await source.document(parsed.doc.config);
      const json = JSON.parse(config?.toString("utf8") ?? "{}");
      return [platformName(json.os && json.architecture ? { os: json.os, architecture: json.architecture, ...json.variant ? { variant: json.variant } : {} } : void 0)];
    } finally {
      await source.close();
    }
  };
}
async function checkBasePlatforms(check, read, log) {
  let chosen = check.platforms;
  for (const image of check.images) {
    let available;
    try {
      available = await read(image);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      if (chosen === void 0) {
        throw new InputError("platforms", {
          what: `platforms: auto could not read the platforms of ${image}`,
          got: why,
          expected: "a base image this run can read from its registry",
          fix: "list the platforms (e.g. platforms: linux/amd64), or log in to the registry before this step"
        }, { cause: error });
      }
      log.warning(`could not read the platforms of ${image} before the build (${why}); buildx will check them`);
      continue;
    }
    const usable = available.filter((p) => p !== "unknown/unknown");
    if (chosen === void 0) {
      if (usable.length === 0) {
        throw new InputError("platforms", { what: `platforms: auto found no platform in ${image}`, got: available.join(", ") || "(none)", expected: "an image with os/arch platforms", fix: "list the platforms" });
      }
      chosen = usable;
      log.info(`platforms: auto \u2192 ${usable.join(", ")} (the platforms of ${image})`);
      continue;
    }
    const missing = missingPlatforms(chosen, usable);
    if (missing.length > 0) {
      throw new InputError("platforms", {
        what: `the base image ${image} has no ${missing.join(", ")}`,
        got: chosen.join(", "),
        expected: `platforms ${image} has: ${usable.join(", ") || "(none)"}`,
        fix: `set platforms to what the base has (e.g. platforms: ${usable.filter((p) => !p.startsWith("unknown")).join(",") || "linux/amd64"}), use platforms: auto (overlay mode), or pick a base tag published for ${missing.join(", ")}`
      });
    }
  }
  return chosen;
}

export {
  registryPlatforms,
  checkBasePlatforms
};
