import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  CACHE_VARIABLES
} from "./chunk-TVM242SN.mjs";

// src/gateways/image-env.ts
function withImageEnv(options, gateway) {
  const { variables } = gateway.profile;
  if (variables.length === CACHE_VARIABLES.length && variables.every((v, i) => v === CACHE_VARIABLES[i])) return options;
  return { ...options, imageEnv: variables.map((v) => [v, options.cachePath]) };
}
function imageEnvOf(cachePath, imageEnv) {
  return imageEnv ?? CACHE_VARIABLES.map((key) => [key, cachePath]);
}

export {
  withImageEnv,
  imageEnvOf
};
