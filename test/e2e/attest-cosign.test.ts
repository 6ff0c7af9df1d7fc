// The encoder-cache attestation, judged by cosign (2.5, Debian trixie): the registry engine
// (no Docker), and once buildx on Engine's builder, build on the python3-tiktoken base with attest-key, and `cosign verify-attestation
// --key cosign.pub --type <uri>` accepts what it attached, by digest and by tag; a key of
// another pair does not. A bad key or password fails before any request; a registry that
// refuses the attestation leaves the image untagged. The Statement (the signed payload) is the
// same bytes from a second run with another temp folder, umask and TZ.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREDICATE_TYPE, STATEMENT_MEDIA_TYPE } from '../../src/attest/statement.js';
import { openCosignKey } from '../../src/attest/cosign-key.js';
import { attachCosignAttestation } from '../../src/attest/cosign-layout.js';
import { envelopeBytes, signEnvelope } from '../../src/attest/dsse.js';
import { memoryLogger } from '../../src/log/logger.js';
import { openRepository } from '../../src/oci/repository.js';
import { writeFile } from 'node:fs/promises';
import { REGISTRY, fetchManifest, imageEntries, uniqueTag } from '../support/docker.js';
import { tempDir } from './build-support.js';
import { TIKTOKEN_BASE, encoderSource, noDockerEnv, requireTiktokenBase, runCli } from './registry-engine-support.js';

const run = promisify(execFile);
const COSIGN = '/usr/bin/cosign';
const PASSWORD = 'e2e-attest: pass phrase';
const tag = uniqueTag();
let work: string;
let source: string;
let keys: string;
let otherKeys: string;
/** The image the first test attested (repository attest-engine). */
let attestedDigest: string;

async function keyPair(dir: string, password: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await run(COSIGN, ['generate-key-pair'], { cwd: dir, env: { PATH: '/usr/bin:/bin', HOME: dir, COSIGN_PASSWORD: password } });
  return dir;
}

function buildArgs(repo: string, cacheDir: string, extra: readonly string[], registry: string = REGISTRY): string[] {
  return ['build', '--engine', 'registry', '--base-image', TIKTOKEN_BASE.replace(REGISTRY, registry), '--source', source, '--no-cache', '--cache-dir', cacheDir, '--encoders', 'r50k_base,p50k_base,cl100k_base,o200k_base', '--source-date-epoch', '1700000000', '--image-version', 'v1.0.0', '--tag-prefix', `${tag}-`, '--images', `${registry}/oneapi-offline-test/${repo}`, '--push', ...extra];
}

async function verifyAttestation(ref: string, pub: string): Promise<{ code: number; payloads: Array<Record<string, unknown>>; stderr: string }> {
  try {
    const { stdout, stderr } = await run(COSIGN, ['verify-attestation', '--key', pub, '--type', PREDICATE_TYPE, '--insecure-ignore-tlog', '--allow-http-registry', ref], { env: { PATH: '/usr/bin:/bin', HOME: work } });
    const payloads = stdout.trim().split('\n').map((line) => JSON.parse(Buffer.from((JSON.parse(line) as { payload: string }).payload, 'base64').toString('utf8')) as Record<string, unknown>);
    return { code: 0, payloads, stderr };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: failed.code ?? -1, payloads: [], stderr: failed.stderr ?? '' };
  }
}

async function tags(repo: string): Promise<string[]> {
  const response = await fetch(`http://${REGISTRY}/v2/oneapi-offline-test/${repo}/tags/list`);
  if (response.status === 404) return [];
  return ((await response.json()) as { tags?: string[] | null }).tags ?? [];
}

/** The DSSE payload (the Statement's bytes) of the `.att` manifest of `digest`. */
async function attachedStatement(repo: string, digest: string): Promise<Buffer> {
  const att = await fetchManifest(`oneapi-offline-test/${repo}`, `${digest.replace(':', '-')}.att`);
  const layers = (JSON.parse(att.raw) as { layers: Array<{ digest: string; mediaType: string; annotations: Record<string, string> }> }).layers;
  expect(layers.map((l) => [l.mediaType, l.annotations['predicateType']])).toEqual([['application/vnd.dsse.envelope.v1+json', PREDICATE_TYPE]]);
  const envelope = (await (await fetch(`http://${REGISTRY}/v2/oneapi-offline-test/${repo}/blobs/${layers[0]!.digest}`)).json()) as { payload: string };
  return Buffer.from(envelope.payload, 'base64');
}

