// Runs a command (argv, no shell) and times it from spawn to exit. A non-zero exit is an
// error carrying the tail of stderr: a benchmark of a failing command measures nothing.
import { spawn } from 'node:child_process';

export interface Timed {
  readonly ms: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runTimed(command: string, args: readonly string[], env: Readonly<Record<string, string>>, cwd?: string): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, [...args], { env: { ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...(cwd ? { cwd } : {}) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => reject(new Error(`cannot start ${command}: ${error.message}`, { cause: error })));
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code !== 0) {
        const tail = (stderr || stdout).trim().split('\n').slice(-15).join('\n');
        reject(new Error(`${command} ${args.join(' ')} exited ${code ?? signal}:\n${tail}`));
      } else {
        resolve({ ms, stdout, stderr });
      }
    });
  });
}

/**
 * Engine's `docker buildx build --push` has Docker push again after BuildKit, PUTting every
 * manifest of a multi-platform image to the same tag at once; Distribution 2.8 can answer a HEAD
 * in between with 500 (a registry race, test/support/engine-push.ts). A plain baseline that hits
 * it is run again (at most twice more): its sample is thrown away, not counted.
 */
export async function againOnTagRace(run: () => Promise<Timed>, progress: (line: string) => void): Promise<Timed> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= 3 || !/manifests\/\S+: 500 Internal Server Error/.test(String(error))) throw error;
      progress('plain buildx --push hit the registry\'s tag race (HTTP 500); that sample runs again');
    }
  }
}
