// What `base-image` names for the registry engine: a registry reference by tag or digest, or
// an OCI image layout on disk — `oci-layout://DIR[:TAG]` (a folder) or
// `oci-archive://FILE[:TAG]` (a tar of one, as `docker buildx build --output type=oci` writes
// it). The `:TAG` picks an image when index.json lists several (buildx's syntax for named
// contexts). Pure; throws a plain Error naming what is wrong, which the caller wraps.
import { parseImageReference, TAG_RE, type ImageReference } from './reference.js';

export type BaseImage =
  | { readonly kind: 'registry'; readonly reference: string; readonly ref: ImageReference }
  | { readonly kind: 'oci-layout' | 'oci-archive'; readonly path: string; readonly tag?: string };

export const LAYOUT_SCHEMES = ['oci-layout://', 'oci-archive://'] as const;

export function parseBaseImage(value: string): BaseImage {
  for (const scheme of LAYOUT_SCHEMES) {
    if (!value.startsWith(scheme)) continue;
    const rest = value.slice(scheme.length);
    const colon = rest.lastIndexOf(':');
    const hasTag = colon > rest.lastIndexOf('/') && colon > 0;
    const path = hasTag ? rest.slice(0, colon) : rest;
    const tag = hasTag ? rest.slice(colon + 1) : undefined;
    if (path === '') throw new Error(`${scheme} needs a path, e.g. ${scheme}./base${scheme === 'oci-archive://' ? '.oci.tar' : ''}`);
    if (tag !== undefined && !TAG_RE.test(tag)) throw new Error(`"${tag}" is not a valid tag`);
    return { kind: scheme === 'oci-layout://' ? 'oci-layout' : 'oci-archive', path, ...(tag !== undefined ? { tag } : {}) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) throw new Error(`unknown scheme in "${value}" (use a registry reference, oci-layout://DIR or oci-archive://FILE)`);
  return { kind: 'registry', reference: value, ref: parseImageReference(value) };
}
