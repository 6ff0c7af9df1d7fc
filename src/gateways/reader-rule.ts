// The folder a gateway's reader opens, when the gateway's own code runs first. consumers.ts
// knows the readers' rules (tiktoken, tiktoken-go); a profile's `rule` is what the gateway does
// to their variables before they run:
// - litellm-custom-cache-dir (BerriAI/litellm litellm_core_utils/default_encoding.py): at
//   import LiteLLM sets TIKTOKEN_CACHE_DIR to CUSTOM_TIKTOKEN_CACHE_DIR when that is non-empty
//   (creating the folder), else to the tokenizers folder inside its own package; whatever
//   TIKTOKEN_CACHE_DIR the image sets is overwritten. Python tiktoken then reads it.
// The package folder is not something an image layer can serve (its place depends on the
// Python and the install), so without CUSTOM_TIKTOKEN_CACHE_DIR the verdict is a failure that
// names the variable. Pure.
import { consumerDir, type ConsumerDir, type ConsumerName, type ImageRuntime } from '../image/consumers.js';
import type { GatewayProfile } from './profiles.js';

export const LITELLM_VARIABLE = 'CUSTOM_TIKTOKEN_CACHE_DIR';

export interface GatewayDir {
  readonly dir: ConsumerDir;
  /** The change that points the reader at cache-path, when the gateway's rule decides it. */
  readonly fix?: string;
}

/** The folder `consumer` reads in the image, after the gateway's own rule (if it has one for that reader). */
export function gatewayReaderDir(profile: GatewayProfile | undefined, consumer: ConsumerName, runtime: ImageRuntime, cachePath: string, isDirectory: (path: string) => boolean): GatewayDir {
  if (profile?.rule !== 'litellm-custom-cache-dir' || consumer !== 'tiktoken') return { dir: consumerDir(consumer, runtime, isDirectory) };
  const custom = runtime.env.get(LITELLM_VARIABLE);
  if (!custom) {
    const state = custom === undefined ? 'not set' : 'empty (releases before the empty check use it as it is: no cache at all)';
    return {
      dir: { kind: 'none', why: `${LITELLM_VARIABLE} is ${state}, so LiteLLM overwrites TIKTOKEN_CACHE_DIR with the tokenizers folder inside its package (litellm/litellm_core_utils/tokenizers), not a folder this image serves` },
      fix: `add \`ENV ${LITELLM_VARIABLE}=${cachePath}\` (gateway: litellm sets it in the overlay)`,
    };
  }
  const env = new Map(runtime.env);
  env.set('TIKTOKEN_CACHE_DIR', custom);
  const dir = consumerDir(consumer, { ...runtime, env }, isDirectory);
  return {
    dir: dir.kind === 'dir' ? { ...dir, why: `LiteLLM sets TIKTOKEN_CACHE_DIR from ${LITELLM_VARIABLE}=${custom}` } : dir,
    fix: `${LITELLM_VARIABLE}=${custom} decides where LiteLLM reads: change it to \`ENV ${LITELLM_VARIABLE}=${cachePath}\``,
  };
}
