// `gateway: auto` in the plan: read base-image's config once (its registry, or an OCI layout or
// archive for the registry engine), pick the profile (detect.ts) and say why. The platforms
// read in the same pass serve the plan's platform check, so the base's root is fetched once.
// A base that cannot be read is an input error: auto cannot choose, and building for the
// wrong gateway would publish an image that is verified against the wrong rules.
import { InputError } from '../errors.js';
import type { HttpTransport } from '../http/http-request.js';
import type { Logger } from '../log/logger.js';
import type { ImageFacts } from '../oci/base-platforms.js';
import { detectGateway } from './detect.js';
import type { GatewayChoice } from './gateway-input.js';

/** An image's platforms and config facts (src/oci/base-platforms.ts imageFacts); `prefer`: platforms to take the config of. */
export type ReadBaseFacts = (reference: string, prefer?: readonly string[]) => Promise<ImageFacts>;

export interface AutoGateway {
  readonly choice: GatewayChoice;
  readonly platforms: readonly string[];
}

export async function autoGateway(base: string, prefer: readonly string[] | undefined, read: ReadBaseFacts, log: Logger): Promise<AutoGateway> {
  let facts: ImageFacts;
  try {
    facts = await read(base, prefer ?? []);
  } catch (error) {
    throw new InputError('gateway', {
      what: `gateway: auto could not read the config of ${base}`,
      got: error instanceof Error ? error.message : String(error),
      expected: 'a base image this run can read (from its registry, or an OCI layout or archive)',
      fix: 'name the gateway (e.g. gateway: one-api), or make the base readable (log in to its registry before this step)',
    }, { cause: error });
  }
  const choice = detectGateway(facts.config, base);
  log.info(`gateway: auto → ${choice.profile.name} (${choice.why})`);
  return { choice, platforms: facts.platforms };
}

/** The default reader: registry references through the downloads' proxy, layouts and archives from disk. */
export async function defaultReadBaseFacts(options: { readonly dockerConfig?: string | undefined; readonly transport: HttpTransport }): Promise<ReadBaseFacts> {
  const [{ imageFacts, registryImageFacts }, { parseBaseImage }, { layoutSource }] = await Promise.all([
    import('../oci/base-platforms.js'),
    import('../oci/base-reference.js'),
    import('../oci/layout-source.js'),
  ]);
  const registry = registryImageFacts(options);
  return async (reference, prefer) => {
    const base = parseBaseImage(reference);
    if (base.kind === 'registry') return registry(reference, prefer);
    const source = await layoutSource(base.path, { ...(base.tag ? { refName: base.tag } : {}), label: `${base.kind}://${base.path}` });
    try {
      return await imageFacts(source, prefer);
    } finally {
      await source.close();
    }
  };
}
