// The variables the overlay sets in the image: every one the profile's gateway reads, pointed at
// cache-path, in the profile's order. The two every reader knows (TIKTOKEN_CACHE_DIR,
// DATA_GYM_CACHE_DIR) are what both engines set by default, so a profile that needs no more
// leaves the build options, and the image, exactly as they were. Pure, and light: the plan of a
// warm prepare loads it, so it reaches no OCI code.
import type { BuildOptions } from '../build/options.js';
import { CACHE_VARIABLES } from '../image/consumers.js';
import type { GatewayChoice } from './gateway-input.js';

export type ImageEnv = ReadonlyArray<readonly [string, string]>;

/** The build options with the profile's variables, when they are more than the default two. */
export function withImageEnv(options: BuildOptions, gateway: GatewayChoice): BuildOptions {
  const { variables } = gateway.profile;
  if (variables.length === CACHE_VARIABLES.length && variables.every((v, i) => v === CACHE_VARIABLES[i])) return options;
  return { ...options, imageEnv: variables.map((v) => [v, options.cachePath] as const) };
}

/** The variables to set: the build's own, or the default two. */
export function imageEnvOf(cachePath: string, imageEnv: ImageEnv | undefined): ImageEnv {
  return imageEnv ?? CACHE_VARIABLES.map((key) => [key, cachePath] as const);
}
