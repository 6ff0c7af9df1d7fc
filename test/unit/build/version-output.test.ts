// The `version` output holds what metadata-action's holds for the same tags: the main tag's text
// (flavor prefix and suffix included; a `v` stays when the tag keeps it, as metadata-action's
// type=ref tags do, and goes where the tag drops it, as its type=semver does). With names taken
// from metadata-action's own tags, there is no main tag of ours: the version as given.
import { describe, expect, it } from 'vitest';
import { parseMergeInputs } from '../../../src/build/merge-inputs.js';
import { parseBuildInputs, type BuildContextFacts } from '../../../src/build/options.js';
import { INPUT_DEFAULTS, rawInputsFrom, type InputName } from '../../../src/inputs/names.js';
import { actionOutputs } from '../../../src/pipeline/outputs.js';
import { stampOf } from '../../../src/pipeline/pipeline.js';
import type { Plan } from '../../../src/pipeline/plan.js';

const FACTS: BuildContextFacts = { proxy: {}, cacheDir: '/c', engineLoadsMultiPlatform: true, sha: 'abcdef0'.padEnd(40, '0'), commitTime: 1_700_000_000 };
const DIGEST = `sha256:${'a'.repeat(64)}`;

function buildVersion(values: Partial<Record<InputName, string>>, facts: Partial<BuildContextFacts> = {}): string | undefined {
  const buildOptions = parseBuildInputs(rawInputsFrom({ ...INPUT_DEFAULTS, ...values }), { ...FACTS, ...facts });
  const stamp = stampOf({ mode: 'build', buildOptions } as unknown as Plan);
  return actionOutputs({ mode: 'build', ...(stamp ? { stamp } : {}), built: { digest: DIGEST, tags: buildOptions.tags } } as unknown as Parameters<typeof actionOutputs>[0]).version;
}

describe('version output', () => {
  it.each<[string, Partial<Record<InputName, string>>, Partial<BuildContextFacts>, string]>([
    ['default prefix', { images: 'r.io/a', version: 'v1.2.3' }, {}, 'offline-v1.2.3'],
    ['a version without v', { images: 'r.io/a', version: '1.2.3' }, {}, 'offline-1.2.3'],
    ['no prefix: the tag, v kept (metadata-action type=ref,event=tag gives v1.2.3)', { images: 'r.io/a', version: 'v1.2.3', flavor: 'prefix=' }, {}, 'v1.2.3'],
    ['metadata-action: prefix=foo-,onlatest=true + suffix=-dev → foo-1.1.1-dev', { images: 'r.io/a', version: '1.1.1', flavor: 'prefix=foo-,onlatest=true\nsuffix=-dev,onlatest=true' }, {}, 'foo-1.1.1-dev'],
    ['the git tag of the run', { images: 'r.io/a' }, { gitRef: 'refs/tags/v2.0.0' }, 'offline-v2.0.0'],
    ['a prerelease', { images: 'r.io/a', version: 'v2.0.0-rc.1', flavor: 'suffix=-slim' }, {}, 'offline-v2.0.0-rc.1-slim'],
    ['the short commit', { images: 'r.io/a' }, {}, 'offline-abcdef0'],
    ['names from metadata-action\'s tags: the version itself', { tags: 'r.io/a:1.2.3\nr.io/a:latest', version: 'v1.2.3' }, {}, 'v1.2.3'],
    ['names from metadata-action\'s tags, no version: the git tag', { tags: 'r.io/a:1.2.3' }, { gitRef: 'refs/tags/v1.2.3' }, 'v1.2.3'],
  ])('%s', (_name, values, facts, want) => {
    expect(buildVersion(values, facts)).toBe(want);
  });

  it('the label keeps the version itself (the software version), not the tag', () => {
    const options = parseBuildInputs(rawInputsFrom({ ...INPUT_DEFAULTS, images: 'r.io/a', version: 'v1.2.3' }), FACTS);
    expect(Object.fromEntries(options.labels)['org.opencontainers.image.version']).toBe('v1.2.3');
  });

  it('merge mode: the same rule', () => {
    const merge = parseMergeInputs(rawInputsFrom({ ...INPUT_DEFAULTS, 'merge-digests': DIGEST, images: 'r.io/a', version: 'v1.2.3', flavor: 'suffix=-slim' }));
    expect(merge?.versionTag).toBe('offline-v1.2.3-slim');
    expect(stampOf({ mode: 'merge', merge } as unknown as Plan)?.version).toBe('offline-v1.2.3-slim');
  });
});
