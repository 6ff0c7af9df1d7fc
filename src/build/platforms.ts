// Target platforms as buildx takes them: `os/arch[/variant]`, validated against the
// architectures and variants BuildKit knows, so a typo fails before buildx runs.
import { InputError } from '../errors.js';
import { parseList } from '../inputs/scalars.js';
import type { Logger } from '../log/logger.js';
import { missingPlatforms } from '../oci/platform.js';

/** An image's platforms (`linux/arm64/v8`…), attestations left out; throws when it cannot be read (src/oci/base-platforms.ts). */
export type ReadPlatforms = (reference: string) => Promise<string[]>;

/** Architecture → the variants it may carry (empty: no variant allowed). */
export const KNOWN_ARCHITECTURES = {
  amd64: ['v1', 'v2', 'v3', 'v4'],
  arm64: ['v8', 'v9'],
  arm: ['v5', 'v6', 'v7', 'v8'],
  '386': [],
  ppc64le: [],
  s390x: [],
  riscv64: [],
  mips64le: [],
  mips64: [],
  loong64: [],
} as const satisfies Record<string, readonly string[]>;

const KNOWN_OS = ['linux', 'windows'] as const;

/** Aliases people type that buildx does not take, with the spelling it wants. */
const ALIASES: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  x64: 'amd64',
  aarch64: 'arm64',
  armhf: 'arm/v7',
  i386: '386',
};

const EXPECTED = `os/arch[/variant] with os in ${KNOWN_OS.join(', ')} and arch in ${Object.keys(KNOWN_ARCHITECTURES).join(', ')}, e.g. linux/amd64,linux/arm64`;

function reject(item: string, fix: string): never {
  throw new InputError('platforms', { got: JSON.stringify(item), expected: EXPECTED, fix });
}

/** One platform, checked; returned exactly as buildx takes it. */
export function parsePlatform(item: string): string {
  const parts = item.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
    reject(item, 'write each platform as os/arch or os/arch/variant, e.g. linux/arm64');
  }
  const [os = '', arch = '', variant] = parts;
  if (!(KNOWN_OS as readonly string[]).includes(os)) reject(item, `use one of the operating systems ${KNOWN_OS.join(', ')}`);
  if (!Object.hasOwn(KNOWN_ARCHITECTURES, arch)) {
    const alias = ALIASES[arch];
    reject(item, alias ? `write ${os}/${alias} instead of ${item}` : `use a known architecture (${Object.keys(KNOWN_ARCHITECTURES).join(', ')})`);
  }
  if (variant !== undefined) {
    const variants: readonly string[] = KNOWN_ARCHITECTURES[arch as keyof typeof KNOWN_ARCHITECTURES];
    if (!variants.includes(variant)) {
      reject(item, variants.length ? `use a variant of ${arch}: ${variants.join(', ')}` : `drop the variant: ${arch} has none`);
    }
  }
  return item;
}

/** The `platforms` input: comma/newline list, each item checked, duplicates dropped, order kept. */
export function parsePlatforms(raw: string): string[] {
  const items = parseList(raw);
  if (items.length === 0) {
    throw new InputError('platforms', { got: JSON.stringify(raw), expected: EXPECTED, fix: 'name at least one platform, e.g. linux/amd64' });
  }
  return [...new Set(items.map(parsePlatform))];
}

export interface BaseCheck {
  /** Images to check: the overlay's base, or a Dockerfile's FROM images. */
  readonly images: readonly string[];
  /** Requested platforms; undefined for `platforms: auto` (take the first image's). */
  readonly platforms?: readonly string[] | undefined;
}

/**
 * The platforms the build runs for. An unreadable image is a warning (buildx will say more),
 * except for `auto`, which cannot go on without them.
 */
export async function checkBasePlatforms(check: BaseCheck, read: ReadPlatforms, log: Logger): Promise<readonly string[] | undefined> {
  let chosen = check.platforms;
  for (const image of check.images) {
    let available: string[];
    try {
      available = await read(image);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      if (chosen === undefined) {
        throw new InputError('platforms', {
          what: `platforms: auto could not read the platforms of ${image}`,
          got: why,
          expected: 'a base image this run can read from its registry',
          fix: 'list the platforms (e.g. platforms: linux/amd64), or log in to the registry before this step',
        }, { cause: error });
      }
      log.warning(`could not read the platforms of ${image} before the build (${why}); buildx will check them`);
      continue;
    }
    const usable = available.filter((p) => p !== 'unknown/unknown');
    if (chosen === undefined) {
      if (usable.length === 0) {
        throw new InputError('platforms', { what: `platforms: auto found no platform in ${image}`, got: available.join(', ') || '(none)', expected: 'an image with os/arch platforms', fix: 'list the platforms' });
      }
      chosen = usable;
      log.info(`platforms: auto → ${usable.join(', ')} (the platforms of ${image})`);
      continue;
    }
    const missing = missingPlatforms(chosen, usable);
    if (missing.length > 0) {
      throw new InputError('platforms', {
        what: `the base image ${image} has no ${missing.join(', ')}`,
        got: chosen.join(', '),
        expected: `platforms ${image} has: ${usable.join(', ') || '(none)'}`,
        fix: `set platforms to what the base has (e.g. platforms: ${usable.filter((p) => !p.startsWith('unknown')).join(',') || 'linux/amd64'}), use platforms: auto (overlay mode), or pick a base tag published for ${missing.join(', ')}`,
      });
    }
  }
  return chosen;
}
