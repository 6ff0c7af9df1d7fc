// A logger whose lines can be held back for a while and then shown in order: prepare finishes
// writing cache-dir while buildx already runs, and its last lines would otherwise land inside
// the build's section of the log. Held lines keep their kind (a warning stays a warning).
import type { Logger } from './logger.js';

export interface HeldLogger extends Logger {
  /** From now on, keep every line instead of showing it. */
  hold(): void;
  /** How many lines are kept. */
  heldCount(): number;
  /** Shows the lines kept since `hold`, in order, and shows later lines at once. */
  release(): void;
}

type Kind = 'info' | 'notice' | 'warning' | 'debug';

export function heldLogger(log: Logger): HeldLogger {
  let held: { kind: Kind; message: string }[] | undefined;
  const line = (kind: Kind) => (message: string) => {
    if (held) held.push({ kind, message });
    else log[kind](message);
  };
  return {
    info: line('info'),
    notice: line('notice'),
    warning: line('warning'),
    debug: line('debug'),
    // A section opened while holding is shown as its title line; its lines are held with the rest.
    group: (title, body) => {
      if (!held) return log.group(title, body);
      held.push({ kind: 'info', message: title });
      return body();
    },
    hold: () => {
      held ??= [];
    },
    heldCount: () => held?.length ?? 0,
    release: () => {
      const lines = held ?? [];
      held = undefined;
      for (const { kind, message } of lines) log[kind](message);
    },
  };
}
