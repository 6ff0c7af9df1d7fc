// Runs `docker` with an argv array (never a shell), streams its output to the logger line by
// line and keeps stderr; a non-zero exit becomes a BuildError carrying buildx's own message.
import { spawn } from 'node:child_process';
import { BuildError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { buildxFailure } from './buildx-error.js';
import { redactArgv } from './proxy-args.js';

export interface DockerDeps {
  readonly log: Logger;
  /** The docker CLI (default `docker` on PATH). */
  readonly docker?: string | undefined;
  /** Environment for docker; default: inherited. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** The buildx plugin to run directly for `buildx …` argv (buildx-binary.ts); absent: `docker buildx`. */
  readonly buildx?: string | undefined;
}

export interface DockerOutput {
  readonly stdout: string;
  readonly stderr: string;
}

const KEEP = 256 * 1024;

function lineSink(emit: (line: string) => void): { push(chunk: Buffer): void; end(): void } {
  let rest = '';
  return {
    push(chunk) {
      const text = rest + chunk.toString('utf8');
      const lines = text.split(/\r?\n/);
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') emit(line);
    },
    end() {
      if (rest.trim() !== '') emit(rest);
      rest = '';
    },
  };
}

/**
 * `docker <args>`. `echo: false` keeps stdout out of the log (for JSON the caller parses);
 * The command line is logged with build-arg values redacted.
 */
export function runDocker(args: readonly string[], deps: DockerDeps, options: { echo?: boolean; what?: string; quiet?: RegExp | undefined } = {}): Promise<DockerOutput> {
  const direct = deps.buildx !== undefined && args[0] === 'buildx';
  const docker = direct ? (deps.buildx as string) : (deps.docker ?? 'docker');
  if (direct) args = args.slice(1);
  const shown = `${docker} ${redactArgv(args).join(' ')}`;
  deps.log.info(`$ ${shown}`);
  return new Promise((resolve, reject) => {
    const child = spawn(docker, [...args], { stdio: ['ignore', 'pipe', 'pipe'], ...(deps.env ? { env: { ...deps.env } } : {}) });
    const out: Buffer[] = [];
    let err = '';
    const stdoutLines = lineSink((line) => deps.log.info(line));
    // `quiet`: lines the caller knows to be harmless noise go to the debug log only.
    const stderrLines = lineSink((line) => (options.quiet?.test(line) ? deps.log.debug(line) : deps.log.info(line)));
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
      if (options.echo !== false) stdoutLines.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-KEEP);
      stderrLines.push(chunk);
    });
    child.on('error', (error) =>
      reject(
        new BuildError(
          { what: `cannot run ${docker}`, got: error.message, expected: 'the docker CLI with the buildx plugin', fix: 'install Docker (with buildx) or pass the path of the docker CLI' },
          { cause: error },
        ),
      ),
    );
    child.on('close', (code, signal) => {
      stdoutLines.end();
      stderrLines.end();
      if (code === 0) {
        resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: err });
        return;
      }
      reject(
        new BuildError({
          what: `${options.what ?? 'docker'} failed (exit ${code ?? signal}): ${shown}`,
          got: buildxFailure(err),
          fix: 'read the buildx error above; fix the Dockerfile, the inputs or the engine and run again',
        }),
      );
    });
  });
}
