import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { statementMismatch } from '../../../src/attest/check-attestation.js';
import { parseAttestationCheck } from '../../../src/attest/check-inputs.js';
import { buildStatement, statementBytes } from '../../../src/attest/statement.js';
import { InputError } from '../../../src/errors.js';
import { rawInputsFrom } from '../../../src/inputs/names.js';
import { verifiedFixture } from './fixture-image.js';

const PUB = await readFile(new URL('../../../fixtures/attest/cosign.pub', import.meta.url), 'utf8');
const KEY = await readFile(new URL('../../../fixtures/attest/cosign.key', import.meta.url), 'utf8');

describe('statementMismatch: the Statement against what the verifier reads now', () => {
  it('a Statement built from the same report holds; each edit is named by its field', async () => {
    const { report, manifest } = await verifiedFixture();
    const good = JSON.parse(statementBytes(buildStatement({ report, gateway: 'generic', files: manifest.files, run: {} })).toString('utf8')) as Record<string, any>;
    expect(statementMismatch(good, report)).toBeUndefined();
    const edit = (change: (s: Record<string, any>) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return statementMismatch(copy, report);
    };
    expect(edit((s) => (s['predicateType'] = 'https://example.com/other'))?.field).toBe('predicateType');
    expect(edit((s) => (s['subject'] = [{ name: 'index', digest: { sha256: 'f'.repeat(64) } }]))).toMatchObject({ field: 'subject', found: `sha256:${'f'.repeat(64)}` });
    expect(edit((s) => s['predicate'].platforms.pop())?.field).toBe('predicate.platforms');
    expect(edit((s) => (s['predicate'].platforms[0].files[0].sha256 = '0'.repeat(64)))).toMatchObject({ field: 'predicate.platforms[linux/amd64].files', found: expect.stringContaining('0'.repeat(64)) });
    expect(edit((s) => (s['predicate'].platforms[1].cachePath = '/elsewhere'))).toMatchObject({ field: 'predicate.platforms[linux/arm64].cachePath', expected: '"/tiktoken_cache"', found: '"/elsewhere"' });
    expect(edit((s) => (s['predicate'].platforms[0].variables = {}))?.field).toBe('predicate.platforms[linux/amd64].variables');
    expect(edit((s) => (s['predicate'].platforms[0].digest = `sha256:${'e'.repeat(64)}`))?.field).toBe('predicate.platforms[linux/amd64].digest');
    // The Statement of another image: its subject names another digest.
    const other = await verifiedFixture({ 'cl100k_base.tiktoken': 'another image\n' });
    const foreign = JSON.parse(statementBytes(buildStatement({ report: other.report, gateway: 'generic', files: other.manifest.files, run: {} })).toString('utf8')) as unknown;
    expect(statementMismatch(foreign, report)?.field).toBe('subject');
  });

  it('a v0.1 Statement as `cosign attest --type` writes it (subject named by repository) holds too', async () => {
    const { report, manifest } = await verifiedFixture();
    const ours = buildStatement({ report, gateway: 'generic', files: manifest.files, run: {} });
    const cosignMade = { _type: 'https://in-toto.io/Statement/v0.1', predicateType: ours.predicateType, subject: [{ name: '127.0.0.1:5000/x/y', digest: { sha256: report.digest.slice(7) } }], predicate: ours.predicate };
    expect(statementMismatch(cosignMade, report)).toBeUndefined();
  });
});

describe('verify --attestation inputs', () => {
  it('parses the mode and cosign.pub; required needs a key; a private key or a bad mode is named', async () => {
    expect((await parseAttestationCheck(rawInputsFrom({}))).mode).toBe('if-present');
    expect((await parseAttestationCheck(rawInputsFrom({ attestation: 'required', 'attest-key': PUB }))).key?.asymmetricKeyType).toBe('ec');
    await expect(parseAttestationCheck(rawInputsFrom({ attestation: 'required' }))).rejects.toThrow(/--attestation required needs the public key/);
    await expect(parseAttestationCheck(rawInputsFrom({ attestation: 'sometimes' }))).rejects.toBeInstanceOf(InputError);
    await expect(parseAttestationCheck(rawInputsFrom({ attestation: 'required', 'attest-key': KEY }))).rejects.toThrow(/private key where the public key is needed/);
  });
});
