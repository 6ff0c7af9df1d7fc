// `verify --attestation required|if-present|ignore --attest-key cosign.pub`: the image's
// attestation, found where cosign keeps it (`sha256-<digest>.att`), checked against what the
// verifier reads from the layers now. Each envelope of our predicate type signed by the key must
// name the image's digest as a subject and state, per platform, the digest, cache path,
// variables, files (cache name, sha256, size) and verdict the verifier found. Any difference is
// a VerifyError (exit 6) naming the field, what was expected and what was found. A Statement
// that `cosign attest --type <uri>` made (in-toto v0.1, the subject named by repository) is
// read the same way.
import type { KeyObject } from 'node:crypto';
import { VerifyError } from '../errors.js';
import type { PlatformReport, VerificationReport } from '../image/report.js';
import type { Logger } from '../log/logger.js';
import { sha256Digest } from '../oci/digest.js';
import type { RepositoryHttp } from '../oci/registry-http.js';
import { getManifest, manifestExists, repositoryName } from '../oci/registry-write.js';
import { canonicalJson } from './canonical-json.js';
import { attestationTag, DSSE_MEDIA_TYPE, type LayerDescriptor } from './cosign-layout.js';
import { envelopeSignedBy, type Envelope } from './dsse.js';
import { MAX_STATEMENT_BYTES, PREDICATE_TYPE, STATEMENT_MEDIA_TYPE } from './statement.js';

export const ATTESTATION_MODES = ['required', 'if-present', 'ignore'] as const;
export type AttestationMode = (typeof ATTESTATION_MODES)[number];

export interface AttestationCheck {
  readonly mode: AttestationMode;
  readonly key?: KeyObject | undefined;
}

/** One field that differs. */
export interface Mismatch {
  readonly field: string;
  readonly expected: string;
  readonly found: string;
}

const STATEMENT_TYPES = ['https://in-toto.io/Statement/v1', 'https://in-toto.io/Statement/v0.1'];

function fail(image: string, mismatch: Mismatch): VerifyError {
  return new VerifyError({ what: `the attestation of ${image} does not hold: ${mismatch.field}`, got: mismatch.found, expected: mismatch.expected, fix: 'do not trust this image: rebuild it, or re-attach the attestation its build made' });
}

const show = (value: unknown): string => (value === undefined ? '(absent)' : canonicalJson(value));

function platformFacts(p: PlatformReport): Record<string, unknown> {
  return {
    digest: p.digest,
    variables: { ...(p.env.TIKTOKEN_CACHE_DIR !== undefined ? { TIKTOKEN_CACHE_DIR: p.env.TIKTOKEN_CACHE_DIR } : {}), ...(p.env.DATA_GYM_CACHE_DIR !== undefined ? { DATA_GYM_CACHE_DIR: p.env.DATA_GYM_CACHE_DIR } : {}) },
    files: p.files.filter((f) => f.status === 'ok').map((f) => ({ cacheFile: f.cacheFile, sha256: f.actualSha256 ?? f.expectedSha256, size: f.actualSize ?? f.expectedSize })).sort((a, b) => (a.cacheFile < b.cacheFile ? -1 : 1)),
    ok: p.ok,
  };
}

/** The first field where `statement` differs from what the verifier read now; undefined when it holds. Pure. */
export function statementMismatch(statement: unknown, report: VerificationReport): Mismatch | undefined {
  const s = statement as { _type?: unknown; predicateType?: unknown; subject?: unknown; predicate?: { platforms?: unknown } };
  if (!STATEMENT_TYPES.includes(String(s._type))) return { field: '_type', expected: STATEMENT_TYPES.join(' or '), found: show(s._type) };
  if (s.predicateType !== PREDICATE_TYPE) return { field: 'predicateType', expected: PREDICATE_TYPE, found: show(s.predicateType) };
  const subjects = Array.isArray(s.subject) ? (s.subject as Array<{ digest?: { sha256?: unknown } }>) : [];
  const digests = subjects.map((x) => `sha256:${String(x.digest?.sha256)}`);
  if (!digests.includes(report.digest)) return { field: 'subject', expected: `a subject with the image's digest ${report.digest}`, found: digests.join(', ') || '(none)' };
  if (new Set(digests).size !== digests.length) return { field: 'subject', expected: 'each digest once', found: digests.join(', ') };
  const platforms = Array.isArray(s.predicate?.platforms) ? (s.predicate.platforms as Array<Record<string, unknown>>) : [];
  const stated = platforms.map((p) => String(p['platform'])).sort();
  const read = report.platforms.map((p) => p.platform).sort();
  if (stated.join() !== read.join()) return { field: 'predicate.platforms', expected: read.join(', '), found: stated.join(', ') || '(none)' };
  for (const p of report.platforms) {
    const found = platforms.find((x) => x['platform'] === p.platform) ?? {};
    const facts = platformFacts(p);
    const foundFiles = Array.isArray(found['files']) ? (found['files'] as Array<Record<string, unknown>>).map((f) => ({ cacheFile: f['cacheFile'], sha256: f['sha256'], size: f['size'] })).sort((a, b) => (String(a.cacheFile) < String(b.cacheFile) ? -1 : 1)) : found['files'];
    const gateway = found['gateway'] as { ok?: unknown } | undefined;
    const pairs: Array<[string, unknown, unknown]> = [
      ['digest', facts['digest'], found['digest']],
      ['cachePath', report.cachePath, found['cachePath']],
      ['variables', facts['variables'], found['variables']],
      ['files', facts['files'], foundFiles],
      ['gateway.ok', facts['ok'], gateway?.ok],
    ];
    for (const [name, expected, got] of pairs) {
      if (show(expected) !== show(got)) return { field: `predicate.platforms[${p.platform}].${name}`, expected: show(expected), found: show(got) };
    }
  }
  return undefined;
}

