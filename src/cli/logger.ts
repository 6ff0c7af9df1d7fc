// The core's Logger for the CLI: plain lines on stderr (stdout is kept for results), with every
// registered secret replaced by *** before it is written, as the Actions runner does.
import type { Logger } from '../log/logger.js';
import { secretMask } from '../log/secret-mask.js';

export interface MaskingLogger extends Logger {
  addSecret(secret: string): void;
  mask(text: string): string;
}

export function cliLogger(write: (line: string) => void, options: { debug: boolean }): MaskingLogger {
  const secrets = secretMask();
  const emit = (prefix: string, message: string): void => {
    for (const line of secrets.mask(message).split('\n')) write(`${prefix}${line}`);
  };
  return {
    addSecret: (secret) => secrets.add(secret),
    mask: (text) => secrets.mask(text),
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
