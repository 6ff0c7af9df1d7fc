// The `annotations` input, in buildx's `--annotation` syntax: `[type[,type…][\[platform\]]:]key=value`,
// one per line (docker/metadata-action's `annotations` output passes in as it is, e.g.
// `manifest:org.opencontainers.image.title=one-api`). buildx puts a bare `key=value` on the image
// manifests only; this action puts it on the index too when the build makes one (several
// platforms), so an annotation reaches every level users and registries read. Pure.
import { InputError } from '../errors.js';
import { parseLines } from '../inputs/scalars.js';

export const ANNOTATION_LEVELS = ['index', 'manifest', 'index-descriptor', 'manifest-descriptor'] as const;
export type AnnotationLevel = (typeof ANNOTATION_LEVELS)[number];

export interface Annotation {
  /** Undefined for a bare `key=value` (the levels are chosen when the platforms are known). */
  readonly levels?: readonly AnnotationLevel[];
  /** `linux/amd64` in `manifest[linux/amd64]:key=value`. */
  readonly platform?: string;
  readonly key: string;
  readonly value: string;
}

const PREFIX = /^([a-z-]+(?:,[a-z-]+)*)(?:\[([A-Za-z0-9_/-]+)\])?:(.+)$/;
const KEY = /^[^\s=:]+$/;
const EXPECTED = 'one [index|manifest|index-descriptor|manifest-descriptor[,…][[platform]]:]key=value per line, e.g. org.opencontainers.image.title=one-api';

function bad(line: string, fix: string): never {
  throw new InputError('annotations', { got: JSON.stringify(line), expected: EXPECTED, fix });
}

export function parseAnnotation(line: string): Annotation {
  const eq = line.indexOf('=');
  if (eq <= 0) bad(line, 'write each annotation as key=value');
  const head = line.slice(0, eq);
  const value = line.slice(eq + 1);
  const typed = PREFIX.exec(head);
  if (!typed) {
    if (!KEY.test(head)) bad(line, 'an annotation key has no spaces or ":" (a prefix before ":" names the levels, e.g. index,manifest:)');
    return { key: head, value };
  }
  const [, types = '', platform, key = ''] = typed;
  const levels = types.split(',');
  for (const level of levels) {
    if (!(ANNOTATION_LEVELS as readonly string[]).includes(level)) bad(line, `"${level}" is not an annotation level: use ${ANNOTATION_LEVELS.join(', ')}`);
  }
  if (!KEY.test(key)) bad(line, 'an annotation key has no spaces, "=" or ":"');
  return { levels: levels as AnnotationLevel[], ...(platform ? { platform } : {}), key, value };
}

export function parseAnnotations(raw: string): Annotation[] {
  return parseLines(raw).map(parseAnnotation);
}

/**
 * The `--annotation` values: a bare key goes on the manifests and, when the build makes an
 * index (several platforms), on the index too; typed ones as written.
 */
export function annotationArgs(annotations: readonly Annotation[], platformCount: number): string[] {
  return annotations.map((a) => {
    const levels = a.levels ?? (platformCount > 1 ? ['index', 'manifest'] : ['manifest']);
    return `${levels.join(',')}${a.platform ? `[${a.platform}]` : ''}:${a.key}=${a.value}`;
  });
}

/**
 * Merge mode (`imagetools create`) writes only the index: bare and `index:` annotations go
 * there; manifest-level ones belong to the per-platform builds.
 */
export function indexAnnotationArgs(annotations: readonly Annotation[]): string[] {
  return annotations.map((a) => {
    if (a.levels !== undefined && (a.levels.some((l) => l !== 'index') || a.platform !== undefined)) {
      throw new InputError('annotations', {
        got: JSON.stringify(`${a.levels.join(',')}${a.platform ? `[${a.platform}]` : ''}:${a.key}=${a.value}`),
        expected: 'index-level annotations in merge mode (bare key=value or index:key=value)',
        fix: 'set manifest annotations in the per-platform jobs (they build the manifests); the merge job writes only the index',
      });
    }
    return `index:${a.key}=${a.value}`;
  });
}