beforeAll(async () => {
  if (!existsSync(COSIGN)) throw new Error(`cosign is not installed at ${COSIGN}: run \`sudo bash scripts/provision-engine.sh\` (it installs cosign/trixie)`);
  await requireTiktokenBase();
  work = await tempDir('attest-cosign');
  source = await encoderSource(join(work, 'source'));
  keys = await keyPair(join(work, 'keys'), PASSWORD);
  otherKeys = await keyPair(join(work, 'other-keys'), 'another pass');
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('attest-key, judged by cosign', () => {
  it('cosign verify-attestation accepts what the action attached (by digest and by tag); another key is refused; the key and password appear nowhere; the Statement is the same bytes from a second run', async () => {
    const repo = `attest-engine-${tag}`;
    const { env } = await noDockerEnv(join(work, 'run-a'), { COSIGN_PASSWORD: PASSWORD, GITHUB_REPOSITORY: 'octo/gw', GITHUB_RUN_ID: '99' });
    const started = Date.now();
    const built = await runCli(buildArgs(repo, join(work, 'run-a/cache'), ['--attest-key', join(keys, 'cosign.key')]), env);
    const seconds = (Date.now() - started) / 1000;
    expect(built.code, built.stderr).toBe(0);
    const digest = built.json['digest'] as string;
    attestedDigest = digest;
    expect(built.stderr).toMatch(new RegExp(`attestation ${PREDICATE_TYPE.replace(/[./]/g, '\\$&')} attached to 127\\.0\\.0\\.1:5000/oneapi-offline-test/${repo}@${digest}`));
    const keyText = await readFile(join(keys, 'cosign.key'), 'utf8');
    for (const secret of [PASSWORD, ...keyText.split('\n').filter((l) => l.length > 8 && !l.startsWith('-----'))]) {
      expect(built.stderr).not.toContain(secret);
      expect(built.stdout).not.toContain(secret);
    }
    const index = await fetchManifest(`oneapi-offline-test/${repo}`, `${tag}-v1.0.0`);
    expect(index.digest).toBe(digest);

    const byDigest = await verifyAttestation(`${REGISTRY}/oneapi-offline-test/${repo}@${digest}`, join(keys, 'cosign.pub'));
    expect(byDigest.code, byDigest.stderr).toBe(0);
    const statement = byDigest.payloads[0] as { _type: string; subject: Array<{ name: string; digest: { sha256: string } }>; predicate: { platforms: Array<{ platform: string; files: unknown[]; gateway: { ok: boolean } }>; run: unknown } };
    expect(statement._type).toBe('https://in-toto.io/Statement/v1');
    expect(statement.subject[0]).toEqual({ name: 'index', digest: { sha256: digest.slice(7) } });
    expect(statement.subject).toHaveLength(3);
    expect(new Set(statement.subject.map((s) => `sha256:${s.digest.sha256}`))).toEqual(new Set([digest, ...imageEntries(index).map((e) => e.digest)]));
    expect(statement.predicate.platforms.map((p) => [p.platform, p.files.length, p.gateway.ok])).toEqual([['linux/amd64', 4, true], ['linux/arm64', 4, true]]);
    expect(statement.predicate.run).toEqual({ repository: 'octo/gw', runId: '99' });
    expect(JSON.stringify(statement)).not.toContain(PASSWORD);

    const byTag = await verifyAttestation(`${REGISTRY}/oneapi-offline-test/${repo}:${tag}-v1.0.0`, join(keys, 'cosign.pub'));
    expect(byTag.code, byTag.stderr).toBe(0);
    const wrongKey = await verifyAttestation(`${REGISTRY}/oneapi-offline-test/${repo}@${digest}`, join(otherKeys, 'cosign.pub'));
    expect(wrongKey.code).not.toBe(0);

    // A second run (another temp folder, umask and TZ): the same digest, the same Statement bytes, one attestation of ours.
    const first = await attachedStatement(repo, digest);
    // The CLI's result (the action's `attestation` and `subject-digest` outputs): the Statement file is the signed payload.
    const result = built.json['attestation'] as { path: string; 'subject-digest': string };
    expect(result['subject-digest']).toBe(digest);
    expect((await readFile(result.path)).equals(first)).toBe(true);
    const { env: env2 } = await noDockerEnv(join(work, 'run-b'), { COSIGN_PASSWORD: PASSWORD, GITHUB_REPOSITORY: 'octo/gw', GITHUB_RUN_ID: '99', TZ: 'Asia/Kolkata' });
    const again = await runCli(buildArgs(repo, join(work, 'run-b/cache'), ['--attest-key', join(keys, 'cosign.key')]), env2, '077');
    expect(again.code, again.stderr).toBe(0);
    expect(again.json['digest']).toBe(digest);
    expect((await attachedStatement(repo, digest)).equals(first)).toBe(true);
    console.log(`attest e2e: build with attest-key ${seconds.toFixed(2)} s`);
  }, 300_000);

  it('a wrong password, or cosign.pub given as the key, fails naming the input before any request: nothing is pushed', async () => {
    const repo = `attest-bad-key-${tag}`;
    const { env } = await noDockerEnv(join(work, 'run-c'), { COSIGN_PASSWORD: 'not the password' });
    const wrong = await runCli(buildArgs(repo, join(work, 'run-c/cache'), ['--attest-key', join(keys, 'cosign.key')]), env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/input "attest-key-password" does not open attest-key \(wrong password\)/);
    expect(wrong.stderr).not.toContain('not the password');
    const pub = await runCli(buildArgs(repo, join(work, 'run-c/cache'), ['--attest-key', join(keys, 'cosign.pub'), '--attest-key-password', PASSWORD]), env);
    expect(pub.code).toBe(2);
    expect(pub.stderr).toMatch(/holds a public key where the private key is needed/);
    expect(pub.stderr).not.toContain(PASSWORD);
    expect(await tags(repo)).toEqual([]);
  }, 120_000);

  it('a registry that refuses the attestation leaves the verified image untagged', async () => {
    const repo = `attest-refused-${tag}`;
    // A loopback front for the registry that refuses every PUT of a `.att` manifest.
    const front: Server = createServer((req, res) => {
      if (req.method === 'PUT' && /\/manifests\/sha256-[0-9a-f]{64}\.att$/.test(req.url ?? '')) {
        res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'DENIED', message: 'attestations are not allowed here' }] }));
        return;
      }
      const upstream = httpRequest({ host: '127.0.0.1', port: 5000, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    try {
      const host = `127.0.0.1:${(front.address() as AddressInfo).port}`;
      const { env } = await noDockerEnv(join(work, 'run-d'), { COSIGN_PASSWORD: PASSWORD });
      const refused = await runCli(buildArgs(repo, join(work, 'run-d/cache'), ['--attest-key', join(keys, 'cosign.key')], host), env);
      expect(refused.code, refused.stderr).toBe(6);
      expect(refused.stderr).toMatch(/the attestation could not be attached to .*attest-refused-[^@]*@sha256:[0-9a-f]{64}: nothing was tagged/);
      expect(refused.stderr).toMatch(/DENIED|403/);
      expect(await tags(repo)).toEqual([]);
    } finally {
      await new Promise<void>((resolve) => front.close(() => resolve()));
    }
  }, 180_000);

  it('verify --attestation required --attest-key cosign.pub: accepts the attached one; names the field for another key, an edited predicate, and the Statement of another image', async () => {
    const { env } = await noDockerEnv(join(work, 'run-e'));
    const pub = join(keys, 'cosign.pub');
    const verify = (ref: string, key = pub) => runCli(['verify', '--images', ref, '--attestation', 'required', '--attest-key', key], env);
    const good = await verify(`${REGISTRY}/oneapi-offline-test/attest-engine-${tag}@${attestedDigest}`);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stderr).toMatch(/1 attestation\(s\) signed by --attest-key hold/);
    const other = await verify(`${REGISTRY}/oneapi-offline-test/attest-engine-${tag}:${tag}-v1.0.0`, join(otherKeys, 'cosign.pub'));
    expect(other.code).toBe(6);
    expect(other.stderr).toMatch(/does not hold: signature/);

    // The same image in a repository of its own (the engine is deterministic), to tamper with.
    const repo = `attest-tamper-${tag}`;
    const plain = await runCli(buildArgs(repo, join(work, 'run-e/cache'), []), env);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.json['digest']).toBe(attestedDigest);
    const ref = `${REGISTRY}/oneapi-offline-test/${repo}@${attestedDigest}`;
    const none = await verify(ref);
    expect(none.code).toBe(6);
    expect(none.stderr).toMatch(/attestation required, but .* has none/);
    expect((await runCli(['verify', '--images', ref, '--attest-key', pub], env)).code).toBe(0); // if-present (the default)

    const statement = JSON.parse((await attachedStatement(`attest-engine-${tag}`, attestedDigest)).toString('utf8')) as { subject: Array<{ digest: { sha256: string } }>; predicate: { platforms: Array<{ files: Array<{ sha256: string }> }> } };
    const { privateKey } = await openCosignKey(await readFile(join(keys, 'cosign.key'), 'utf8'), PASSWORD);
    const http = openRepository(`${REGISTRY}/oneapi-offline-test/${repo}`, {});
    const attach = async (value: unknown) => attachCosignAttestation(http, attestedDigest, envelopeBytes(signEnvelope(STATEMENT_MEDIA_TYPE, Buffer.from(JSON.stringify(value)), privateKey)), PREDICATE_TYPE, memoryLogger());
    // The predicate edited (a file's hash), signed with the right key.
    const edited = structuredClone(statement);
    edited.predicate.platforms[0]!.files[0]!.sha256 = '0'.repeat(64);
    await attach(edited);
    const editedRun = await verify(ref);
    expect(editedRun.code).toBe(6);
    expect(editedRun.stderr).toMatch(/does not hold: predicate\.platforms\[linux\/amd64\]\.files/);
    // The Statement of another image (another layer: fewer encoders), re-attached here.
    const another = await runCli([...buildArgs(`attest-another-${tag}`, join(work, 'run-e/cache2'), ['--attest-key', join(keys, 'cosign.key')]).filter((a) => a !== 'r50k_base,p50k_base,cl100k_base,o200k_base').map((a) => (a === '--encoders' ? '--encoders=cl100k_base' : a))], { ...env, COSIGN_PASSWORD: PASSWORD });
    expect(another.code, another.stderr).toBe(0);
    expect(another.json['digest']).not.toBe(attestedDigest);
    await attach(JSON.parse((await attachedStatement(`attest-another-${tag}`, another.json['digest'] as string)).toString('utf8')));
    const foreign = await verify(ref);
    expect(foreign.code).toBe(6);
    expect(foreign.stderr).toMatch(/does not hold: subject/);
  }, 300_000);

  it("verify --attest-key accepts what `cosign attest --type <uri>` attached (cosign's own Statement v0.1)", async () => {
    const { env } = await noDockerEnv(join(work, 'run-f'));
    const repo = `attest-by-cosign-${tag}`;
    const plain = await runCli(buildArgs(repo, join(work, 'run-f/cache'), []), env);
    expect(plain.code, plain.stderr).toBe(0);
    const ref = `${REGISTRY}/oneapi-offline-test/${repo}@${plain.json['digest'] as string}`;
    const predicate = join(work, 'run-f/predicate.json');
    await writeFile(predicate, JSON.stringify((JSON.parse((await attachedStatement(`attest-engine-${tag}`, attestedDigest)).toString('utf8')) as { predicate: unknown }).predicate));
    await run(COSIGN, ['attest', '--yes', '--key', join(keys, 'cosign.key'), '--type', PREDICATE_TYPE, '--predicate', predicate, '--tlog-upload=false', '--allow-http-registry', ref], { env: { PATH: '/usr/bin:/bin', HOME: work, COSIGN_PASSWORD: PASSWORD } });
    const checked = await runCli(['verify', '--images', ref, '--attestation', 'required', '--attest-key', join(keys, 'cosign.pub')], env);
    expect(checked.code, checked.stderr).toBe(0);
    expect(checked.stderr).toMatch(/signed by --attest-key hold/);
  }, 300_000);

  it("buildx (Engine's builder): cosign verify-attestation accepts what the action attached before tagging", async () => {
    const root = join(work, 'run-g');
    await mkdir(join(root, 'tmp'), { recursive: true });
    const env = { PATH: process.env['PATH'] ?? '', HOME: root, XDG_CACHE_HOME: join(root, 'xdg'), TMPDIR: join(root, 'tmp'), DOCKER_CONFIG: process.env['DOCKER_CONFIG'] ?? join(process.env['HOME'] ?? '/root', '.docker'), COSIGN_PASSWORD: PASSWORD };
    const repo = `attest-buildx-${tag}`;
    const args = buildArgs(repo, join(root, 'cache'), ['--builder', 'default', '--platforms', 'linux/amd64', '--attest-key', join(keys, 'cosign.key')]).filter((a, i, all) => a !== 'registry' || all[i - 1] !== '--engine').filter((a) => a !== '--engine');
    const built = await runCli(args, env);
    expect(built.code, built.stderr).toBe(0);
    expect(built.json['builder']).toMatchObject({ name: 'default', driver: 'docker' });
    const digest = built.json['digest'] as string;
    expect((built.json['attestation'] as { 'subject-digest': string })['subject-digest']).toBe(digest);
    const checked = await verifyAttestation(`${REGISTRY}/oneapi-offline-test/${repo}:${tag}-v1.0.0`, join(keys, 'cosign.pub'));
    expect(checked.code, checked.stderr).toBe(0);
    expect((checked.payloads[0] as { subject: Array<{ digest: { sha256: string } }> }).subject[0]?.digest.sha256).toBe(digest.slice(7));
  }, 600_000);
});
