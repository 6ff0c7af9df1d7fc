import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  namedGateway
} from "./chunk-FCWDLZQ3.mjs";
import {
  GATEWAYS,
  PROFILES
} from "./chunk-NR5WT3X2.mjs";
import "./chunk-TVM242SN.mjs";
import "./chunk-EOQMFXHM.mjs";
import "./chunk-5NV5H2XR.mjs";
import "./chunk-7I65BH5E.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/gateways/detect.ts
var SOURCE_LABEL = "org.opencontainers.image.source";
function shown(value) {
  const printable = value.replace(/[^\x20-\x7e]/g, "?");
  return printable.length > 120 ? `${printable.slice(0, 117)}...` : printable;
}
function repositoryOf(value) {
  const m = /^(?:(?:https?|git|ssh):\/\/)?(?:git@)?(github\.com)[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(value.trim());
  return m ? `${m[1]}/${m[2]}/${m[3]}`.toLowerCase() : void 0;
}
function words(config) {
  const out = [];
  for (const [where, parts] of [["entrypoint", config.entrypoint], ["cmd", config.cmd]]) {
    for (const part of parts) for (const word of part.split(/[\s;&|()'"]+/)) if (word !== "") out.push({ word, where });
  }
  return out;
}
function byLabel(config) {
  const value = config.labels[SOURCE_LABEL];
  const repo = value === void 0 ? void 0 : repositoryOf(value);
  if (repo === void 0) return [];
  return gateways().filter((p) => p.signs.repositories.some((r) => r.toLowerCase() === repo)).map((profile) => ({ profile, why: `its label ${SOURCE_LABEL}=${shown(value ?? "")} is ${profile.title}'s repository` }));
}
function byProgram(config) {
  const found = words(config);
  const out = [];
  for (const profile of gateways()) {
    const hit = found.find(({ word }) => profile.signs.programs.some((program) => word === program || !program.includes("/") && word.split("/").pop() === program));
    if (hit) out.push({ profile, why: `its ${hit.where} runs ${shown(hit.word)}, ${profile.title}'s program` });
  }
  return out;
}
function byEnv(config) {
  const names = new Set(config.env.map((line) => line.split("=")[0] ?? ""));
  const out = [];
  for (const profile of gateways()) {
    const set = profile.signs.env.find((s) => s.every((n) => names.has(n)));
    if (set) out.push({ profile, why: `it sets ${set.join(", ")}, as ${profile.title}'s image does` });
  }
  return out;
}
function gateways() {
  return GATEWAYS.filter((g) => g !== "generic").map((g) => PROFILES[g]);
}
function detectGateway(config, base) {
  for (const matches of [byLabel(config), byProgram(config), byEnv(config)]) {
    if (matches.length === 1) {
      const [only] = matches;
      return { profile: only.profile, by: "auto", why: `${shown(base)}: ${only.why}` };
    }
    if (matches.length > 1) {
      return {
        ...namedGateway(PROFILES.generic),
        by: "auto",
        why: `${shown(base)} fits more than one gateway (${matches.map((m) => `${m.profile.name}: ${m.why}`).join("; ")}), so generic; name the gateway to follow its rules`
      };
    }
  }
  return {
    ...namedGateway(PROFILES.generic),
    by: "auto",
    why: `nothing in the config of ${shown(base)} names a known gateway (${SOURCE_LABEL} label, entrypoint, cmd, variables), so generic`
  };
}

// src/gateways/auto.ts
async function autoGateway(base, prefer, read, log) {
  let facts;
  try {
    facts = await read(base, prefer ?? []);
  } catch (error) {
    throw new InputError("gateway", {
      what: `gateway: auto could not read the config of ${base}`,
      got: error instanceof Error ? error.message : String(error),
      expected: "a base image this run can read (from its registry, or an OCI layout or archive)",
      fix: "name the gateway (e.g. gateway: one-api), or make the base readable (log in to its registry before this step)"
    }, { cause: error });
  }
  const choice = detectGateway(facts.config, base);
  log.info(`gateway: auto \u2192 ${choice.profile.name} (${choice.why})`);
  return { choice, platforms: facts.platforms };
}
async function defaultReadBaseFacts(options) {
  const [{ imageFacts, registryImageFacts }, { parseBaseImage }, { layoutSource }] = await Promise.all([
    import("./base-platforms-AMAEUKIH.mjs"),
    import("./base-reference-R4SPLGPR.mjs"),
    import("./layout-source-BJKOWBFF.mjs")
  ]);
  const registry = registryImageFacts(options);
  return async (reference, prefer) => {
    const base = parseBaseImage(reference);
    if (base.kind === "registry") return registry(reference, prefer);
    const source = await layoutSource(base.path, { ...base.tag ? { refName: base.tag } : {}, label: `${base.kind}://${base.path}` });
    try {
      return await imageFacts(source, prefer);
    } finally {
      await source.close();
    }
  };
}
export {
  autoGateway,
  defaultReadBaseFacts
};
