// A created label/annotation given by the caller (metadata-action's carry the job's clock) is
// pinned to the build's SOURCE_DATE_EPOCH unless keep-created is set.
import { describe, expect, it } from 'vitest';
import { parseBuildInputs, type BuildContextFacts } from '../../../src/build/options.js';
import { pinCreated } from '../../../src/build/created.js';
import { INPUT_DEFAULTS, rawInputsFrom, type InputName } from '../../../src/inputs/names.js';
import { InputError } from '../../../src/errors.js';

const EPOCH = 1_700_000_000;
const AT_EPOCH = '2023-11-14T22:13:20Z';
const FACTS: BuildContextFacts = { proxy: {}, cacheDir: '/c', engineLoadsMultiPlatform: true, sha: 'f'.repeat(40), commitTime: EPOCH };
const parse = (values: Partial<Record<InputName, string>>, facts: Partial<BuildContextFacts> = {}) =>
  parseBuildInputs(rawInputsFrom({ ...INPUT_DEFAULTS, images: 'ghcr.io/o/a', version: 'v1.2.3', ...values }), { ...FACTS, ...facts });

// metadata-action v6 output shapes, with the job's clock in created.
const META_LABELS = 'org.opencontainers.image.title=one-api\norg.opencontainers.image.created=2026-12-08T03:41:07.123Z\norg.opencontainers.image.version=v1.2.3';
const META_ANNOTATIONS = 'manifest:org.opencontainers.image.title=one-api\nmanifest:org.opencontainers.image.created=2026-12-08T03:41:07.123Z\nindex:org.opencontainers.image.created=2026-12-08T03:41:07.123Z';

const createdLabel = (labels: readonly (readonly [string, string])[]) => labels.find(([k]) => k === 'org.opencontainers.image.created')?.[1];

describe('created from the caller', () => {
  it.each<[string, Partial<Record<InputName, string>>, Partial<BuildContextFacts>, string | undefined, string[], boolean]>([
    ['metadata-action labels + annotations: pinned to the epoch, with a notice', { labels: META_LABELS, annotations: META_ANNOTATIONS }, {}, AT_EPOCH,
      ['manifest:org.opencontainers.image.title=one-api', `manifest:org.opencontainers.image.created=${AT_EPOCH}`, `index:org.opencontainers.image.created=${AT_EPOCH}`], true],
    ['a bare created annotation too', { annotations: 'org.opencontainers.image.created=2020-01-01T00:00:00Z' }, {}, AT_EPOCH, [`index,manifest:org.opencontainers.image.created=${AT_EPOCH}`], true],
    ['source-date-epoch input is the time used', { labels: META_LABELS, 'source-date-epoch': '1600000000' }, {}, '2020-09-13T12:26:40Z', [], true],
    ['keep-created: the caller\'s values stay', { labels: META_LABELS, annotations: META_ANNOTATIONS, 'keep-created': 'true' }, {}, '2026-12-08T03:41:07.123Z',
      ['manifest:org.opencontainers.image.title=one-api', 'manifest:org.opencontainers.image.created=2026-12-08T03:41:07.123Z', 'index:org.opencontainers.image.created=2026-12-08T03:41:07.123Z'], false],
    ['no epoch known: nothing steadier, the caller\'s value stays', { labels: META_LABELS }, { commitTime: undefined }, '2026-12-08T03:41:07.123Z', [], false],
    ['already the epoch time: no notice', { labels: `org.opencontainers.image.created=${AT_EPOCH}` }, {}, AT_EPOCH, [], false],
    ['no created given: our own label, no notice', { labels: 'a=b' }, {}, AT_EPOCH, [], false],
  ])('%s', (_name, values, facts, label, annotations, notice) => {
    const options = parse(values, facts);
    expect(createdLabel(options.labels)).toBe(label);
    expect(options.annotations).toEqual(annotations);
    expect(options.createdNotice !== undefined).toBe(notice);
    if (notice) expect(options.createdNotice).toMatch(/SOURCE_DATE_EPOCH.*keep-created: true/);
  });

  it('other labels keep their place and value', () => {
    const options = parse({ labels: META_LABELS });
    expect(options.labels.filter(([k]) => k === 'org.opencontainers.image.title')).toEqual([['org.opencontainers.image.title', 'one-api']]);
    expect(options.labels.filter(([k]) => k === 'org.opencontainers.image.created')).toHaveLength(1);
  });

  it('two clock times give the same options', () => {
    const at = (t: string) => parse({ labels: META_LABELS.replaceAll('2026-12-08T03:41:07.123Z', t), annotations: META_ANNOTATIONS.replaceAll('2026-12-08T03:41:07.123Z', t) });
    const a = at('2026-12-08T03:41:07.123Z');
    const b = at('2027-01-01T00:00:00.999Z');
    expect({ ...a, createdNotice: '' }).toEqual({ ...b, createdNotice: '' });
  });

  it('pinCreated leaves the inputs untouched', () => {
    const labels = [['org.opencontainers.image.created', 'x'] as const];
    pinCreated({ labels, annotations: [] }, EPOCH, false);
    expect(labels[0]?.[1]).toBe('x');
  });

  it('keep-created is a boolean input', () => {
    expect(() => parse({ 'keep-created': 'maybe' })).toThrow(InputError);
    expect(() => parse({ 'keep-created': 'maybe' })).toThrow(/keep-created/);
  });
});
