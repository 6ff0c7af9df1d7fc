// The expectations verifyImage checks, from the prepared cache folder's manifest (what prepare
// returns and writes as manifest.json) or from the pins, and the cache-path the image was
// built with. Pure.
import type { Manifest } from '../encoders/manifest.js';
import type { SelectedFile } from '../encoders/selection.js';
import type { ExpectedFile, Expectations } from './report.js';
import type { ConsumerName } from './consumers.js';
import type { GatewayProfile } from '../gateways/profiles.js';

export function expectedFile(file: Pick<SelectedFile, 'cacheFile' | 'sha256' | 'id' | 'encodings'> & { readonly size?: number | undefined }): ExpectedFile {
  return {
    cacheFile: file.cacheFile,
    sha256: file.sha256,
    ...(file.size !== undefined ? { size: file.size } : {}),
    id: file.id,
    encodings: [...file.encodings],
  };
}

export function expectationsFrom(manifest: Pick<Manifest, 'files'>, cachePath: string, consumers?: readonly ConsumerName[], gateway?: GatewayProfile): Expectations {
  return { cachePath, files: manifest.files.map(expectedFile), ...(consumers ? { consumers } : {}), ...(gateway ? { gateway } : {}) };
}
