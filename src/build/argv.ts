// BuildOptions → the `docker buildx build` argv (an array, never a shell string). Pure. Secret
// values never appear here: only their ids and the files or variables that hold them.
import { buildFlagArgs } from './build-flags.js';
import type { BuildOptions } from './options.js';
import { secretArgs } from './secrets.js';
import { buildxOutputs, type ImageDest, type Route } from './outputs.js';

export interface ArgvPaths {
  readonly metadataFile: string;
  /** The Dockerfile: the generated one in overlay mode, else `file` (omitted: {context}/Dockerfile). */
  readonly dockerfilePath?: string | undefined;
  /** The build context: the overlay folder in overlay mode, else the `context` input. */
  readonly context?: string | undefined;
  /** `archive` (default) or `registry` (push by digest), see outputs.ts. */
  readonly route?: Route;
  /** Where to write the image when the build needs one the user did not ask for (outputs.ts). */
  readonly dest?: ImageDest | undefined;
  /** id → 0600 file holding each `secrets` value (secrets.ts writeSecretValues). */
  readonly secretFiles?: ReadonlyMap<string, string> | undefined;
}

export function buildxArgs(options: BuildOptions, paths: ArgvPaths): string[] {
  const route = paths.route ?? 'archive';
  const argv = ['buildx', 'build'];
  if (options.builder) argv.push('--builder', options.builder);
  argv.push('--platform', options.platforms.join(','));
  const file = paths.dockerfilePath ?? (options.mode.kind === 'dockerfile' ? options.mode.file : undefined);
  if (file) argv.push('--file', file);
  // Dockerfile mode: the verified files as the named context the user's COPY --from=tiktoken reads (overlay mode's are its main context).
  if (options.mode.kind === 'dockerfile') argv.push('--build-context', `tiktoken=${options.cacheDir}`);
  for (const [key, value] of options.buildArgs) argv.push('--build-arg', `${key}=${value}`);
  for (const [key, value] of options.labels) argv.push('--label', `${key}=${value}`);
  for (const annotation of options.annotations) argv.push('--annotation', annotation);
  argv.push(...buildFlagArgs(options.flags));
  argv.push(...secretArgs(options.buildSecrets, paths.secretFiles ?? new Map()));
  // No --tag: tags are created after verification (publish.ts), never by buildx.
  argv.push('--metadata-file', paths.metadataFile);
  if (options.provenance) argv.push('--provenance', options.provenance);
  for (const output of buildxOutputs(options, route, paths.dest)) argv.push('--output', output);
  const context = paths.context ?? (options.mode.kind === 'dockerfile' ? options.mode.context : undefined);
  if (context === undefined) throw new Error('overlay mode needs the generated context folder');
  argv.push(context);
  return argv;
}
