import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildStatement, INDEX_SUBJECT, PREDICATE_TYPE, statementBytes, type StatementInput } from '../../../src/attest/statement.js';
import { canonicalJson } from '../../../src/attest/canonical-json.js';
import { AttestError } from '../../../src/errors.js';
import { VERSION } from '../../../src/version.js';
import { schemaErrors } from '../../support/json-schema.js';
import { verifiedFixture } from './fixture-image.js';

const schema = JSON.parse(await readFile(new URL('../../../docs/attestation.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const run = { repository: 'octo/gw', commit: 'a'.repeat(40), workflowRef: 'octo/gw/.github/workflows/img.yml@refs/heads/main', runId: '42' };

async function input(overrides: Partial<StatementInput> = {}): Promise<StatementInput> {
  const { report, manifest } = await verifiedFixture();
  return { report, gateway: 'generic', files: manifest.files, run, ...overrides };
}

describe('the encoder-cache Statement', () => {
  it('is an in-toto Statement v1 the schema accepts, built from what the verifier read', async () => {
    const given = await input({ base: { digest: `sha256:${'b'.repeat(64)}`, platforms: { 'linux/amd64': `sha256:${'c'.repeat(64)}` } }, sourceDateEpoch: 1700000000, carried: ['f'.repeat(40), 'e'.repeat(40), 'f'.repeat(40)] });
    const statement = buildStatement(given);
    const parsed = JSON.parse(statementBytes(statement).toString('utf8')) as Record<string, unknown>;
    expect(schemaErrors(schema, parsed)).toEqual([]);
    expect(statement.predicateType).toBe(PREDICATE_TYPE);
    const { report } = given;
    expect(statement.subject).toEqual([
      { name: INDEX_SUBJECT, digest: { sha256: report.digest.slice(7) } },
      ...report.platforms.map((p) => ({ name: p.platform, digest: { sha256: p.digest.slice(7) } })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    ]);
    const amd = statement.predicate.platforms.find((p) => p.platform === 'linux/amd64');
    const byName = (a: { cacheFile: string }, b: { cacheFile: string }) => (a.cacheFile < b.cacheFile ? -1 : 1);
    expect(amd?.files).toEqual([...given.files].sort(byName).map(({ cacheFile, url, sha256, size, encodings }) => ({ cacheFile, url, sha256, size, encodings })));
    expect(amd?.files.every((f) => /^[0-9a-f]{40}$/.test(f.cacheFile))).toBe(true);
    expect(amd?.variables).toEqual({ TIKTOKEN_CACHE_DIR: '/tiktoken_cache', DATA_GYM_CACHE_DIR: '/tiktoken_cache' });
    expect(amd?.gateway.verdict).toMatch(/starts offline on linux\/amd64/);
    expect(amd?.decidedBy).toEqual(report.platforms.find((p) => p.platform === 'linux/amd64')?.decidedBy);
    expect(amd?.decidedBy.length).toBeGreaterThan(0);
    expect(amd?.base).toEqual({ digest: `sha256:${'c'.repeat(64)}` });
    expect(statement.predicate.verifier).toEqual({ name: 'oneapi-offline-action', version: VERSION });
    expect(statement.predicate.created).toBe('2023-11-14T22:13:20Z');
    expect(statement.predicate.run).toEqual(run);
    expect(statement.predicate.carriedFromBase).toEqual(['e'.repeat(40), 'f'.repeat(40)]);
  });

  it('is the same bytes for the same inputs, whatever order they came in, and holds no time without SOURCE_DATE_EPOCH', async () => {
    const given = await input();
    const a = statementBytes(buildStatement(given));
    const shuffled: StatementInput = { ...given, files: [...given.files].reverse(), report: { ...given.report, platforms: [...given.report.platforms].reverse() }, run: { runId: '42', workflowRef: run.workflowRef, commit: run.commit, repository: run.repository } };
    expect(statementBytes(buildStatement(shuffled)).equals(a)).toBe(true);
    expect(a.toString('utf8')).not.toMatch(/created|T\d\d:\d\d/);
    expect(a.toString('utf8')).toBe(canonicalJson(JSON.parse(a.toString('utf8'))));
  });

  it('the schema refuses what a Statement must not be (it can fail)', async () => {
    const good = JSON.parse(statementBytes(buildStatement(await input())).toString('utf8')) as { subject: unknown[]; predicate: { platforms: Array<Record<string, unknown>> } };
    const dup = structuredClone(good);
    dup.subject.push(dup.subject[0]);
    expect(schemaErrors(schema, dup).join()).toMatch(/not unique/);
    const bad = structuredClone(good);
    (bad.predicate.platforms[0] as { gateway: { ok: boolean } }).gateway.ok = false;
    (bad.predicate.platforms[0] as Record<string, unknown>)['secret'] = 'x';
    expect(schemaErrors(schema, bad)).toEqual(expect.arrayContaining([expect.stringMatching(/gateway\.ok: expected true/), expect.stringMatching(/unexpected secret/)]));
  });

  it('only the run facts given, never anything else of the environment', async () => {
    const statement = buildStatement(await input({ run: { repository: 'octo/gw' } }));
    expect(statement.predicate.run).toEqual({ repository: 'octo/gw' });
    expect(JSON.stringify(statement)).not.toContain(process.env['HOME'] ?? '/root');
  });

  it('refuses a report that did not pass, and a subject named twice', async () => {
    const given = await input();
    expect(() => buildStatement({ ...given, report: { ...given.report, ok: false } })).toThrow(AttestError);
    const statement = buildStatement(given);
    const twice = { ...statement, subject: [...statement.subject, statement.subject[0]!] };
    expect(() => statementBytes(twice)).toThrow(/names a subject twice/);
  });

  it('a single-manifest image has one subject', async () => {
    const given = await input();
    const one = given.report.platforms[0]!;
    const statement = buildStatement({ ...given, report: { ...given.report, digest: one.digest, platforms: [one] } });
    expect(statement.subject).toEqual([{ name: INDEX_SUBJECT, digest: { sha256: one.digest.slice(7) } }]);
  });
});
