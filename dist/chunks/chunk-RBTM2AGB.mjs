import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  missingPlatforms
} from "./chunk-DOLB5LDS.mjs";
import {
  parseList
} from "./chunk-5NV5H2XR.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";

// src/build/platforms.ts
var KNOWN_ARCHITECTURES = {
  amd64: ["v1", "v2", "v3", "v4"],
  arm64: ["v8", "v9"],
  arm: ["v5", "v6", "v7", "v8"],
  "386": [],
  ppc64le: [],
  s390x: [],
  riscv64: [],
  mips64le: [],
  mips64: [],
  loong64: []
};
var KNOWN_OS = ["linux", "windows"];
var ALIASES = {
  x86_64: "amd64",
  x64: "amd64",
  aarch64: "arm64",
  armhf: "arm/v7",
  i386: "386"
};
var EXPECTED = `os/arch[/variant] with os in ${KNOWN_OS.join(", ")} and arch in ${Object.keys(KNOWN_ARCHITECTURES).join(", ")}, e.g. linux/amd64,linux/arm64`;
function reject(item, fix) {
  throw new InputError("platforms", { got: JSON.stringify(item), expected: EXPECTED, fix });
}
function parsePlatform(item) {
  const parts = item.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) {
    reject(item, "write each platform as os/arch or os/arch/variant, e.g. linux/arm64");
  }
  const [os = "", arch = "", variant] = parts;
  if (!KNOWN_OS.includes(os)) reject(item, `use one of the operating systems ${KNOWN_OS.join(", ")}`);
  if (!Object.hasOwn(KNOWN_ARCHITECTURES, arch)) {
    const alias = ALIASES[arch];
    reject(item, alias ? `write ${os}/${alias} instead of ${item}` : `use a known architecture (${Object.keys(KNOWN_ARCHITECTURES).join(", ")})`);
  }
  if (variant !== void 0) {
    const variants = KNOWN_ARCHITECTURES[arch];
    if (!variants.includes(variant)) {
      reject(item, variants.length ? `use a variant of ${arch}: ${variants.join(", ")}` : `drop the variant: ${arch} has none`);
    }
  }
  return item;
}
function parsePlatforms(raw) {
  const items = parseList(raw);
  if (items.length === 0) {
    throw new InputError("platforms", { got: JSON.stringify(raw), expected: EXPECTED, fix: "name at least one platform, e.g. linux/amd64" });
  }
  return [...new Set(items.map(parsePlatform))];
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
  KNOWN_ARCHITECTURES,
  parsePlatform,
  parsePlatforms,
  checkBasePlatforms
};
