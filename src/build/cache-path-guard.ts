// Overlay mode's added layer marks cache-path opaque (stage-cache.ts, encoder-layer.ts): whatever
// the base holds in that folder is hidden in the image. A folder every Linux image fills would
// take the base's own files with it (cache-path /usr: no shell, no libraries), and verification
// would not notice, since it checks that folder, which then holds exactly the encoder files. So
// such folders are refused before anything runs: the top level of the Filesystem Hierarchy
// Standard, the folders below /usr and /var that packages fill, and /data and /app, the usual
// WORKDIRs of application images (One API runs from /data).
import { InputError } from '../errors.js';

const TOP = ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib32', 'lib64', 'libx32', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var', 'data', 'app'];
const BELOW_USR = ['bin', 'include', 'lib', 'lib32', 'lib64', 'libexec', 'local', 'sbin', 'share', 'src', 'local/bin', 'local/lib', 'local/sbin', 'local/share'];
const BELOW_VAR = ['cache', 'lib', 'local', 'log', 'mail', 'opt', 'run', 'spool', 'tmp', 'www'];

const SHARED = new Set([...TOP.map((d) => `/${d}`), ...BELOW_USR.map((d) => `/usr/${d}`), ...BELOW_VAR.map((d) => `/var/${d}`)]);

/** Throws an input error when overlay mode's cache-path is a folder base images use themselves. */
export function checkOverlayCachePath(cachePath: string): void {
  const folder = cachePath.replace(/\/+/g, '/').replace(/\/$/, '');
  if (!SHARED.has(folder)) return;
  throw new InputError('cache-path', {
    what: `cache-path ${cachePath} is a folder base images fill themselves`,
    got: JSON.stringify(cachePath),
    expected: 'a folder of its own: overlay mode hides whatever the base has in cache-path, so the image keeps only the encoder files there',
    fix: `use a folder of its own, such as /tiktoken_cache (the default) or ${folder}/tiktoken`,
  });
}
