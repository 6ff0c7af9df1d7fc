import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { routeWorkflowCommands } from '../../../src/cli/stdout.js';

function fakeStdout(): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  stream.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof stream.write;
  return { stream, written };
}

describe('routeWorkflowCommands', () => {
  it('keeps stdout for the result and sends every library line to the log', () => {
    const { stream, written } = fakeStdout();
    const logged: string[] = [];
    const print = routeWorkflowCommands(stream, (line) => logged.push(line), false);
    stream.write('::debug::hidden\n');
    stream.write('::warning file=x::two%0Alines\n');
    stream.write('::add-mask::s3cret\n');
    stream.write('Cache restored successfully\n[command]/usr/bin/tar -xf cache.tzst\n');
    print('{"ok":true}\n');
    expect(written).toEqual(['{"ok":true}\n']);
    expect(logged).toEqual(['warning: two\nlines', 'Cache restored successfully', '[command]/usr/bin/tar -xf cache.tzst']);
  });

  it('shows debug lines when asked', () => {
    const { stream } = fakeStdout();
    const logged: string[] = [];
    routeWorkflowCommands(stream, (line) => logged.push(line), true);
    stream.write('::debug::now shown\n');
    expect(logged).toEqual(['debug: now shown']);
  });
});
