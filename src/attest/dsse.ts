// DSSE (Dead Simple Signing Envelope) over an in-toto Statement, as cosign writes and reads it:
// the signature is ECDSA P-256 / SHA-256 (ASN.1 DER) over the pre-authentication encoding
// "DSSEv1 <len(type)> <type> <len(body)> <body>", payload and signature base64 in JSON.
import { sign, verify, type KeyObject } from 'node:crypto';

export interface Envelope {
  readonly payloadType: string;
  /** Base64 of the Statement's bytes. */
  readonly payload: string;
  readonly signatures: ReadonlyArray<{ readonly keyid: string; readonly sig: string }>;
}

/** The pre-authentication encoding both the signer and the checker hash. */
export function pae(payloadType: string, body: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, 'utf8'), type, Buffer.from(` ${body.length} `, 'utf8'), body]);
}

export function signEnvelope(payloadType: string, body: Buffer, key: KeyObject): Envelope {
  const sig = sign('sha256', pae(payloadType, body), { key, dsaEncoding: 'der' });
  return { payloadType, payload: body.toString('base64'), signatures: [{ keyid: '', sig: sig.toString('base64') }] };
}

/** The envelope's bytes as they go into the registry (field order as cosign writes them). */
export function envelopeBytes(envelope: Envelope): Buffer {
  return Buffer.from(JSON.stringify({ payloadType: envelope.payloadType, payload: envelope.payload, signatures: envelope.signatures.map((s) => ({ keyid: s.keyid, sig: s.sig })) }), 'utf8');
}

/** True when one of the envelope's signatures is `key`'s over its payload and type. */
export function envelopeSignedBy(envelope: Envelope, key: KeyObject): boolean {
  const message = pae(envelope.payloadType, Buffer.from(envelope.payload, 'base64'));
  return envelope.signatures.some((s) => {
    try {
      return verify('sha256', message, { key, dsaEncoding: 'der' }, Buffer.from(s.sig, 'base64'));
    } catch {
      return false;
    }
  });
}
