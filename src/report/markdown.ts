// Small, pure Markdown builders for the job summary: table cells that cannot break the table,
// code spans that cannot be closed early, and byte sizes that do not depend on the locale.

/** Text safe inside a table cell: pipes escaped, line breaks turned into spaces. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** An inline code span that survives backticks in `text`; safe in a table cell. */
export function code(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A GitHub-flavoured Markdown table; every cell must already be escaped. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** `1,681,126 B (1.60 MiB)`: exact bytes with a readable size, the same on every runner. */
export function bytes(size: number): string {
  const grouped = String(Math.trunc(size)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  if (size < 1024) return `${grouped} B`;
  const [unit, scaled] = size < 1024 * 1024 ? ['KiB', size / 1024] : ['MiB', size / (1024 * 1024)];
  return `${grouped} B (${scaled.toFixed(2)} ${unit})`;
}

/** `sha256:1234567890ab…`: short enough for a table, long enough to compare by eye. */
export function shortDigest(digest: string, keep = 12): string {
  const [algo, hex] = digest.includes(':') ? digest.split(':', 2) : ['', digest];
  const body = hex ?? '';
  const short = body.length > keep ? `${body.slice(0, keep)}…` : body;
  return algo ? `${algo}:${short}` : short;
}
