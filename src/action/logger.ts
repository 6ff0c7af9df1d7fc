// The core's Logger on top of @actions/core: annotations for notices and warnings, foldable
// groups. Every value registered with `addSecret` goes to the runner (core.setSecret) and is
// also replaced by *** here, so no line we write carries it even where no runner masks.
import * as core from '@actions/core';
import type { Logger } from '../log/logger.js';
import type { SecretMask } from '../log/secret-mask.js';

export function actionsLogger(secrets: SecretMask): Logger {
  const m = (message: string): string => secrets.mask(message);
  return {
    info: (message) => core.info(m(message)),
    notice: (message) => core.notice(m(message)),
    warning: (message) => core.warning(m(message)),
    debug: (message) => core.debug(m(message)),
    group: (title, body) => core.group(m(title), body),
  };
}
