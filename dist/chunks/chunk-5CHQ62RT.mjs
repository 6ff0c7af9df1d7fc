import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  runDocker
} from "./chunk-HPA36ARU.mjs";
import {
  missingPlatforms
} from "./chunk-DOLB5LDS.mjs";
import {
  dockerConfigDir
} from "./chunk-GB2XVR7V.mjs";
import {
  ActionError,
  InputError
} from "./chunk-SENFWAUD.mjs";

// src/build/engine-facts.ts
function parseBuilderDriver(inspect) {
  return /^Driver:\s*(\S+)/m.exec(inspect)?.[1];
}
function parseBuilderName(inspect) {
  return /^Name:\s*(\S+)/m.exec(inspect)?.[1];
}
function parseBuilderPlatforms(inspect) {
  const out = /* @__PURE__ */ new Set();
  for (const match of inspect.matchAll(/^Platforms:\s*(.*)$/gm)) {
    for (const item of (match[1] ?? "").split(",")) {
      const platform = item.trim().replace(/\*$/, "");
      if (platform !== "") out.add(platform);
    }
  }
  return [...out];
}
function parseBuilderNames(ls) {
  const names = /* @__PURE__ */ new Set();
  for (const line of ls.split("\n")) {
    if (line.startsWith("{")) {
      try {
        const name2 = JSON.parse(line).Name;
        if (typeof name2 === "string" && name2 !== "") names.add(name2);
      } catch {
      }
      continue;
    }
    if (line.trim() === "" || /^\s|^\\_|^NAME\b/.test(line)) continue;
    const name = line.trim().split(/\s+/)[0]?.replace(/\*$/, "");
    if (name) names.add(name);
  }
  return [...names];
}
function parseContainerdStore(driverStatusJson) {
  return driverStatusJson.includes("io.containerd.snapshotter");
}
function checkBuilderPlatforms(engine, requested) {
  const available = engine.platforms ?? [];
  if (available.length === 0) return;
  const missing = missingPlatforms(requested, available);
  if (missing.length === 0) return;
  throw new InputError("platforms", {
    what: `builder "${engine.builder ?? "default"}" (driver ${engine.driver}) cannot build ${missing.join(", ")}`,
    got: requested.join(", "),
    expected: `platforms the builder offers: ${available.join(", ")}`,
    fix: "build only those platforms, register QEMU emulation on the builder host (binfmt), or add a node for the platform (docker buildx create --append)"
  });
}
var quiet = (log) => ({ ...log, info: (m) => log.debug(m) });
async function missingBuilder(builder, deps, cause) {
  const ls = await runDocker(["buildx", "ls", "--format", "json"], deps, { echo: false, what: "docker buildx ls" }).catch(() => runDocker(["buildx", "ls"], deps, { echo: false, what: "docker buildx ls" }));
  const names = parseBuilderNames(ls.stdout);
  return new InputError(
    "builder",
    {
      what: `buildx builder "${builder}" does not exist`,
      got: JSON.stringify(builder),
      expected: names.length > 0 ? `one of the builders there are: ${names.join(", ")}` : "an existing buildx builder (docker buildx ls lists none)",
      fix: "pass the name of an existing builder (docker buildx ls), create it first (docker buildx create --name \u2026 or docker/setup-buildx-action), or leave builder empty for the current one"
    },
    { cause }
  );
}
async function probeEngine(deps, builder, options = {}) {
  const q = { ...deps, log: quiet(deps.log) };
  const store = options.store ?? true;
  const [inspect, info] = await Promise.all([
    runDocker(["buildx", "inspect", "--bootstrap", ...builder ? [builder] : []], q, { echo: false, what: "docker buildx inspect" }).catch(async (error) => {
      if (builder && error instanceof ActionError && /no builder|not found|does not exist/i.test(error.message)) throw await missingBuilder(builder, q, error);
      throw error;
    }),
    store ? runDocker(["info", "--format", "{{json .DriverStatus}}"], q, { echo: false, what: "docker info" }) : Promise.resolve(void 0)
  ]);
  const containerdStore = info ? parseContainerdStore(info.stdout) : false;
  const name = parseBuilderName(inspect.stdout);
  return {
    driver: parseBuilderDriver(inspect.stdout) ?? "unknown",
    ...name ? { builder: name } : {},
    platforms: parseBuilderPlatforms(inspect.stdout),
    containerdStore,
    loadsMultiPlatform: containerdStore
  };
}

// src/build/builder-store.ts
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
function buildxStoreDir(env, home = homedir()) {
  const own = env["BUILDX_CONFIG"]?.trim();
  if (own) return own;
  return join(dockerConfigDir(env, home), "buildx");
}
var NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
function parseInstance(text, name) {
  let record;
  try {
    record = JSON.parse(text);
  } catch {
    return void 0;
  }
  if (typeof record !== "object" || record === null) return void 0;
  const { Name, Driver, Nodes } = record;
  if (Name !== name || typeof Driver !== "string" || !/^[a-z][a-z0-9-]*$/.test(Driver)) return void 0;
  if (!Array.isArray(Nodes) || Nodes.length === 0) return void 0;
  return Driver;
}
async function storedBuilderFacts(builder, storeDir) {
  if (!builder || !NAME_RE.test(builder)) return void 0;
  const record = async () => {
    const text = await readFile(join(storeDir, "instances", builder), "utf8").catch(() => void 0);
    return text === void 0 ? void 0 : parseInstance(text, builder);
  };
  const driver = builder === "default" ? "docker" : await record();
  return driver ? { driver, builder, containerdStore: false, loadsMultiPlatform: false } : void 0;
}
function builtWith(output) {
  const match = /^#0 building with "([^"]+)" instance using (\S+) driver$/m.exec(output);
  return match ? { builder: match[1], driver: match[2] } : void 0;
}

export {
  parseBuilderDriver,
  parseBuilderName,
  parseBuilderPlatforms,
  parseBuilderNames,
  parseContainerdStore,
  checkBuilderPlatforms,
  probeEngine,
  buildxStoreDir,
  parseInstance,
  storedBuilderFacts,
  builtWith
};
