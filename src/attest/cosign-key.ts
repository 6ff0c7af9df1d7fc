// cosign's encrypted private key (`cosign generate-key-pair`): a PEM block labelled
// ENCRYPTED SIGSTORE PRIVATE KEY (ENCRYPTED COSIGN PRIVATE KEY before cosign 2) holding JSON:
// scrypt parameters and salt, a nacl/secretbox nonce, and the sealed PKCS#8 DER of an ECDSA
// P-256 key. Opened here before anything touches the network; every failure is an InputError
// that names the input and never quotes the key or the password.
import { createPrivateKey, createPublicKey, scrypt, type KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import { secretboxOpen } from './secretbox.js';

export const ENCRYPTED_LABELS = ['ENCRYPTED SIGSTORE PRIVATE KEY', 'ENCRYPTED COSIGN PRIVATE KEY'] as const;
/** The largest scrypt cost accepted (cosign writes N=65536, r=8, p=1: 64 MiB). */
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;

export interface SigningKey {
  readonly privateKey: KeyObject;
  /** SPKI PEM of the matching public key (what `cosign.pub` holds). */
  readonly publicKeyPem: string;
}

const GENERATE = 'use the text of cosign.key as `cosign generate-key-pair` writes it (from a secret), e.g. attest-key: ${{ secrets.COSIGN_PRIVATE_KEY }}';

function malformed(why: string): InputError {
  return new InputError('attest-key', { what: `input "attest-key" is not a cosign private key: ${why}`, expected: 'a PEM block "ENCRYPTED SIGSTORE PRIVATE KEY" (ECDSA P-256, scrypt + nacl/secretbox)', fix: GENERATE });
}

/** The PEM blocks' labels and bodies in `text`. */
function pemBlocks(text: string): Array<{ label: string; body: string }> {
  const blocks: Array<{ label: string; body: string }> = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) blocks.push({ label: m[1] as string, body: (m[2] as string).replace(/\s+/g, '') });
  return blocks;
}

interface Sealed {
  readonly kdf: { readonly name: string; readonly params: { readonly N: number; readonly r: number; readonly p: number }; readonly salt: string };
  readonly cipher: { readonly name: string; readonly nonce: string };
  readonly ciphertext: string;
}

function sealedOf(body: string): Sealed {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64').toString('utf8'));
  } catch {
    throw malformed('its body is not the JSON cosign writes');
  }
  const s = json as Partial<Sealed>;
  const params = s.kdf?.params;
  if (s.kdf?.name !== 'scrypt' || !params || ![params.N, params.r, params.p].every((n) => Number.isInteger(n) && n > 0)) throw malformed(`its key derivation is ${JSON.stringify(s.kdf?.name ?? 'missing')}, not scrypt with N, r and p`);
  if (s.cipher?.name !== 'nacl/secretbox') throw malformed(`its cipher is ${JSON.stringify(s.cipher?.name ?? 'missing')}, not nacl/secretbox`);
  if (typeof s.kdf.salt !== 'string' || typeof s.cipher.nonce !== 'string' || typeof s.ciphertext !== 'string') throw malformed('its salt, nonce or ciphertext is missing');
  if (128 * params.N * params.r > MAX_SCRYPT_MEMORY || (params.N & (params.N - 1)) !== 0) throw malformed(`its scrypt cost (N=${params.N}, r=${params.r}) is not one cosign writes`);
  return s as Sealed;
}

function derive(password: string, sealed: Sealed): Promise<Buffer> {
  const { N, r, p } = sealed.kdf.params;
  return new Promise((resolve, reject) => scrypt(password, Buffer.from(sealed.kdf.salt, 'base64'), 32, { N, r, p, maxmem: MAX_SCRYPT_MEMORY + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))));
}

/** Opens a cosign private key with its password: an ECDSA P-256 key, or an InputError naming what is wrong. */
export async function openCosignKey(text: string, password: string): Promise<SigningKey> {
  const blocks = pemBlocks(text);
  if (blocks.length === 0) throw malformed('no PEM block found');
  const sealedBlock = blocks.find((b) => (ENCRYPTED_LABELS as readonly string[]).includes(b.label));
  if (!sealedBlock) {
    const labels = blocks.map((b) => b.label);
    if (labels.some((l) => /PUBLIC KEY/.test(l))) {
      throw new InputError('attest-key', { what: 'input "attest-key" holds a public key where the private key is needed', got: `a PEM block "${labels.join('", "')}"`, expected: 'cosign.key (ENCRYPTED SIGSTORE PRIVATE KEY), not cosign.pub', fix: 'pass cosign.key to attest-key; cosign.pub is what `verify --attest-key` and `cosign verify-attestation --key` take' });
    }
    throw malformed(`its PEM block is "${labels.join('", "')}"`);
  }
  const sealed = sealedOf(sealedBlock.body);
  let der: Buffer | undefined;
  try {
    der = secretboxOpen(Buffer.from(sealed.ciphertext, 'base64'), Buffer.from(sealed.cipher.nonce, 'base64'), await derive(password, sealed));
  } catch {
    throw malformed('its scrypt parameters cannot be used');
  }
  if (!der) {
    throw new InputError('attest-key-password', { what: 'input "attest-key-password" does not open attest-key (wrong password)', expected: 'the password given to `cosign generate-key-pair` (COSIGN_PASSWORD)', fix: 'set attest-key-password from the secret that holds that password (CLI: --attest-key-password or COSIGN_PASSWORD)' });
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw malformed('the sealed key is not PKCS#8');
  }
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw malformed(`it is a ${privateKey.asymmetricKeyType ?? '?'} key${privateKey.asymmetricKeyDetails?.namedCurve ? ` on ${privateKey.asymmetricKeyDetails.namedCurve}` : ''}, not ECDSA P-256`);
  }
  const publicKeyPem = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
  return { privateKey, publicKeyPem };
}

/** A public key (cosign.pub) for checking signatures; an InputError naming `input` otherwise. */
export function readPublicKey(text: string, input: string): KeyObject {
  const blocks = pemBlocks(text);
  if (blocks.some((b) => /PRIVATE KEY/.test(b.label))) {
    throw new InputError(input, { what: `input "${input}" holds a private key where the public key is needed`, expected: 'cosign.pub (PUBLIC KEY)', fix: `pass cosign.pub to ${input}; never hand the private key to a checker` });
  }
  try {
    const key = createPublicKey(text);
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('not P-256');
    return key;
  } catch {
    throw new InputError(input, { what: `input "${input}" is not an ECDSA P-256 public key`, expected: 'cosign.pub as `cosign generate-key-pair` writes it (PEM PUBLIC KEY)', fix: `pass cosign.pub to ${input}` });
  }
}
