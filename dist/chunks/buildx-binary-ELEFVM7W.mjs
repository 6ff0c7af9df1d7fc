import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  dockerConfigDir
} from "./chunk-GB2XVR7V.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/build/buildx-binary.ts
import { constants } from "node:fs";
import { access, open, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
var SYSTEM_PLUGIN_DIRS = ["/usr/local/lib/docker/cli-plugins", "/usr/local/libexec/docker/cli-plugins", "/usr/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins"];
async function executableFile(path) {
  const info = await stat(path).catch(() => void 0);
  return info?.isFile() === true && await access(path, constants.X_OK).then(() => true, () => false);
}
async function isElf(path) {
  const handle = await open(path, "r").catch(() => void 0);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.equals(Buffer.from([127, 69, 76, 70]));
  } finally {
    await handle.close();
  }
}
async function dockerOnPath(env) {
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    if (dir === "") continue;
    if (await executableFile(join(dir, "docker"))) return join(dir, "docker");
  }
  return void 0;
}
function namesExtraPluginDirs(dockerConfig) {
  if (!dockerConfig) return false;
  try {
    const dirs = JSON.parse(dockerConfig).cliPluginsExtraDirs;
    return Array.isArray(dirs) && dirs.length > 0;
  } catch {
    return true;
  }
}
async function buildxBinary(env, dockerConfig, home = homedir()) {
  if (process.platform !== "linux" || namesExtraPluginDirs(dockerConfig)) return void 0;
  const docker = await dockerOnPath(env);
  if (!docker || !await isElf(docker)) return void 0;
  for (const dir of [join(dockerConfigDir(env, home), "cli-plugins"), ...SYSTEM_PLUGIN_DIRS]) {
    const candidate = join(dir, "docker-buildx");
    if (await executableFile(candidate)) return candidate;
  }
  return void 0;
}
export {
  buildxBinary,
  namesExtraPluginDirs
};
