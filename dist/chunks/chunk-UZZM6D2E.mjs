import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  runDocker
} from "./chunk-7VLGP4TU.mjs";

// src/build/engine-facts.ts
function parseBuilderDriver(inspect) {
  const match = /^Driver:\s*(\S+)/m.exec(inspect);
  return match?.[1];
}
function parseContainerdStore(driverStatusJson) {
  return driverStatusJson.includes("io.containerd.snapshotter");
}
var quiet = (log) => ({ ...log, info: (m) => log.debug(m) });
async function probeEngine(deps, builder) {
  const q = { ...deps, log: quiet(deps.log) };
  const [inspect, info] = await Promise.all([
    runDocker(["buildx", "inspect", ...builder ? [builder] : []], q, { echo: false, what: "docker buildx inspect" }),
    runDocker(["info", "--format", "{{json .DriverStatus}}"], q, { echo: false, what: "docker info" })
  ]);
  const containerdStore = parseContainerdStore(info.stdout);
  return { driver: parseBuilderDriver(inspect.stdout) ?? "unknown", containerdStore, loadsMultiPlatform: containerdStore };
}

export {
  probeEngine
};
