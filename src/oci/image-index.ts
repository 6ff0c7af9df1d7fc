// The images an index lists, by platform: attestation manifests left out, platforms named the
// one way (src/oci/platform.ts). Used wherever an index is read back (the merged index, a built
// root, an OCI archive, a base's platforms). Pure.
import { isAttestation, type Descriptor, type ImageIndex } from './media-types.js';
import { platformName } from './platform.js';

export interface IndexImage {
  /** `os/arch[/variant]`. */
  readonly platform: string;
  readonly digest: string;
  readonly descriptor: Descriptor;
}

/** The image manifests of an index in its order, attestations left out. */
export function indexImages(index: ImageIndex): IndexImage[] {
  return index.manifests.filter((m) => !isAttestation(m)).map((m) => ({ platform: platformName(m.platform), digest: m.digest, descriptor: m }));
}
