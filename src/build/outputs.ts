// Which buildx output a build writes, so that nothing is tagged before it is verified.
//
// Checked with buildx 0.13.1 on Docker 26.1 (docker driver, containerd image store):
// - `rewrite-timestamp=true` works on `type=oci` but fails on `type=image`/`type=docker`
//   ("exporter option rewrite-timestamp conflicts with unpack": the engine forces unpack);
// - `push-by-digest` is "not implemented for docker driver";
// - `docker load` of an OCI archive with no image name loads it untagged ("Loaded image ID").
// So there are two routes, and neither names a tag:
// - `registry`: BuildKit outside the engine (docker-container, remote, kubernetes) pushes by
//   digest (`push-by-digest=true,name-canonical=true`) to every repository a tag lives in;
// - `archive`: everything else writes one un-named OCI archive (rewrite-timestamp when
//   SOURCE_DATE_EPOCH is set in Dockerfile mode), which src/oci/push-image.ts pushes by digest and `docker load`
//   loads after verification. One archive gives one set of digests for every output.
// Tags are created afterwards by publish.ts.
import { splitTag } from '../oci/reference.js';
import type { BuildOptions } from './options.js';

export type Route = 'registry' | 'archive';

export function chooseRoute(options: BuildOptions, driver: string): Route {
  if (driver !== 'docker' && options.push && !options.load && options.archive === undefined) return 'registry';
  return 'archive';
}

/** Whether the archive route needs an archive at all: something to push, load, keep or verify. */
export function needsArchive(options: BuildOptions, route: Route): boolean {
  return route === 'archive' && (options.push || options.load || options.archive !== undefined || options.verify);
}

/** Every repository the image goes to by digest: each image name, then each tag's repository. */
export function targetRepositories(options: BuildOptions): string[] {
  const tags = options.pushByDigest ? [] : options.tags;
  return [...new Set([...options.images, ...tags.map((tag) => splitTag(tag).name)])];
}

/** A CSV field for buildx's `--output`: quoted when it holds a comma or quote. */
export function csvField(field: string): string {
  return /[,"]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/**
 * Dockerfile mode with an epoch: BuildKit's rewrite-timestamp dates what the user's steps wrote.
 * Overlay mode needs none (its only layer is made of fixed-date context entries, overlay.ts),
 * and it would cost a decompress and recompress of that layer on every build.
 */
function rewrite(options: BuildOptions): string[] {
  return options.sourceDateEpoch === undefined || options.mode.kind === 'overlay' ? [] : ['rewrite-timestamp=true'];
}

/** Where the archive route writes when the user asked for no archive: a private tar, or a layout folder (`tar=false`, layout-pool.ts). */
export type ImageDest = { readonly archive: string } | { readonly layout: string };

/** The path of an image destination, a tar or a layout folder (both read by oci/layout-source.ts). */
export function destPath(dest: ImageDest): string {
  return 'layout' in dest ? dest.layout : dest.archive;
}

/** `--output` values; `dest` is used only when the user asked for no archive. */
export function buildxOutputs(options: BuildOptions, route: Route, dest?: ImageDest): string[] {
  if (route === 'registry') {
    const names = targetRepositories(options).join(',');
    // OCI media types always: BuildKit's image exporter writes Docker media types unless told (or
    // unless attestations are attached), which would give other manifest digests than the archive
    // route on Engine's builder and than the same build with provenance.
    return [['type=image', `name=${names}`, 'push-by-digest=true', 'name-canonical=true', 'push=true', 'oci-mediatypes=true', ...rewrite(options)].map(csvField).join(',')];
  }
  if (options.archive !== undefined) return [['type=oci', `dest=${options.archive}`, ...rewrite(options)].map(csvField).join(',')];
  if (dest === undefined) return [];
  if ('layout' in dest) return [['type=oci', `dest=${dest.layout}`, 'tar=false', ...rewrite(options)].map(csvField).join(',')];
  return [['type=oci', `dest=${dest.archive}`, ...rewrite(options)].map(csvField).join(',')];
}
