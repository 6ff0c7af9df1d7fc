import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/cache/docker-config-dir.ts
import { homedir } from "node:os";
import { join } from "node:path";
function dockerConfigDir(env, home = homedir()) {
  return env["DOCKER_CONFIG"]?.trim() || join(home, ".docker");
}

export {
  dockerConfigDir
};
