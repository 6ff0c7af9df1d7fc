// buildx's own words for a failure: its `ERROR:` lines (step numbers stripped, duplicates
// dropped), else the last lines it printed. Pure.

const STEP = /^#\d+\s+/;

export function buildxFailure(stderr: string, maxLines = 6): string {
  const lines = stderr.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line.trim() !== '');
  const errors = [...new Set(lines.map((line) => line.replace(STEP, '')).filter((line) => /^(ERROR|error)\b/.test(line)))];
  const picked = errors.length > 0 ? errors.slice(-maxLines) : lines.slice(-maxLines);
  return picked.join('\n') || '(no output)';
}
