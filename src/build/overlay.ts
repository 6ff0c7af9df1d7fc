// Overlay mode: make a published image offline without rebuilding it. The generated
// Dockerfile has no RUN (so arm64 needs no emulation) and no `# syntax=` line (that would pull
// a frontend image): it copies the staged tree (stage-cache.ts: the verified files already at
// <cache-path> inside it, every entry with a fixed mode and date) onto / and points tiktoken at
// the folder. Because the context holds every folder the COPY creates, the layer is the same
// bytes on every builder and run with no rewrite-timestamp (see outputs.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { imageEnvOf, type ImageEnv } from '../gateways/image-env.js';

export function overlayDockerfile(baseImage: string, cachePath: string, imageEnv?: ImageEnv): string {
  // The gateway's variables (src/gateways/image-env.ts); by default TIKTOKEN_CACHE_DIR and DATA_GYM_CACHE_DIR.
  const env = imageEnvOf(cachePath, imageEnv).map(([key, value]) => `${key}=${value}`);
  return [`FROM ${baseImage}`, 'COPY . /', `ENV ${env.join(' ')}`, ''].join('\n');
}

/** Writes the overlay Dockerfile into its own folder, outside the build context (the staged tree); returns its path. */
export async function writeOverlay(dir: string, baseImage: string, cachePath: string, imageEnv?: ImageEnv): Promise<string> {
  await mkdir(dir, { recursive: true });
  const dockerfile = join(dir, 'Dockerfile');
  await writeFile(dockerfile, overlayDockerfile(baseImage, cachePath, imageEnv));
  return dockerfile;
}
