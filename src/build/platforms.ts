// Target platforms as buildx takes them: `os/arch[/variant]`, validated against the
// architectures and variants BuildKit knows, so a typo fails before buildx runs.
import { InputError } from '../errors.js';
import { parseList } from '../inputs/scalars.js';

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
