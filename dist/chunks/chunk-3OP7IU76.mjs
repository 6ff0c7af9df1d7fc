import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  dockerConfigDir
} from "./chunk-GB2XVR7V.mjs";

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
  buildxStoreDir,
  parseInstance,
  storedBuilderFacts,
  builtWith
};
