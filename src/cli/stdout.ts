// The @actions/* libraries (tool-cache, cache, exec) report through @actions/core and print on
// stdout: workflow commands (`::debug::…`, `::warning::…`) and plain lines ("Cache restored
// successfully", `[command]/usr/bin/tar …`). In the CLI stdout is for the JSON result only, so
// every other write goes to the (masking) log: workflow commands as plain lines, debug ones
// only when asked.

type Write = typeof process.stdout.write;

function unescape(message: string): string {
  return message.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}

/** Reroutes everything written to `stdout`; returns a writer that still reaches the real one. */
export function routeWorkflowCommands(stdout: NodeJS.WriteStream, emit: (line: string) => void, debug: boolean): (text: string) => void {
  const original = stdout.write.bind(stdout) as Write;
  const patched = ((chunk: string | Uint8Array) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const match = /^::([a-z-]+)[^:]*::(.*)$/s.exec(line);
      if (!match) {
        emit(line);
        continue;
      }
      const [, command = '', message = ''] = match;
      if ((command === 'debug' && !debug) || ['add-mask', 'group', 'endgroup', 'set-output', 'save-state'].includes(command)) continue;
      const prefix = ['debug', 'notice', 'warning', 'error'].includes(command) ? `${command}: ` : '';
      emit(`${prefix}${unescape(message).trimEnd()}`);
    }
    return true;
  }) as Write;
  stdout.write = patched;
  return (text) => void original(text);
}
