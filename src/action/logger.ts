// The core's Logger on top of @actions/core: annotations for notices and warnings, foldable
// groups, and the runner's own masking of every value registered with setSecret.
import * as core from '@actions/core';
import type { Logger } from '../log/logger.js';

export function actionsLogger(): Logger {
  return {
    info: (message) => core.info(message),
    notice: (message) => core.notice(message),
    warning: (message) => core.warning(message),
    debug: (message) => core.debug(message),
    group: (title, body) => core.group(title, body),
  };
}
