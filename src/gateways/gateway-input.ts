// The `gateway` input: which profile a run follows (profiles.ts), or `auto` (detect.ts picks it
// from the base image's config). A profile fills the inputs left empty (`encoders`: what the
// gateway loads; `consumers`: the readers it uses) and adds checks that run before anything
// touches the network: cache-path out of the gateway's volumes, no reader the gateway does not
// use, and every encoding it cannot start without. Pure.
import { InputError } from '../errors.js';
import type { RawInputs } from '../inputs/names.js';
import { parseBoolean, parseList } from '../inputs/scalars.js';
import type { EncodingName } from '../pins.js';
import { GATEWAYS, PROFILES, isGatewayName, type GatewayProfile } from './profiles.js';

export const GATEWAY_VALUES = [...GATEWAYS, 'auto'] as const;

export type GatewayRequest = { readonly kind: 'named'; readonly choice: GatewayChoice } | { readonly kind: 'auto' };

/** The profile a run follows, and how it was chosen. */
export interface GatewayChoice {
  readonly profile: GatewayProfile;
  /** `input`: named (or the default, generic); `auto`: read from the base image's config. */
  readonly by: 'input' | 'auto';
  readonly why: string;
}

export function namedGateway(profile: GatewayProfile, why = 'the gateway input'): GatewayChoice {
  return { profile, by: 'input', why };
}

/** `auto` reads base-image: only an overlay build has one to read. */
function autoApplies(raw: RawInputs, verifyOnly: boolean): string | undefined {
  if (verifyOnly) return 'verify reads an image that is already built';
  if (raw('merge-digests').trim() !== '') return 'merge joins images that are already built';
  if (!parseBoolean('build', raw('build'), true)) return 'build: false makes no image';
  if (raw('base-image').trim() === '') return 'Dockerfile mode has no base-image to read (the Dockerfile decides what the image runs)';
  return undefined;
}

export function readGatewayInput(raw: RawInputs, options: { readonly verifyOnly: boolean }): GatewayRequest {
  const given = raw('gateway').trim();
  const value = given.toLowerCase() || 'generic';
  if (value === 'auto') {
    const why = autoApplies(raw, options.verifyOnly);
    if (why !== undefined) {
      throw new InputError('gateway', {
        what: `gateway: auto reads base-image's config, and this run has none to read: ${why}`,
        got: JSON.stringify(given),
        expected: `auto only with base-image (overlay mode); otherwise one of ${GATEWAYS.join(', ')}`,
        fix: 'name the gateway the image runs, e.g. gateway: one-api',
      });
    }
    return { kind: 'auto' };
  }
  if (!isGatewayName(value)) {
    throw new InputError('gateway', {
      got: JSON.stringify(given),
      expected: `one of ${GATEWAY_VALUES.join(', ')}`,
      fix: 'name the gateway the image runs, generic for plain tiktoken and tiktoken-go, or auto to read it from base-image',
    });
  }
  return { kind: 'named', choice: namedGateway(PROFILES[value]) };
}

/**
 * The raw inputs as the profile fills them: an empty `encoders` is the gateway's set (not in
 * `verify`, which then reads the set from the image's manifest.json) and an empty `consumers`
 * is the gateway's readers. generic fills nothing: the action's own defaults apply.
 */
export function gatewayInputs(raw: RawInputs, profile: GatewayProfile, options: { readonly verifyOnly: boolean }): RawInputs {
  if (profile.name === 'generic') return raw;
  return (name) => {
    const value = raw(name);
    if (value.trim() !== '') return value;
    if (name === 'encoders' && !options.verifyOnly) return profile.encodings.join(',');
    if (name === 'consumers') return profile.readers.join(',');
    return value;
  };
}

function within(path: string, folder: string): boolean {
  const clean = path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  return clean === folder || clean.startsWith(`${folder}/`);
}

/** cache-path under a volume the gateway's users mount: the volume hides the files. */
export function checkGatewayCachePath(profile: GatewayProfile, cachePath: string): void {
  const volume = profile.volumes.find((v) => within(cachePath, v.path));
  if (!volume) return;
  throw new InputError('cache-path', {
    what: `cache-path ${cachePath} is under ${volume.path}, ${volume.what}: a volume mounted there hides what the image holds, and ${profile.title} would read an empty (or stale) folder`,
    got: JSON.stringify(cachePath),
    expected: `a folder outside ${profile.volumes.map((v) => v.path).join(', ')}`,
    fix: 'leave cache-path at /tiktoken_cache (the default), or pick another folder outside the volume',
  });
}

export interface GatewayCheckFacts {
  /** The run makes the files (prepare, build): `encoders` must keep what the gateway loads. */
  readonly making: boolean;
  readonly cachePath: string;
  /** The encoder set after the profile's default. */
  readonly encodings: readonly EncodingName[];
}

/** Every check a profile adds, on the raw inputs as the user gave them. */
export function checkGatewayInputs(raw: RawInputs, profile: GatewayProfile, facts: GatewayCheckFacts): void {
  checkGatewayCachePath(profile, facts.cachePath);
  if (profile.name === 'generic') return;
  const readers = parseList(raw('consumers')).map((r) => r.toLowerCase());
  const foreign = readers.filter((r) => !(profile.readers as readonly string[]).includes(r));
  if (foreign.length > 0) {
    throw new InputError('consumers', {
      what: `${profile.title} reads its files with ${profile.readers.join(' and ')}, not ${foreign.join(', ')}`,
      got: JSON.stringify(raw('consumers')),
      expected: `${profile.readers.join(', ')} (or leave consumers out)`,
      fix: `leave consumers out with gateway: ${profile.name}, or use gateway: generic to check both readers without a gateway's rules`,
    });
  }
  if (!facts.making || raw('encoders').trim() === '') return;
  const lacking = profile.loads.filter((e) => !facts.encodings.includes(e));
  if (lacking.length > 0) {
    throw new InputError('encoders', {
      what: `${profile.title} needs ${lacking.join(', ')} (it loads ${profile.loads.join(', ')}), which encoders leaves out: it would go to the network for them`,
      got: JSON.stringify(raw('encoders')),
      expected: `a list that holds ${profile.loads.join(', ')}`,
      fix: `add ${lacking.join(', ')} to encoders, or leave encoders out for ${profile.title}'s set (${profile.encodings.join(', ')})`,
    });
  }
}