function parseEnvelope(bytes: Buffer): Envelope | undefined {
  try {
    const e = JSON.parse(bytes.toString('utf8')) as Envelope;
    return typeof e.payload === 'string' && typeof e.payloadType === 'string' && Array.isArray(e.signatures) ? e : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and checks the image's attestation; logs what held, throws VerifyError naming what did not. */
export async function checkAttestation(http: RepositoryHttp, report: VerificationReport, check: AttestationCheck, log: Logger): Promise<'checked' | 'absent' | 'skipped'> {
  if (check.mode === 'ignore') return 'skipped';
  const image = `${repositoryName(http)}@${report.digest}`;
  const tag = attestationTag(report.digest);
  const absent = (why: string): 'absent' => {
    if (check.mode === 'required') throw new VerifyError({ what: `attestation required, but ${image} has none: ${why}`, expected: `a ${PREDICATE_TYPE} attestation signed by --attest-key at ${tag}`, fix: 'build with attest-key (or attach one with cosign attest --type …), or verify with --attestation if-present' });
    log.notice(`${image}: ${why}; nothing to check (--attestation if-present)`);
    return 'absent';
  };
  if (!(await manifestExists(http, tag))) return absent(`no ${tag} in ${repositoryName(http)}`);
  const manifest = JSON.parse((await getManifest(http, tag)).bytes.toString('utf8')) as { layers?: LayerDescriptor[] };
  const ours = (manifest.layers ?? []).filter((l) => l.mediaType === DSSE_MEDIA_TYPE && l.annotations?.['predicateType'] === PREDICATE_TYPE);
  if (ours.length === 0) return absent(`${tag} holds no ${PREDICATE_TYPE} attestation`);
  if (!check.key) {
    log.notice(`${image} carries ${ours.length} ${PREDICATE_TYPE} attestation(s), not checked: pass --attest-key cosign.pub to check them`);
    return 'skipped';
  }
  let signed = 0;
  for (const layer of ours) {
    if (layer.size > MAX_STATEMENT_BYTES * 2) throw fail(image, { field: 'envelope size', expected: `at most ${MAX_STATEMENT_BYTES * 2} B`, found: `${layer.size} B` });
    const response = await http.request(`/blobs/${layer.digest}`, { timeoutMs: 60_000, what: `GET attestation ${layer.digest} of ${image}` });
    const bytes = await response.bytes();
    if (sha256Digest(bytes) !== layer.digest) throw fail(image, { field: 'envelope digest', expected: layer.digest, found: sha256Digest(bytes) });
    const envelope = parseEnvelope(bytes);
    if (!envelope || envelope.payloadType !== STATEMENT_MEDIA_TYPE || !envelopeSignedBy(envelope, check.key)) continue;
    signed++;
    let statement: unknown;
    try {
      statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    } catch {
      throw fail(image, { field: 'payload', expected: 'an in-toto Statement (JSON)', found: 'not JSON' });
    }
    const mismatch = statementMismatch(statement, report);
    if (mismatch) throw fail(image, mismatch);
  }
  if (signed === 0) throw fail(image, { field: 'signature', expected: 'a DSSE signature by the --attest-key key', found: `${ours.length} envelope(s), none signed by that key` });
  log.info(`${image}: ${signed} attestation(s) signed by --attest-key hold: subject, platforms, files, paths and verdicts equal what the layers hold now`);
  return 'checked';
}
