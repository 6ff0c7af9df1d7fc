// A loaded image, read from `docker image save`: with the containerd image store the engine
// writes an OCI layout tar (index.json + blobs), which layoutSource reads in place. The engine
// may hold only some platforms of an index, so this source is partial. The classic (graph
// driver) store writes a Docker-only tar with no index.json: not supported, said plainly.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageSource } from '../oci/image-source.js';
import { layoutSource } from '../oci/layout-source.js';

/** Runs `docker <args>`; resolves on exit 0, rejects with stderr otherwise. */
export type DockerCommand = (args: readonly string[]) => Promise<void>;

export function spawnDocker(binary: string): DockerCommand {
  return (args) =>
    new Promise((resolve, reject) => {
      const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      const err: Buffer[] = [];
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', (error) => reject(new Error(`cannot run ${binary}: ${error.message}`, { cause: error })));
      child.on('close', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`${binary} ${args.join(' ')} exited ${code}: ${Buffer.concat(err).toString('utf8').trim().slice(-2000)}`));
      });
    });
}

export async function dockerSource(reference: string, docker: DockerCommand, tempDir: string): Promise<ImageSource> {
  const dir = await mkdtemp(join(tempDir, 'oneapi-offline-verify-'));
  const file = join(dir, 'image.tar');
  try {
    await docker(['image', 'save', '--output', file, reference]);
    const source = await layoutSource(file, {
      refName: reference,
      partial: true,
      label: `docker image ${reference}`,
      noIndexHint: 'the engine uses the classic image store; enable the containerd image store, or verify the pushed image or an OCI archive',
    });
    return {
      ...source,
      close: async () => {
        await source.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
