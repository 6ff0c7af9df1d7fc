// JSON with every object's keys in code-point order, no whitespace: the same value gives the
// same bytes on every machine, whatever order the code built it in. Undefined members are left
// out (as JSON.stringify does); anything JSON cannot hold is an error, not a silent change.

function canonical(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`internal: ${path} is ${value}, which JSON cannot hold`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item, i) => canonical(item, `${path}[${i}]`)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, `${path}.${k}`)}`).join(',')}}`;
  }
  throw new Error(`internal: ${path} is a ${typeof value}, which JSON cannot hold`);
}

/** The canonical JSON text of `value`. */
export function canonicalJson(value: unknown): string {
  return canonical(value, '$');
}
