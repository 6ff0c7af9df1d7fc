// Platforms as OCI descriptors carry them ({os, architecture, variant}) and as people and buildx
// write them (`os/arch[/variant]`): the one formatter, parser and matcher. `linux/arm64` and
// `linux/arm64/v8` are one platform, so are `linux/amd64` and `linux/amd64/v1` (the default
// variants, which some indexes spell out and some leave off). Pure.

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

/** `linux/arm64/v8`-style name; `unknown/unknown` when there is none. */
export function platformName(platform: Platform | undefined): string {
  if (!platform) return 'unknown/unknown';
  return [platform.os ?? 'unknown', platform.architecture ?? 'unknown', platform.variant].filter((p) => p !== undefined && p !== '').join('/');
}

/** `os/arch[/variant]` → a Platform; undefined when it has not two or three non-empty parts. */
export function parsePlatformName(name: string): Platform | undefined {
  const parts = name.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) return undefined;
  const [os = '', architecture = '', variant] = parts;
  return { os, architecture, ...(variant !== undefined ? { variant } : {}) };
}

/** The platform a config describes (`os`, `architecture`, `variant`), or undefined without os and architecture. */
export function configPlatform(config: { readonly os?: unknown; readonly architecture?: unknown; readonly variant?: unknown }): Platform | undefined {
  const os = typeof config.os === 'string' ? config.os : '';
  const architecture = typeof config.architecture === 'string' ? config.architecture : '';
  if (!os || !architecture) return undefined;
  return { os, architecture, ...(typeof config.variant === 'string' && config.variant !== '' ? { variant: config.variant } : {}) };
}

const DEFAULT_VARIANT: Readonly<Record<string, string>> = { arm64: 'v8', amd64: 'v1' };

/** The name with a default variant left off: `linux/arm64/v8` → `linux/arm64`. */
export function canonicalPlatform(name: string): string {
  const parsed = parsePlatformName(name);
  if (!parsed || parsed.variant === undefined || DEFAULT_VARIANT[parsed.architecture] !== parsed.variant) return name;
  return `${parsed.os}/${parsed.architecture}`;
}

/** Whether the name `wanted` and `platform` are the same platform (default variants equal to none). */
export function samePlatform(wanted: string, platform: Platform): boolean {
  return canonicalPlatform(wanted) === canonicalPlatform(platformName(platform));
}

/** Requested platform names that `available` lacks (default variants matched). */
export function missingPlatforms(requested: readonly string[], available: readonly string[]): string[] {
  const have = new Set(available.map(canonicalPlatform));
  return requested.filter((p) => !have.has(canonicalPlatform(p)));
}
