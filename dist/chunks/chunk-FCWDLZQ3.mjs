import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  GATEWAYS,
  PROFILES,
  isGatewayName
} from "./chunk-NR5WT3X2.mjs";
import {
  parseBoolean,
  parseList
} from "./chunk-5NV5H2XR.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";

// src/gateways/gateway-input.ts
var GATEWAY_VALUES = [...GATEWAYS, "auto"];
function namedGateway(profile, why = "the gateway input") {
  return { profile, by: "input", why };
}
function autoApplies(raw, verifyOnly) {
  if (verifyOnly) return "verify reads an image that is already built";
  if (raw("merge-digests").trim() !== "") return "merge joins images that are already built";
  if (!parseBoolean("build", raw("build"), true)) return "build: false makes no image";
  if (raw("base-image").trim() === "") return "Dockerfile mode has no base-image to read (the Dockerfile decides what the image runs)";
  return void 0;
}
function readGatewayInput(raw, options) {
  const given = raw("gateway").trim();
  const value = given.toLowerCase() || "generic";
  if (value === "auto") {
    const why = autoApplies(raw, options.verifyOnly);
    if (why !== void 0) {
      throw new InputError("gateway", {
        what: `gateway: auto reads base-image's config, and this run has none to read: ${why}`,
        got: JSON.stringify(given),
        expected: `auto only with base-image (overlay mode); otherwise one of ${GATEWAYS.join(", ")}`,
        fix: "name the gateway the image runs, e.g. gateway: one-api"
      });
    }
    return { kind: "auto" };
  }
  if (!isGatewayName(value)) {
    throw new InputError("gateway", {
      got: JSON.stringify(given),
      expected: `one of ${GATEWAY_VALUES.join(", ")}`,
      fix: "name the gateway the image runs, generic for plain tiktoken and tiktoken-go, or auto to read it from base-image"
    });
  }
  return { kind: "named", choice: namedGateway(PROFILES[value]) };
}
function gatewayInputs(raw, profile, options) {
  if (profile.name === "generic") return raw;
  return (name) => {
    const value = raw(name);
    if (value.trim() !== "") return value;
    if (name === "encoders" && !options.verifyOnly) return profile.encodings.join(",");
    if (name === "consumers") return profile.readers.join(",");
    return value;
  };
}
function within(path, folder) {
  const clean = path.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
  return clean === folder || clean.startsWith(`${folder}/`);
}
function checkGatewayCachePath(profile, cachePath) {
  const volume = profile.volumes.find((v) => within(cachePath, v.path));
  if (!volume) return;
  throw new InputError("cache-path", {
    what: `cache-path ${cachePath} is under ${volume.path}, ${volume.what}: a volume mounted there hides what the image holds, and ${profile.title} would read an empty (or stale) folder`,
    got: JSON.stringify(cachePath),
    expected: `a folder outside ${profile.volumes.map((v) => v.path).join(", ")}`,
    fix: "leave cache-path at /tiktoken_cache (the default), or pick another folder outside the volume"
  });
}
function checkGatewayInputs(raw, profile, facts) {
  checkGatewayCachePath(profile, facts.cachePath);
  if (profile.name === "generic") return;
  const readers = parseList(raw("consumers")).map((r) => r.toLowerCase());
  const foreign = readers.filter((r) => !profile.readers.includes(r));
  if (foreign.length > 0) {
    throw new InputError("consumers", {
      what: `${profile.title} reads its files with ${profile.readers.join(" and ")}, not ${foreign.join(", ")}`,
      got: JSON.stringify(raw("consumers")),
      expected: `${profile.readers.join(", ")} (or leave consumers out)`,
      fix: `leave consumers out with gateway: ${profile.name}, or use gateway: generic to check both readers without a gateway's rules`
    });
  }
  if (!facts.making || raw("encoders").trim() === "") return;
  const lacking = profile.loads.filter((e) => !facts.encodings.includes(e));
  if (lacking.length > 0) {
    throw new InputError("encoders", {
      what: `${profile.title} needs ${lacking.join(", ")} (it loads ${profile.loads.join(", ")}), which encoders leaves out: it would go to the network for them`,
      got: JSON.stringify(raw("encoders")),
      expected: `a list that holds ${profile.loads.join(", ")}`,
      fix: `add ${lacking.join(", ")} to encoders, or leave encoders out for ${profile.title}'s set (${profile.encodings.join(", ")})`
    });
  }
}

export {
  namedGateway,
  readGatewayInput,
  gatewayInputs,
  checkGatewayInputs
};
