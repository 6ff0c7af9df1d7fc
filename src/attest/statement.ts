// The in-toto Statement v1 the action attaches to every image it publishes: what the image
// holds for its gateway, per platform, as the verifier read it from the layers. Built only from
// a passing verification report and what the caller passes in (no clock, no environment), and
// serialised as canonical JSON, so the same inputs give the same bytes. Schema:
// docs/attestation.schema.json; what each field means: docs/attestation.md.
import type { VerificationReport } from '../image/report.js';
import { VERSION } from '../version.js';
import { canonicalJson } from './canonical-json.js';
import { AttestError } from '../errors.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1' as const;
/** The project's own predicate type: `cosign verify-attestation --type` and `gh attestation verify --predicate-type` name it. */
export const PREDICATE_TYPE = 'https://github.com/oneapi-offline-action/attestations/encoder-cache/v1' as const;
/** in-toto's media type for a Statement (the DSSE payloadType). */
export const STATEMENT_MEDIA_TYPE = 'application/vnd.in-toto+json' as const;
/** A Statement larger than this is refused (an image has a handful of files per platform). */
export const MAX_STATEMENT_BYTES = 1024 * 1024;
/** Subject name of the index (platform manifests are named by their platform): no registry in it, so the Statement survives a copy to another registry. */
export const INDEX_SUBJECT = 'index' as const;

/** What the runner says about the run (GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_WORKFLOW_REF, GITHUB_RUN_ID); never a secret. */
export interface RunFacts {
  readonly repository?: string | undefined;
  readonly commit?: string | undefined;
  readonly workflowRef?: string | undefined;
  readonly runId?: string | undefined;
}

/** One file the image carries, as the pins (or extra-encoders) name it. */
export interface AttestedFileSource {
  readonly cacheFile: string;
  readonly url: string;
  readonly sha256: string;
  readonly size: number;
  readonly encodings: readonly string[];
}

export interface StatementInput {
  readonly report: VerificationReport;
  /** The gateway profile the verdicts follow (`generic`, `one-api`…). */
  readonly gateway: string;
  /** Every file the build put in the image (prepare's manifest). */
  readonly files: readonly AttestedFileSource[];
  /** The base image, where known: its root digest and each platform's manifest digest. */
  readonly base?: { readonly digest: string; readonly platforms: Readonly<Record<string, string>> } | undefined;
  readonly run: RunFacts;
  /** Cache names of the files carried over from the base (src/base-floor/), with the base's verified bytes. */
  readonly carried?: readonly string[] | undefined;
  /** SOURCE_DATE_EPOCH: the only time a Statement may hold. */
  readonly sourceDateEpoch?: number | undefined;
}

export interface Subject {
  readonly name: string;
  readonly digest: { readonly sha256: string };
}

export interface Statement {
  readonly _type: typeof STATEMENT_TYPE;
  readonly subject: readonly Subject[];
  readonly predicateType: typeof PREDICATE_TYPE;
  readonly predicate: EncoderCachePredicate;
}

export interface AttestedPlatform {
  readonly platform: string;
  readonly digest: string;
  readonly gateway: { readonly profile: string; readonly verdict: string; readonly ok: boolean };
  readonly cachePath: string;
  readonly variables: { readonly TIKTOKEN_CACHE_DIR?: string; readonly DATA_GYM_CACHE_DIR?: string };
  readonly files: readonly AttestedFileSource[];
  /** Layer digests the verifier read, top-down, until every answer was decided. */
  readonly decidedBy: readonly string[];
  readonly base?: { readonly digest: string };
}

export interface EncoderCachePredicate {
  readonly verifier: { readonly name: 'oneapi-offline-action'; readonly version: string };
  readonly index: { readonly digest: string };
  readonly base?: { readonly digest: string };
  /** Files the image took over from its base (never worse than the base), by cache name. */
  readonly carriedFromBase?: readonly string[];
  readonly platforms: readonly AttestedPlatform[];
  readonly run: RunFacts;
  readonly created?: string;
}

function hexOf(digest: string): string {
  const match = /^sha256:([0-9a-f]{64})$/.exec(digest);
  if (!match) throw new AttestError({ what: 'cannot attest an image without sha256 digests', got: digest, expected: 'sha256:<64 hex>', fix: 'report this: the verifier read an image it could not name by digest' });
  return match[1] as string;
}

