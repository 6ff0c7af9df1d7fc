// Overlay mode: make a published image offline without rebuilding it. The generated
// Dockerfile has no RUN (so arm64 needs no emulation) and no `# syntax=` line (that would pull
// a frontend image): it copies the staged tree (stage-cache.ts: the verified files already at
// <cache-path> inside it, every entry with a fixed mode and date) onto / and points tiktoken at
// the folder. Because the context holds every folder the COPY creates, the layer is the same
// bytes on every builder and run with no rewrite-timestamp (see outputs.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export function overlayDockerfile(baseImage: string, cachePath: string): string {
  return [`FROM ${baseImage}`, 'COPY . /', `ENV TIKTOKEN_CACHE_DIR=${cachePath} DATA_GYM_CACHE_DIR=${cachePath}`, ''].join('\n');
}

/** Writes the overlay Dockerfile into its own folder, outside the build context (the staged tree); returns its path. */
export async function writeOverlay(dir: string, baseImage: string, cachePath: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const dockerfile = join(dir, 'Dockerfile');
  await writeFile(dockerfile, overlayDockerfile(baseImage, cachePath));
  return dockerfile;
}
