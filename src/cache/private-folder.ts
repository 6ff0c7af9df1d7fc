// Whether a folder of kept results (layer summaries, compressed layers) may be trusted: a real
// folder of this user's that nobody else may write to. What such a folder holds is then as
// trustworthy as the user's own files; anything kept elsewhere is ignored.
import { lstat } from 'node:fs/promises';

/** `missing` when there is none yet, `foreign` when it exists but is not this user's alone. */
export async function folderTrust(dir: string): Promise<'private' | 'missing' | 'foreign'> {
  const info = await lstat(dir).catch(() => undefined);
  if (!info) return 'missing';
  const mine = typeof process.getuid !== 'function' || info.uid === process.getuid();
  return info.isDirectory() && mine && (info.mode & 0o022) === 0 ? 'private' : 'foreign';
}
