// Which buildx outputs a build needs, and how to get there on the engine at hand.
//
// Checked with buildx 0.13.1 on Docker 26.1 (docker driver, containerd image store):
// - several `--output`s in one build work (e.g. push + OCI archive);
// - `rewrite-timestamp=true` works on `type=oci` but fails on `type=image`/`type=docker`
//   ("exporter option rewrite-timestamp conflicts with unpack": the engine forces unpack);
// - `push-by-digest` is "not implemented for docker driver".
// So on the docker driver a reproducible push/load (or a push by digest) goes through one OCI
// archive written with rewrite-timestamp, then `docker load` + `docker tag` + `docker push`,
// which keep every digest of the archive (index included). Other drivers get direct outputs
// (several at once when asked: BuildKit ≥ 0.13 takes them; not exercised here, where only the
// docker driver exists).
import type { BuildOptions } from './options.js';

export type Route = 'direct' | 'oci-then-docker';

export function chooseRoute(options: BuildOptions, driver: string): Route {
  if (driver !== 'docker') return 'direct';
  if (options.pushByDigest) return 'oci-then-docker';
  // An archive next to a push/load also goes this way: with two exporters buildx's metadata
  // mixes their descriptors (seen here), and one archive gives one set of digests.
  if ((options.push || options.load) && (options.sourceDateEpoch !== undefined || options.archive !== undefined)) return 'oci-then-docker';
  return 'direct';
}

/** A CSV field for buildx's `--output`: quoted when it holds a comma or quote. */
export function csvField(field: string): string {
  return /[,"]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

function rewrite(options: BuildOptions): string[] {
  return options.sourceDateEpoch === undefined ? [] : ['rewrite-timestamp=true'];
}

/** The tag a push by digest leaves on the docker driver (which can only push tags). */
export function stagingTag(platforms: readonly string[]): string {
  return `by-digest-${platforms.join('-').replace(/[^\w.-]/g, '-')}`.slice(0, 128);
}

/**
 * `--output` values. `ociArchive`: where an OCI archive goes when the build needs one though
 * the user asked for none (the docker route, or an archive for verification).
 */
export function buildxOutputs(options: BuildOptions, route: Route, ociArchive?: string): string[] {
  if (route === 'oci-then-docker') {
    const dest = options.archive ?? ociArchive;
    if (dest === undefined) throw new Error('the docker route needs an OCI archive path');
    const first = options.pushByDigest ? `${options.images[0]}:${stagingTag(options.platforms)}` : options.tags[0];
    return [['type=oci', `dest=${dest}`, ...(first ? [`name=${first}`] : []), ...rewrite(options)].map(csvField).join(',')];
  }
  const outputs: string[] = [];
  if (options.pushByDigest) {
    outputs.push(['type=image', `name=${options.images.join(',')}`, 'push-by-digest=true', 'name-canonical=true', 'push=true', ...rewrite(options)].map(csvField).join(','));
  } else if (options.push) {
    outputs.push(['type=image', 'push=true', ...rewrite(options)].join(','));
  }
  if (options.load) outputs.push(['type=docker', ...rewrite(options)].join(','));
  const dest = options.archive ?? ociArchive;
  if (dest !== undefined) outputs.push(['type=oci', `dest=${dest}`, ...rewrite(options)].map(csvField).join(','));
  return outputs;
}

/** `docker` argvs that follow the build on the docker route: load, tag, push. */
export function dockerSteps(options: BuildOptions, archive: string): string[][] {
  const steps: string[][] = [['load', '--input', archive]];
  if (options.pushByDigest) {
    const staging = stagingTag(options.platforms);
    const [first, ...rest] = options.images.map((image) => `${image}:${staging}`);
    for (const ref of rest) steps.push(['tag', first ?? '', ref]);
    for (const ref of [first, ...rest]) if (ref) steps.push(['push', ref]);
    return steps;
  }
  const [first, ...rest] = options.tags;
  for (const ref of rest) if (first) steps.push(['tag', first, ref]);
  if (options.push) for (const ref of options.tags) steps.push(['push', ref]);
  return steps;
}
