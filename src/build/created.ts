// `org.opencontainers.image.created` from the caller (docker/metadata-action's `labels` and
// `annotations` outputs carry the job's clock time there) would make every run's digest new.
// Unless `keep-created` is set, such a label or annotation takes the build's SOURCE_DATE_EPOCH
// time, the value of this action's own created label, and a notice names what was replaced.
// With no epoch known there is nothing steadier to put there: the caller's value stays. Pure.
import type { Annotation } from './annotations.js';
import { rfc3339, type Pair } from './labels.js';

export const CREATED_KEY = 'org.opencontainers.image.created';

export interface PinnedCreated {
  readonly labels: readonly Pair[];
  readonly annotations: readonly Annotation[];
  /** Set when a value was replaced. */
  readonly notice?: string;
}

export function pinCreated(
  input: { readonly labels: readonly Pair[]; readonly annotations: readonly Annotation[] },
  epoch: number | undefined,
  keep: boolean,
): PinnedCreated {
  if (keep || epoch === undefined) return { labels: input.labels, annotations: input.annotations };
  const created = rfc3339(epoch);
  const replaced: string[] = [];
  const labels = input.labels.map(([key, value]): Pair => {
    if (key !== CREATED_KEY || value === created) return [key, value];
    replaced.push(`label ${value}`);
    return [key, created];
  });
  const annotations = input.annotations.map((a) => {
    if (a.key !== CREATED_KEY || a.value === created) return a;
    replaced.push(`annotation ${a.value}`);
    return { ...a, value: created };
  });
  if (replaced.length === 0) return { labels, annotations };
  const notice =
    `${CREATED_KEY} given in labels/annotations (${[...new Set(replaced)].join(', ')}) was replaced by the build's SOURCE_DATE_EPOCH time ${created} ` +
    '(a clock time would give a new digest on every run); set keep-created: true to keep the given value';
  return { labels, annotations, notice };
}
