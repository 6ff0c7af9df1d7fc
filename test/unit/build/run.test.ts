import { describe, expect, it } from 'vitest';
import { BuildError, ExitCode } from '../../../src/errors.js';
import { runDocker } from '../../../src/build/run.js';
import { memoryLogger } from '../../../src/log/logger.js';

// `sh` stands in for the docker CLI: real processes, real pipes, no mocks.
describe('runDocker', () => {
  it('streams stdout and stderr lines to the log, returns stdout, shows build-arg values redacted', async () => {
    const log = memoryLogger();
    const out = await runDocker(['-c', 'echo out1; echo err1 >&2; printf partial', 'sh', '--build-arg', 'HTTP_PROXY=http://u:pw@h:1'], { log, docker: 'sh' });
    expect(out.stdout).toBe('out1\npartial');
    expect(log.lines[0]).toBe("$ sh -c echo out1; echo err1 >&2; printf partial sh --build-arg HTTP_PROXY=http://***@h:1/");
    expect(log.lines).toEqual(expect.arrayContaining(['out1', 'err1', 'partial']));
    expect(log.lines.join('\n')).not.toContain('pw');
  });

  it('keeps stdout out of the log when asked', async () => {
    const log = memoryLogger();
    const out = await runDocker(['-c', 'echo \'{"a":1}\''], { log, docker: 'sh' }, { echo: false });
    expect(out.stdout.trim()).toBe('{"a":1}');
    expect(log.lines.filter((l) => !l.startsWith('$ ') && l.includes('"a"'))).toEqual([]);
  });

  it('a non-zero exit is a BuildError with the ERROR lines', async () => {
    const error = await runDocker(['-c', 'echo "#3 step"; echo "#3 ERROR: boom" >&2; echo "ERROR: failed to solve: boom" >&2; exit 3'], { log: memoryLogger(), docker: 'sh' }, { what: 'docker buildx build' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).exitCode).toBe(ExitCode.build);
    expect((error as BuildError).message).toMatch(/^docker buildx build failed \(exit 3\)/);
    expect((error as BuildError).problem.got).toBe('ERROR: boom\nERROR: failed to solve: boom');
  });

  it('a missing CLI is a BuildError saying what to install', async () => {
    const error = await runDocker(['version'], { log: memoryLogger(), docker: '/nonexistent/docker' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildError);
    expect((error as BuildError).message).toMatch(/cannot run \/nonexistent\/docker[\s\S]*install Docker/);
  });
});
