// Overlay mode: make a published image offline without rebuilding it. The generated
// Dockerfile has no RUN (so arm64 needs no emulation) and no `# syntax=` line (that would pull
// a frontend image): it copies the verified folder and points tiktoken at it.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export function overlayDockerfile(baseImage: string, cachePath: string): string {
  return [
    `FROM ${baseImage}`,
    `COPY --from=tiktoken . ${cachePath}`,
    `ENV TIKTOKEN_CACHE_DIR=${cachePath} DATA_GYM_CACHE_DIR=${cachePath}`,
    '',
  ].join('\n');
}

/** Writes the overlay Dockerfile into its own folder (also the build context); returns both paths. */
export async function writeOverlay(dir: string, baseImage: string, cachePath: string): Promise<{ context: string; dockerfile: string }> {
  await mkdir(dir, { recursive: true });
  const dockerfile = join(dir, 'Dockerfile');
  await writeFile(dockerfile, overlayDockerfile(baseImage, cachePath));
  return { context: dir, dockerfile };
}
