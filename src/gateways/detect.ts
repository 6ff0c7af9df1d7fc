// `gateway: auto`: the profile a base image's config points to, and why. Three kinds of sign,
// strongest first (profiles.ts lists them per gateway): the org.opencontainers.image.source
// label naming the gateway's repository, a program of the entrypoint or cmd, and a set of
// variables only that gateway's image sets. The strongest kind that matches decides; when it
// fits two gateways, or nothing matches, the run follows generic and says so. Pure: a base's
// config is untrusted text, so only short, printable parts of it reach a message.
import type { ImageConfigFacts } from '../oci/base-platforms.js';
import { namedGateway, type GatewayChoice } from './gateway-input.js';
import { GATEWAYS, PROFILES, type GatewayProfile } from './profiles.js';

export const SOURCE_LABEL = 'org.opencontainers.image.source';

interface Match {
  readonly profile: GatewayProfile;
  readonly why: string;
}

/** A value from the base, safe to show: printable, short. */
function shown(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > 120 ? `${printable.slice(0, 117)}...` : printable;
}

/** github.com/owner/name from a URL or path, lowercased; undefined for anything else. */
function repositoryOf(value: string): string | undefined {
  const m = /^(?:(?:https?|git|ssh):\/\/)?(?:git@)?(github\.com)[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(value.trim());
  return m ? `${m[1]}/${m[2]}/${m[3]}`.toLowerCase() : undefined;
}

/** Every word of the entrypoint and cmd (a `sh -c` line split into its words). */
function words(config: ImageConfigFacts): Array<{ word: string; where: string }> {
  const out: Array<{ word: string; where: string }> = [];
  for (const [where, parts] of [['entrypoint', config.entrypoint], ['cmd', config.cmd]] as const) {
    for (const part of parts) for (const word of part.split(/[\s;&|()'"]+/)) if (word !== '') out.push({ word, where });
  }
  return out;
}

function byLabel(config: ImageConfigFacts): Match[] {
  const value = config.labels[SOURCE_LABEL];
  const repo = value === undefined ? undefined : repositoryOf(value);
  if (repo === undefined) return [];
  return gateways()
    .filter((p) => p.signs.repositories.some((r) => r.toLowerCase() === repo))
    .map((profile) => ({ profile, why: `its label ${SOURCE_LABEL}=${shown(value ?? '')} is ${profile.title}'s repository` }));
}

function byProgram(config: ImageConfigFacts): Match[] {
  const found = words(config);
  const out: Match[] = [];
  for (const profile of gateways()) {
    const hit = found.find(({ word }) => profile.signs.programs.some((program) => word === program || (!program.includes('/') && word.split('/').pop() === program)));
    if (hit) out.push({ profile, why: `its ${hit.where} runs ${shown(hit.word)}, ${profile.title}'s program` });
  }
  return out;
}

function byEnv(config: ImageConfigFacts): Match[] {
  const names = new Set(config.env.map((line) => line.split('=')[0] ?? ''));
  const out: Match[] = [];
  for (const profile of gateways()) {
    const set = profile.signs.env.find((s) => s.every((n) => names.has(n)));
    if (set) out.push({ profile, why: `it sets ${set.join(', ')}, as ${profile.title}'s image does` });
  }
  return out;
}

function gateways(): GatewayProfile[] {
  return GATEWAYS.filter((g) => g !== 'generic').map((g) => PROFILES[g]);
}

/** The profile `auto` picks for `base`, and why. */
export function detectGateway(config: ImageConfigFacts, base: string): GatewayChoice {
  for (const matches of [byLabel(config), byProgram(config), byEnv(config)]) {
    if (matches.length === 1) {
      const [only] = matches as [Match];
      return { profile: only.profile, by: 'auto', why: `${shown(base)}: ${only.why}` };
    }
    if (matches.length > 1) {
      return {
        ...namedGateway(PROFILES.generic),
        by: 'auto',
        why: `${shown(base)} fits more than one gateway (${matches.map((m) => `${m.profile.name}: ${m.why}`).join('; ')}), so generic; name the gateway to follow its rules`,
      };
    }
  }
  return {
    ...namedGateway(PROFILES.generic),
    by: 'auto',
    why: `nothing in the config of ${shown(base)} names a known gateway (${SOURCE_LABEL} label, entrypoint, cmd, variables), so generic`,
  };
}
