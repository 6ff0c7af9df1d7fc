// A named builder's driver, read from buildx's own store instead of asking buildx.
//
// `docker buildx inspect --bootstrap` costs a docker CLI, a buildx process and a round trip to
// the builder: 0.4 s on a quiet machine, seconds under load, and the build step had to wait for
// it. An overlay build needs only the builder's driver from it (which output route to take): it
// runs nothing inside the image, so any builder builds any platform and the platform check has
// nothing to check. buildx keeps every builder it created as a JSON file named after it under
// `$BUILDX_CONFIG` (default `$DOCKER_CONFIG/buildx`, `~/.docker/buildx`): `instances/<name>`
// holding `{"Name", "Driver", "Nodes": [...]}` (buildx 0.10 to 0.23 at least). `default` is
// the current Docker context's own builder: the docker driver. Anything else, or a file that
// does not read as such a record, gives undefined and the caller asks buildx as before. The
// build itself names the builder and driver it used (its first line); build.ts compares.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { dockerConfigDir } from '../cache/docker-config-dir.js';
import type { EngineFacts } from './engine-facts.js';

type Env = Readonly<Record<string, string | undefined>>;

/** buildx's store folder, as buildx finds it. */
export function buildxStoreDir(env: Env, home = homedir()): string {
  const own = env['BUILDX_CONFIG']?.trim();
  if (own) return own;
  return join(dockerConfigDir(env, home), 'buildx');
}

/** Builder names buildx can store: what `docker buildx create --name` accepts. */
const NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** The driver in an `instances/<name>` record, when it is one for `name`. Pure. */
export function parseInstance(text: string, name: string): string | undefined {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null) return undefined;
  const { Name, Driver, Nodes } = record as Record<string, unknown>;
  if (Name !== name || typeof Driver !== 'string' || !/^[a-z][a-z0-9-]*$/.test(Driver)) return undefined;
  if (!Array.isArray(Nodes) || Nodes.length === 0) return undefined;
  return Driver;
}

/**
 * The facts an overlay build needs about a builder named by the `builder` input, without
 * running buildx; undefined when the store does not say (then buildx is asked).
 */
export async function storedBuilderFacts(builder: string | undefined, storeDir: string): Promise<EngineFacts | undefined> {
  if (!builder || !NAME_RE.test(builder)) return undefined;
  const record = async (): Promise<string | undefined> => {
    const text = await readFile(join(storeDir, 'instances', builder), 'utf8').catch(() => undefined);
    return text === undefined ? undefined : parseInstance(text, builder);
  };
  const driver = builder === 'default' ? 'docker' : await record();
  // Only the driver is known: nothing here says what the image store can load (no load asked).
  return driver ? { driver, builder, containerdStore: false, loadsMultiPlatform: false } : undefined;
}

/** buildx's first line: `#0 building with "NAME" instance using DRIVER driver`. Pure. */
export function builtWith(output: string): { builder: string; driver: string } | undefined {
  const match = /^#0 building with "([^"]+)" instance using (\S+) driver$/m.exec(output);
  return match ? { builder: match[1] as string, driver: match[2] as string } : undefined;
}
