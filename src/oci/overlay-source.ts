// The overlaid image as an ImageSource: our new index, configs, manifests and layer from
// memory, every other blob from the base. Whatever copies an ImageSource (the registry push,
// the OCI archive writer, the verifier) then handles the result like any other image.
import type { ImageSource, RootDocument } from './image-source.js';
import type { Descriptor } from './media-types.js';
import { bytesOnce } from './digest.js';

export interface OverlayParts {
  readonly root: RootDocument;
  /** Documents and blobs made by this run, by digest. */
  readonly own: ReadonlyMap<string, Buffer>;
  readonly label: string;
}

/** `base` undefined: an image made wholly by this run (the cache image). */
export function overlaySource(base: ImageSource | undefined, parts: OverlayParts): ImageSource {
  return {
    label: parts.label,
    partial: false,
    root: async () => parts.root,
    async document(descriptor: Descriptor) {
      return parts.own.get(descriptor.digest) ?? base?.document(descriptor);
    },
    async blob(descriptor: Descriptor) {
      const mine = parts.own.get(descriptor.digest);
      if (mine) return bytesOnce(mine);
      if (!base) throw new Error(`${parts.label} has no blob ${descriptor.digest}`);
      return base.blob(descriptor);
    },
    close: async () => {},
  };
}
