// The smallest BuildOptions the pure build tables start from: Dockerfile mode, both platforms,
// two tags on one image, nothing pushed, loaded or verified. Tables spread their changes over it.
import type { BuildOptions } from '../../../src/build/options.js';

export const BASE_OPTIONS: BuildOptions = {
  mode: { kind: 'dockerfile', context: 'ctx' },
  cacheDir: '/c',
  cachePath: '/tiktoken_cache',
  platforms: ['linux/amd64', 'linux/arm64'],
  buildArgs: [],
  labels: [],
  images: ['r.io/a'],
  tags: ['r.io/a:v1', 'r.io/a:latest'],
  push: false,
  pushByDigest: false,
  load: false,
  verify: false,
  annotations: [],
  flags: { buildContexts: [], cacheFrom: [], cacheTo: [], noCache: false, pull: false, addHosts: [] },
  buildSecrets: [],
  secrets: [],
};
