// The real readers, run offline in a container of an image: python3-tiktoken (Debian's, in the
// images made FROM the tiktoken base that scripts/provision-bases.sh pushes) and the Go reader
// (tiktoken-go v0.1.7, bind-mounted read-only from the host, see go-reader.ts). Each runs with
// --network none, on the given platform (arm64 through qemu), as the image's own user unless a
// test asks for another, and works only when every encoding gives js-tiktoken's tokens. The Go
// reader also prints the sha256 of the rank table tiktoken-go built, which must be the pinned
// file's: tiktoken-go never checks the bytes it reads (python3-tiktoken does, and refuses others).
import { getEncoding, type Tiktoken, type TiktokenEncoding } from 'js-tiktoken';
import type { ConsumerName } from '../../src/image/consumers.js';
import { ENCODINGS as ENCODING_FILES, PINNED_FILES, isEncodingName } from '../../src/pins.js';
import { runDocker, type DockerRun } from './docker.js';
import { PODMAN_RUN, runCommand } from './runtimes.js';
import { GO_READER_IN_CONTAINER, goReaderBinary } from './go-reader.js';

/** Both readers, by the consumer names verify reports them under. */
export const READERS = ['tiktoken', 'tiktoken-go'] as const satisfies readonly ConsumerName[];
export const READER_TEXT = 'hello world, offline: naïve café ✓ 12345';

// One JSON line per encoding, the shape the Go reader prints.
const PYTHON = `
import json, platform, sys, tiktoken
text = sys.argv[1]
for name in sys.argv[2:]:
    try:
        enc = tiktoken.get_encoding(name)
    except Exception as error:
        print(f"python3-tiktoken: {name}: {type(error).__name__}: {error}", file=sys.stderr)
        raise
    tokens = enc.encode(text)
    print(json.dumps({"name": name, "tokens": tokens, "roundtrip": enc.decode(tokens) == text, "machine": platform.machine()}))
`;

/** What each reader calls the machine of `platform`. */
const MACHINE: Readonly<Record<ConsumerName, Readonly<Record<string, string>>>> = {
  tiktoken: { 'linux/amd64': 'x86_64', 'linux/arm64': 'aarch64' },
  'tiktoken-go': { 'linux/amd64': 'amd64', 'linux/arm64': 'arm64' },
};

export interface ReaderOptions {
  /** `docker run --user`; absent: the image's own USER. */
  readonly user?: string;
  /** Extra `-e NAME=VALUE` for the container. */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra `--mount` values (a tmpfs over a gateway's data volume, an image mount…). */
  readonly mounts?: readonly string[];
  /** Run with Podman (images already in its store; the flags these machines need) instead of Docker. */
  readonly podman?: boolean;
}

export interface ReaderRun extends DockerRun {
  readonly reader: ConsumerName;
  readonly platform: string;
  /** Absent when every encoding loaded offline and gave js-tiktoken's tokens; else why not. */
  readonly problem?: string;
}

const expected = new Map<string, Tiktoken>();
function reference(name: string): Tiktoken {
  let enc = expected.get(name);
  if (!enc) expected.set(name, (enc = getEncoding(name as TiktokenEncoding)));
  return enc;
}

/** `docker run` arguments that run `reader` on `encodings` in a container of `ref`. */
export function readerArgs(reader: ConsumerName, ref: string, platform: string, encodings: readonly string[], options: ReaderOptions = {}): string[] {
  const args = ['run', '--rm', '--network', 'none', '--platform', platform];
  if (options.user !== undefined) args.push('--user', options.user);
  for (const [name, value] of Object.entries(options.env ?? {})) args.push('--env', `${name}=${value}`);
  for (const mount of options.mounts ?? []) args.push('--mount', mount);
  if (reader === 'tiktoken') return [...args, '--entrypoint', 'python3', ref, '-c', PYTHON, READER_TEXT, ...encodings];
  const bin = goReaderBinary(platform);
  return [...args, '--volume', `${bin}:${GO_READER_IN_CONTAINER}:ro`, '--entrypoint', GO_READER_IN_CONTAINER, ref, READER_TEXT, ...encodings];
}

function judge(reader: ConsumerName, platform: string, encodings: readonly string[], run: DockerRun): string | undefined {
  if (run.code !== 0) return `exited ${run.code}: ${run.stderr.trim().split('\n').slice(-6).join('\n')}`;
  let lines: Array<{ name: string; tokens: number[]; roundtrip: boolean; machine: string; ranksSha256?: string }>;
  try {
    lines = run.stdout.trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as (typeof lines)[number]);
  } catch {
    return `printed something other than JSON lines: ${run.stdout.slice(0, 500)}`;
  }
  if (lines.map((l) => l.name).join(',') !== encodings.join(',')) return `encoded ${lines.map((l) => l.name).join(',') || 'nothing'}, not ${encodings.join(',')}`;
  for (const line of lines) {
    const machine = MACHINE[reader][platform];
    if (machine !== undefined && line.machine !== machine) return `ran on ${line.machine}, not ${machine} (${platform})`;
    const want = reference(line.name).encode(READER_TEXT);
    if (JSON.stringify(line.tokens) !== JSON.stringify(want)) return `${line.name}: tokens ${JSON.stringify(line.tokens)}, js-tiktoken gives ${JSON.stringify(want)}`;
    if (!line.roundtrip) return `${line.name}: decoding the tokens does not give the text back`;
    if (reader === 'tiktoken-go') {
      const files = isEncodingName(line.name) ? ENCODING_FILES[line.name] : [];
      const pinned = files.length === 1 ? PINNED_FILES[files[0] as keyof typeof PINNED_FILES].sha256 : undefined;
      if (line.ranksSha256 !== pinned) return `${line.name}: tiktoken-go built a rank table with sha256 ${line.ranksSha256 ?? '(none)'}, the pinned file is ${pinned ?? '(no single pinned file)'}`;
    }
  }
  return undefined;
}

/** Runs one reader offline in a container of `ref`, and says whether it read the pinned files. */
export async function runReader(reader: ConsumerName, ref: string, platform: string, encodings: readonly string[], options: ReaderOptions = {}): Promise<ReaderRun> {
  const args = readerArgs(reader, ref, platform, encodings, options);
  const run = options.podman ? await runCommand(['podman', 'run', '--pull', 'never', ...PODMAN_RUN, ...args.slice(1)]) : await runDocker(args, { allowFailure: true });
  const problem = judge(reader, platform, encodings, run);
  return { ...run, reader, platform, ...(problem === undefined ? {} : { problem }) };
}

/** Runs `readers` (default: both) side by side. */
export function runReaders(ref: string, platform: string, encodings: readonly string[], options: ReaderOptions & { readonly readers?: readonly ConsumerName[] } = {}): Promise<ReaderRun[]> {
  return Promise.all((options.readers ?? READERS).map((reader) => runReader(reader, ref, platform, encodings, options)));
}

/** Throws unless every reader (default: both) encodes every encoding offline as js-tiktoken does. */
export async function expectReadersOffline(ref: string, platform: string, encodings: readonly string[], options: ReaderOptions & { readonly readers?: readonly ConsumerName[] } = {}): Promise<void> {
  const failed = (await runReaders(ref, platform, encodings, options)).filter((r) => r.problem !== undefined);
  if (failed.length > 0) throw new Error(failed.map((r) => `${r.reader} in ${ref} (${platform}) with --network none: ${r.problem}`).join('\n'));
}
