// buildx's side of carrying (decide.ts): the overlay's staged context (stage-cache.ts, the files
// at cache-path for `COPY . /`) gets the files carried from the base, each checked against its
// pin as it is written, and the image's manifest.json, before buildx starts. A context staged
// beside prepare is completed in place; otherwise it is staged from cache-dir first.
import { join } from 'node:path';
import { addToStaged, contextLayout, stageCacheDir, type StagedContext } from '../build/stage-cache.js';
import type { PrepareResult } from '../prepare/result.js';
import type { BaseFloor } from './decide.js';
import { imageManifest } from './image-set.js';

/** The staged context's folder, with the carried files in it. */
export async function stageCarried(context: StagedContext | PrepareResult, cachePath: string, floor: BaseFloor, tempDir: string): Promise<string> {
  const { name, layout } = contextLayout(true, cachePath);
  const dir = 'dir' in context ? context.dir : await stageCacheDir(context, join(tempDir, name), layout);
  const sources = floor.carried.map((c) => ({ file: c.file, from: { bytes: c.bytes } }));
  await addToStaged(dir, cachePath, sources, imageManifest(context.manifest, floor));
  return dir;
}
