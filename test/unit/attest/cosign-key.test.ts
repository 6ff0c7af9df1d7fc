import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { openCosignKey, readPublicKey } from '../../../src/attest/cosign-key.js';
import { envelopeBytes, envelopeSignedBy, pae, signEnvelope } from '../../../src/attest/dsse.js';
import { poly1305, secretboxOpen } from '../../../src/attest/secretbox.js';
import { InputError } from '../../../src/errors.js';

const fixture = (name: string) => readFile(new URL(`../../../fixtures/attest/${name}`, import.meta.url), 'utf8');
const KEY = await fixture('cosign.key');
const PUB = await fixture('cosign.pub');
const PASSWORD = 'fixture pass: not a secret';

async function failure(run: () => Promise<unknown> | unknown): Promise<InputError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected an InputError');
}

function keyParts(text: string): string[] {
  return text.split('\n').filter((l) => l && !l.startsWith('-----'));
}

describe('secretbox (XSalsa20-Poly1305)', () => {
  it('Poly1305 gives RFC 8439 §2.5.2 tag', () => {
    const key = Buffer.from('85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b', 'hex');
    expect(poly1305(key, Buffer.from('Cryptographic Forum Research Group')).toString('hex')).toBe('a8061dc1305136c6c22b8baf0c0127a9');
  });
  it('refuses a box whose tag does not match, and odd sizes', () => {
    expect(secretboxOpen(Buffer.alloc(40), Buffer.alloc(24), Buffer.alloc(32))).toBeUndefined();
    expect(secretboxOpen(Buffer.alloc(40), Buffer.alloc(23), Buffer.alloc(32))).toBeUndefined();
  });
});

describe('the cosign private key', () => {
  it('opens a key cosign generated, and its public key is cosign.pub', async () => {
    const key = await openCosignKey(KEY, PASSWORD);
    expect(key.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(key.publicKeyPem.trim()).toBe(PUB.trim());
  });

  it('names a wrong password, a public key, a malformed key, a key of another cipher; never quoting key or password', async () => {
    const wrong = await failure(() => openCosignKey(KEY, 'not the password'));
    expect([wrong.input, wrong.message]).toEqual(['attest-key-password', expect.stringMatching(/wrong password/)]);
    const pub = await failure(() => openCosignKey(PUB, PASSWORD));
    expect([pub.input, pub.message]).toEqual(['attest-key', expect.stringMatching(/public key where the private key is needed/)]);
    const garbage = await failure(() => openCosignKey('hello', PASSWORD));
    expect(garbage.message).toMatch(/not a cosign private key: no PEM block/);
    const body = JSON.parse(Buffer.from(keyParts(KEY).join(''), 'base64').toString('utf8')) as { cipher: { name: string } };
    body.cipher.name = 'aes';
    const pem = `-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n${Buffer.from(JSON.stringify(body)).toString('base64')}\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n`;
    expect((await failure(() => openCosignKey(pem, PASSWORD))).message).toMatch(/cipher is "aes", not nacl\/secretbox/);
    const truncated = KEY.replace(keyParts(KEY)[2] as string, '');
    const bad = await failure(() => openCosignKey(truncated, PASSWORD));
    for (const error of [wrong, pub, garbage, bad]) {
      for (const part of [...keyParts(KEY), ...keyParts(PUB), PASSWORD, 'not the password']) expect(error.message).not.toContain(part);
    }
  });

  it('the checker refuses a private key for cosign.pub', async () => {
    expect((await failure(() => readPublicKey(KEY, 'attest-key'))).message).toMatch(/private key where the public key is needed/);
    expect(readPublicKey(PUB, 'attest-key').asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });
});

describe('DSSE', () => {
  it('PAE is the spec\'s byte layout', () => {
    expect(pae('application/vnd.in-toto+json', Buffer.from('{}')).toString()).toBe('DSSEv1 28 application/vnd.in-toto+json 2 {}');
  });
  it('signs so that cosign.pub checks it, and a changed payload or type fails', async () => {
    const { privateKey } = await openCosignKey(KEY, PASSWORD);
    const envelope = signEnvelope('application/vnd.in-toto+json', Buffer.from('{"a":1}'), privateKey);
    const pub = readPublicKey(PUB, 'attest-key');
    expect(envelopeSignedBy(envelope, pub)).toBe(true);
    expect(envelopeSignedBy({ ...envelope, payload: Buffer.from('{"a":2}').toString('base64') }, pub)).toBe(false);
    expect(envelopeSignedBy({ ...envelope, payloadType: 'text/plain' }, pub)).toBe(false);
    expect(Object.keys(JSON.parse(envelopeBytes(envelope).toString()))).toEqual(['payloadType', 'payload', 'signatures']);
  });
});