function byName<T extends { readonly cacheFile: string }>(a: T, b: T): number {
  return a.cacheFile < b.cacheFile ? -1 : a.cacheFile > b.cacheFile ? 1 : 0;
}

/** The Statement for a verified image; throws AttestError for a report that did not pass. */
export function buildStatement(input: StatementInput): Statement {
  const { report } = input;
  if (!report.ok) throw new AttestError({ what: `cannot attest ${report.digest}: it did not pass verification`, fix: 'fix what verification reported first; only a verified image is attested' });
  const known = new Map(input.files.map((f) => [f.cacheFile, f]));
  const platforms = report.platforms.map((p): AttestedPlatform => {
    const files = p.files.map((check) => {
      const file = known.get(check.cacheFile);
      if (!file || file.sha256 !== check.expectedSha256) throw new AttestError({ what: `cannot attest ${p.platform}: the verifier checked ${check.cacheFile}, which the build's files do not list with that hash`, got: check.expectedSha256, fix: 'report this: the verified files differ from the built ones' });
      return { cacheFile: file.cacheFile, url: file.url, sha256: file.sha256, size: file.size, encodings: [...file.encodings] };
    });
    const base = input.base?.platforms[p.platform];
    hexOf(p.digest);
    return {
      platform: p.platform,
      digest: p.digest,
      gateway: { profile: input.gateway, verdict: p.verdict ?? '', ok: p.ok },
      cachePath: report.cachePath,
      variables: {
        ...(p.env.TIKTOKEN_CACHE_DIR !== undefined ? { TIKTOKEN_CACHE_DIR: p.env.TIKTOKEN_CACHE_DIR } : {}),
        ...(p.env.DATA_GYM_CACHE_DIR !== undefined ? { DATA_GYM_CACHE_DIR: p.env.DATA_GYM_CACHE_DIR } : {}),
      },
      files: files.sort(byName),
      decidedBy: [...(p.decidedBy ?? [])],
      ...(base ? { base: { digest: base } } : {}),
    };
  });
  platforms.sort((a, b) => (a.platform < b.platform ? -1 : a.platform > b.platform ? 1 : 0));
  const subject: Subject[] = [{ name: INDEX_SUBJECT, digest: { sha256: hexOf(report.digest) } }];
  for (const p of platforms) {
    if (!subject.some((s) => s.digest.sha256 === hexOf(p.digest))) subject.push({ name: p.platform, digest: { sha256: hexOf(p.digest) } });
  }
  const run: RunFacts = {
    ...(input.run.repository ? { repository: input.run.repository } : {}),
    ...(input.run.commit ? { commit: input.run.commit } : {}),
    ...(input.run.workflowRef ? { workflowRef: input.run.workflowRef } : {}),
    ...(input.run.runId ? { runId: input.run.runId } : {}),
  };
  return {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: PREDICATE_TYPE,
    predicate: {
      verifier: { name: 'oneapi-offline-action', version: VERSION },
      index: { digest: report.digest },
      ...(input.base ? { base: { digest: input.base.digest } } : {}),
      ...(input.carried && input.carried.length > 0 ? { carriedFromBase: [...new Set(input.carried)].sort() } : {}),
      platforms,
      run,
      ...(input.sourceDateEpoch !== undefined ? { created: new Date(input.sourceDateEpoch * 1000).toISOString().replace('.000Z', 'Z') } : {}),
    },
  };
}

/** The Statement's bytes: canonical JSON, refused over MAX_STATEMENT_BYTES or with a subject twice. */
export function statementBytes(statement: Statement): Buffer {
  const digests = statement.subject.map((s) => s.digest.sha256);
  const twice = digests.find((d, i) => digests.indexOf(d) !== i);
  if (twice) throw new AttestError({ what: 'the Statement names a subject twice', got: `sha256:${twice}`, expected: 'each digest once', fix: 'report this: subjects are deduplicated when built' });
  const bytes = Buffer.from(canonicalJson(statement), 'utf8');
  if (bytes.length > MAX_STATEMENT_BYTES) throw new AttestError({ what: 'the Statement is too large', got: `${bytes.length} B`, expected: `at most ${MAX_STATEMENT_BYTES} B`, fix: 'attest fewer platforms or files per image' });
  return bytes;
}
