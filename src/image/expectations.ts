// The expectations verifyImage checks, from the prepared cache folder's manifest (what prepare
// returns and writes as manifest.json) and the cache-path the image was built with. Pure.
import type { Manifest } from '../encoders/manifest.js';
import type { Expectations } from './report.js';

export function expectationsFrom(manifest: Pick<Manifest, 'files'>, cachePath: string): Expectations {
  return {
    cachePath,
    files: manifest.files.map((file) => ({ cacheFile: file.cacheFile, sha256: file.sha256, size: file.size })),
  };
}
