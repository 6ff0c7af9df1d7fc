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
