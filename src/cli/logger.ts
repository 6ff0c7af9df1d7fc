// The core's Logger for the CLI: plain lines on stderr (stdout is kept for results), with every
// registered secret replaced by *** before it is written, as the Actions runner does.
import type { Logger } from '../log/logger.js';

export interface MaskingLogger extends Logger {
  addSecret(secret: string): void;
  mask(text: string): string;
}

export function cliLogger(write: (line: string) => void, options: { debug: boolean }): MaskingLogger {
  const secrets = new Set<string>();
  const mask = (text: string): string => {
    let out = text;
    // Longest first, so a secret that contains another is hidden whole.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
    return out;
  };
  const emit = (prefix: string, message: string): void => {
    for (const line of mask(message).split('\n')) write(`${prefix}${line}`);
  };
  return {
    addSecret: (secret) => {
      if (secret.length > 0) secrets.add(secret);
    },
    mask,
    info: (m) => emit('', m),
    notice: (m) => emit('notice: ', m),
    warning: (m) => emit('warning: ', m),
    debug: (m) => (options.debug ? emit('debug: ', m) : undefined),
    group: async (title, body) => {
      emit('== ', title);
      return body();
    },
  };
}
