// The @actions/* libraries (tool-cache, cache) report through @actions/core, which prints
// workflow commands (`::debug::…`, `::warning::…`) on stdout. In the CLI stdout is for the JSON
// result, so those lines go to the (masking) log as plain lines, debug ones only when asked.

type Write = typeof process.stdout.write;

/** Reroutes workflow-command lines; returns a writer that still reaches the real stdout. */
export function routeWorkflowCommands(stdout: NodeJS.WriteStream, emit: (line: string) => void, debug: boolean): (text: string) => void {
  const original = stdout.write.bind(stdout) as Write;
  const patched = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (!text.startsWith('::')) return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    const match = /^::([a-z-]+)[^:]*::(.*)$/s.exec(text);
    const [, command = '', message = ''] = match ?? [];
    if (command === 'debug' && !debug) return true;
    if (command === 'add-mask' || command === 'group' || command === 'endgroup') return true;
    const prefix = ['debug', 'notice', 'warning', 'error'].includes(command) ? `${command}: ` : '';
    emit(`${prefix}${message.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%').trimEnd()}`);
    return true;
  }) as Write;
  stdout.write = patched;
  return (text) => void original(text);
}
