// The three runtimes an image of ours must start on, driven from an OCI archive with no network
// and as the image's own USER: Docker Engine (containerd image store), Podman (containers/storage,
// bookworm's 4.3) and containerd's own client `ctr`. Each loads the archive, runs one command in
// a fresh container and forgets the image again. A missing runtime is a failure naming the
// provision script, never a skip.
//
// Facts checked on this machine (see test/e2e/runtime-corpus.test.ts):
// - `docker load` and `podman load` take an OCI layout tar and print the image ID; an archive
//   with no ref name loads as an untagged image, run by that ID.
// - `ctr images import` keeps only named images: `--index-name` names the archive's index.
// - `ctr run` does not apply the entrypoint (name the program), but it does apply the config's
//   USER (names resolved in the image's /etc/passwd and /etc/group), and without --net-host the
//   container gets a network namespace of its own with loopback only: no network.
// - Podman here needs `--runtime runc` (crun refuses the cgroup setup) and explicit nofile/nproc
//   ulimits (the default ones are not permitted).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export const RUNTIMES = ['docker', 'podman', 'containerd'] as const;
export type RuntimeName = (typeof RUNTIMES)[number];

/** As the verifier names them. */
export const RUNTIME_LABELS: Record<RuntimeName, string> = { docker: 'Docker Engine', podman: 'Podman', containerd: 'containerd' };

/** containerd namespace of the suites (Docker's own is `moby`). */
export const CTR_NAMESPACE = 'oneapi-offline-test';
const CTR = ['ctr', '--address', '/run/containerd/containerd.sock', '--namespace', CTR_NAMESPACE] as const;
/** What `podman run` needs on these machines (crun refuses the cgroup setup; the default rlimits are not permitted). */
export const PODMAN_RUN = ['--runtime', 'runc', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1000:1000'] as const;
const PROVISION = 'run `sudo bash scripts/provision-engine.sh` (it installs Podman and starts containerd and the Docker engine)';

export interface CommandRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs argv (no shell); never throws for a non-zero exit. A command that outlives `timeoutMs` is killed (code -1). */
export function runCommand(argv: readonly string[], timeoutMs = 120_000): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const [bin, ...args] = argv as [string, ...string[]];
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot start ${bin}: ${error.message}; ${PROVISION}`, { cause: error }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter((l) => l.trim() !== '').at(-1)?.trim() ?? '';
}

/** Fails (never skips) unless all three runtimes answer. */
export async function requireRuntimes(): Promise<void> {
  const checks: Array<[string, readonly string[]]> = [
    ['Docker Engine', ['docker', 'info', '--format', '{{.ServerVersion}}']],
    ['Podman', ['podman', '--version']],
    ['containerd (ctr)', [...CTR, 'version']],
  ];
  for (const [name, argv] of checks) {
    const run = await runCommand(argv, 30_000).catch((error: unknown) => ({ code: -1, stdout: '', stderr: (error as Error).message }));
    if (run.code !== 0) throw new Error(`${name} does not answer (${argv.join(' ')}: ${lastLine(run.stderr)}); ${PROVISION}`);
  }
}

/** What a runtime did with an image: unpacked it and ran the command, or refused at load or start. */
export type RuntimeRun =
  | { readonly kind: 'ran'; readonly code: number; readonly stdout: string; readonly stderr: string }
  | { readonly kind: 'refused'; readonly stage: 'load' | 'start'; readonly message: string };

interface Driver {
  /** Loads the archive; returns the reference to run, or why the runtime refused it. */
  load(archive: string): Promise<{ ref: string } | { refused: string }>;
  /** Runs argv in a fresh container as the image's USER with no network; undefined when the container could not start. */
  run(ref: string, argv: readonly string[]): Promise<CommandRun>;
  remove(ref: string): Promise<void>;
  /** Whether a failed run is the runtime refusing to create or start the container (not the command failing). */
  startFailed(run: CommandRun): boolean;
  /** The line of a failed start that says why (default: the last line of stderr). */
  startMessage?(run: CommandRun): string | undefined;
}

const DRIVERS: Record<RuntimeName, Driver> = {
  docker: {
    async load(archive) {
      const r = await runCommand(['docker', 'load', '--input', archive]);
      const id = /Loaded image ID: (sha256:[0-9a-f]{64})/.exec(r.stdout)?.[1] ?? /Loaded image: (\S+)/.exec(r.stdout)?.[1];
      return r.code === 0 && id ? { ref: id } : { refused: lastLine(r.stderr || r.stdout) };
    },
    run: (ref, argv) => runCommand(['docker', 'run', '--rm', '--pull', 'never', '--network', 'none', ref, ...argv]),
    startMessage: (run) => /Error response from daemon: (.*)/.exec(run.stderr)?.[1],
    async remove(ref) {
      await runCommand(['docker', 'image', 'rm', '--force', ref]);
    },
    // The daemon's own errors (unpack, user lookup) exit 125; the command's own exit codes pass through.
    startFailed: (run) => run.code === 125,
  },
  podman: {
    async load(archive) {
      const r = await runCommand(['podman', 'load', '--input', archive]);
      const id = /Loaded image(?:\(s\))?: (?:sha256:)?([0-9a-f]{64})/.exec(r.stdout)?.[1];
      if (r.code === 0 && id) return { ref: id };
      // It tries every archive format in turn and lists each one's error: the OCI archive's is the one that matters.
      const oci = /^\s*\* oci-archive: (.*)$/m.exec(r.stderr)?.[1];
      return { refused: oci ?? lastLine(r.stderr || r.stdout) };
    },
    run: (ref, argv) => runCommand(['podman', 'run', '--rm', '--pull', 'never', ...PODMAN_RUN, '--network', 'none', ref, ...argv]),
    async remove(ref) {
      await runCommand(['podman', 'rmi', '--force', ref]);
    },
    startFailed: (run) => run.code === 125 || run.code === 126,
  },
  containerd: {
    async load(archive) {
      const name = `${CTR_NAMESPACE}/corpus:${randomBytes(6).toString('hex')}`;
      const r = await runCommand([...CTR, 'images', 'import', '--index-name', name, archive]);
      if (r.code !== 0) {
        await runCommand([...CTR, 'images', 'rm', '--sync', name]);
        return { refused: lastLine(r.stderr || r.stdout) };
      }
      return { ref: name };
    },
    // No --net-host: the container's network namespace has loopback only.
    run: (ref, argv) => runCommand([...CTR, 'run', '--rm', ref, `corpus-${randomBytes(6).toString('hex')}`, ...argv]),
    async remove(ref) {
      await runCommand([...CTR, 'images', 'rm', '--sync', ref]);
    },
    // ctr prints its own failures (mount callbacks, user lookups, runc) as `ctr: …`.
    startFailed: (run) => run.code !== 0 && /^ctr: /m.test(run.stderr),
  },
};

/** Loads `archive` into `runtime`, runs argv once, removes the image. */
export async function runInArchive(runtime: RuntimeName, archive: string, argv: readonly string[]): Promise<RuntimeRun> {
  const driver = DRIVERS[runtime];
  const loaded = await driver.load(archive);
  if ('refused' in loaded) return { kind: 'refused', stage: 'load', message: loaded.refused };
  try {
    const run = await driver.run(loaded.ref, argv);
    if (driver.startFailed(run)) return { kind: 'refused', stage: 'start', message: driver.startMessage?.(run) ?? lastLine(run.stderr) };
    return { kind: 'ran', ...run };
  } finally {
    await driver.remove(loaded.ref);
  }
}
