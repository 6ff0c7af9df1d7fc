// The argv of `docker buildx imagetools create --dry-run` for merge mode: it prints the merged
// index's exact bytes (sources `image@digest`) without pushing or tagging anything; the index
// is pushed by digest and tagged only after verification (merge.ts, publish.ts). Pure.
import { InputError } from '../errors.js';
import { DIGEST_RE } from '../oci/digest.js';
import { parseFullTag, parseImageName } from './reference.js';

/** argv after `docker`; `tags` are only checked here (imagetools never sees them). */
export function mergeArgs(
  images: readonly string[],
  tags: readonly string[],
  digests: readonly string[],
  options: { builder?: string; annotations?: readonly string[] } = {},
): string[] {
  const source = images[0];
  if (source === undefined) throw new InputError('images', { got: '""', expected: 'at least one image name', fix: 'set images:' });
  parseImageName('images', source);
  if (tags.length === 0) {
    throw new InputError('tags', {
      got: 'no tags',
      expected: 'at least one tag for the merged index',
      fix: 'set version (or run on a tag), or add tags:',
    });
  }
  for (const tag of tags) parseFullTag('tags', tag);
  if (digests.length === 0) throw new InputError('merge-digests', { got: '""', expected: 'at least one digest', fix: 'set merge-digests:' });
  for (const digest of digests) {
    if (!DIGEST_RE.test(digest)) throw new InputError('merge-digests', { got: JSON.stringify(digest), expected: 'sha256:<64 hex>', fix: 'pass each job\'s digest output' });
  }
  const builder = options.builder ? ['--builder', options.builder] : [];
  const annotations = (options.annotations ?? []).flatMap((annotation) => ['--annotation', annotation]);
  return ['buildx', 'imagetools', 'create', ...builder, ...annotations, '--dry-run', ...digests.map((digest) => `${source}@${digest}`)];
}
