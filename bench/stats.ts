// Summaries of repeated timings. Pure.

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Series {
  readonly label: string;
  readonly samples: readonly number[];
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** `label  median  (min … max, n)` for one series. */
export function describeSeries(series: Series): string {
  const min = Math.min(...series.samples);
  const max = Math.max(...series.samples);
  return `${series.label.padEnd(46)} ${seconds(median(series.samples)).padStart(9)}   (${seconds(min)} … ${seconds(max)}, n=${series.samples.length})`;
}

export interface Verdict {
  readonly name: string;
  readonly ratio: number;
  readonly target: number;
  readonly met: boolean;
  /** A goal the issue states as a time, not a ratio: the median against it. */
  readonly absolute?: { readonly medianMs: number; readonly goalMs: number };
}

/** Ratio of the medians of `measured` against `baseline`, judged against `target`. */
export function verdict(name: string, measured: Series, baseline: Series, target: number): Verdict {
  const ratio = median(measured.samples) / median(baseline.samples);
  return { name, ratio, target, met: ratio <= target };
}

/** The median of `measured` against a time the issue states (`goalMs`). */
export function goal(name: string, measured: Series, goalMs: number): Verdict {
  const medianMs = median(measured.samples);
  return { name, ratio: medianMs / goalMs, target: 1, met: medianMs <= goalMs, absolute: { medianMs, goalMs } };
}

export function describeVerdict(v: Verdict): string {
  if (v.absolute) return `${v.name.padEnd(60)} ${seconds(v.absolute.medianMs)}  (goal ≤ ${seconds(v.absolute.goalMs)}: ${v.met ? 'met' : 'NOT met'})`;
  return `${v.name.padEnd(60)} ${v.ratio.toFixed(2)}×  (target ≤ ${v.target}×: ${v.met ? 'met' : 'NOT met'})`;
}
