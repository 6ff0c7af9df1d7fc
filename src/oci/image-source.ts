// Where an image's manifests and blobs come from: a registry, an OCI layout (folder or tar),
// or a `docker image save` of a loaded image. The verifier checks every digest itself.
import type { Descriptor } from './media-types.js';

export interface RootDocument {
  /** Digest of the bytes (the index or manifest that was named or built). */
  readonly digest: string;
  readonly mediaType: string | undefined;
  readonly bytes: Buffer;
}

export interface ImageSource {
  /** Shown to people: secrets already redacted. */
  readonly label: string;
  /** True for a local store that may hold only some platforms of an index (docker save). */
  readonly partial: boolean;
  /** The index (or single manifest) the target names. */
  root(): Promise<RootDocument>;
  /** A child manifest or config; undefined when a local store does not hold it. */
  document(descriptor: Descriptor): Promise<Buffer | undefined>;
  /** A layer blob's raw (compressed) bytes, streamed. */
  blob(descriptor: Descriptor): Promise<AsyncIterable<Buffer | Uint8Array>>;
  close(): Promise<void>;
}
