// Which folder each supported consumer reads its encoder files from, given an image's config
// (Env, WorkingDir). Facts from the consumers' sources:
// - tiktoken (Python, load.py read_file_cached): TIKTOKEN_CACHE_DIR if the variable exists,
//   else DATA_GYM_CACHE_DIR if it exists, else tempfile.gettempdir()/data-gym-cache. An empty
//   value turns the cache off (it always downloads). The path is joined, not normalised.
// - tiktoken-go (pkoukk/tiktoken-go load.go readFileCached; One API, new-api):
//   TIKTOKEN_CACHE_DIR if non-empty, else DATA_GYM_CACHE_DIR if non-empty, else
//   filepath.Join(os.TempDir(), "data-gym-cache") with os.TempDir() = $TMPDIR or /tmp. Go's
//   filepath.Join cleans the path lexically.
// Relative paths resolve against the working directory, as the consumer's open() does. Pure.
import { goClean } from './layer-paths.js';

export const CONSUMERS = ['tiktoken', 'tiktoken-go'] as const;
export type ConsumerName = (typeof CONSUMERS)[number];

export const CACHE_VARIABLES = ['TIKTOKEN_CACHE_DIR', 'DATA_GYM_CACHE_DIR'] as const;
export type CacheVariable = (typeof CACHE_VARIABLES)[number];

export function isConsumerName(name: string): name is ConsumerName {
  return (CONSUMERS as readonly string[]).includes(name);
}

/** What a container of the image starts with. */
export interface ImageRuntime {
  /** Env of the image config; a later duplicate wins (the engine merges them so). */
  readonly env: ReadonlyMap<string, string>;
  /** Absolute working directory (`/` when the config has none). */
  readonly workingDir: string;
}

export function imageRuntime(envLines: readonly string[] | undefined, workingDir: string | undefined): ImageRuntime {
  const env = new Map<string, string>();
  for (const line of envLines ?? []) {
    const eq = line.indexOf('=');
    if (eq > 0) env.set(line.slice(0, eq), line.slice(eq + 1));
    else if (eq === -1 && line !== '') env.set(line, '');
  }
  const wd = workingDir && workingDir !== '' ? (workingDir.startsWith('/') ? workingDir : `/${workingDir}`) : '/';
  return { env, workingDir: wd };
}

export type ConsumerDir =
  /** `path` is absolute, spelled as the consumer hands it to open() (not normalised). */
  | { readonly kind: 'dir'; readonly path: string; readonly why: string; readonly variable?: CacheVariable }
  /** Python tiktoken with an empty cache variable: no cache at all. */
  | { readonly kind: 'off'; readonly why: string; readonly variable: CacheVariable }
  /** Python's gettempdir() finds no usable folder: tiktoken raises before reading anything. */
  | { readonly kind: 'none'; readonly why: string };

function absolute(path: string, workingDir: string): string {
  if (path.startsWith('/')) return path;
  return `${workingDir.replace(/\/+$/, '')}/${path}`;
}

/** Python's os.path.abspath: joined to the working directory, then normalised lexically. */
function pythonAbspath(path: string, workingDir: string): string {
  return goClean(absolute(path, workingDir));
}

const PYTHON_TEMP_VARIABLES = ['TMPDIR', 'TEMP', 'TMP'] as const;
const PYTHON_TEMP_DIRS = ['/tmp', '/var/tmp', '/usr/tmp'] as const;

/**
 * The folder `consumer` reads. `isDirectory` answers whether an absolute path is an existing
 * directory in the image (symlinks followed); Python's temp dir rule needs it. Approximation:
 * Python also requires the folder to be writable by the container's user (it writes a test
 * file); that is not modelled (ownership, modes and read-only root filesystems are not read).
 */
export function consumerDir(consumer: ConsumerName, runtime: ImageRuntime, isDirectory: (path: string) => boolean): ConsumerDir {
  const { env, workingDir } = runtime;
  if (consumer === 'tiktoken') {
    for (const variable of CACHE_VARIABLES) {
      const value = env.get(variable);
      if (value === undefined) continue;
      if (value === '') return { kind: 'off', variable, why: `${variable} is set to an empty value, which turns tiktoken's cache off (it downloads every time)` };
      return { kind: 'dir', path: absolute(value, workingDir), variable, why: `${variable}=${value}` };
    }
    const tried: string[] = [];
    const candidates: Array<[string, string]> = [];
    for (const name of PYTHON_TEMP_VARIABLES) {
      const value = env.get(name);
      if (value) candidates.push([value, `${name}=${value}`]);
    }
    for (const dir of PYTHON_TEMP_DIRS) candidates.push([dir, dir]);
    candidates.push([workingDir, `the working directory ${workingDir}`]);
    for (const [dir, label] of candidates) {
      const abs = pythonAbspath(dir, workingDir);
      if (isDirectory(abs)) {
        return { kind: 'dir', path: `${abs.replace(/\/+$/, '')}/data-gym-cache`, why: `no cache variable; Python's temp dir is ${abs} (${label})${tried.length ? `, after ${tried.join(', ')} (not a directory in the image)` : ''}` };
      }
      tried.push(abs);
    }
    return { kind: 'none', why: `no cache variable, and none of Python's temp dir candidates (${tried.join(', ')}) is a directory in the image` };
  }
  for (const variable of CACHE_VARIABLES) {
    const value = env.get(variable);
    if (value) return { kind: 'dir', path: goClean(absolute(value, workingDir)), variable, why: `${variable}=${value}` };
  }
  const tmp = env.get('TMPDIR') || '/tmp';
  const empty = CACHE_VARIABLES.filter((v) => env.get(v) === '');
  const note = empty.length ? `; ${empty.join(' and ')} ${empty.length > 1 ? 'are' : 'is'} empty, which tiktoken-go ignores` : '';
  return { kind: 'dir', path: goClean(absolute(`${tmp}/data-gym-cache`, workingDir)), why: `no non-empty cache variable; os.TempDir() is ${tmp}${env.get('TMPDIR') ? ' (TMPDIR)' : ''}${note}` };
}

/**
 * Lexical folders a consumer might read (before symlinks are resolved): files under them are
 * hashed on the first pass over a layer.
 */
export function candidateDirs(runtime: ImageRuntime, cachePath: string): string[] {
  const out = new Set<string>([goClean(cachePath)]);
  const add = (p: string | undefined, suffix = ''): void => {
    if (p) out.add(goClean(absolute(`${p}${suffix}`, runtime.workingDir)));
  };
  for (const v of CACHE_VARIABLES) add(runtime.env.get(v));
  for (const v of PYTHON_TEMP_VARIABLES) add(runtime.env.get(v), '/data-gym-cache');
  for (const d of PYTHON_TEMP_DIRS) add(d, '/data-gym-cache');
  add(runtime.workingDir, '/data-gym-cache');
  return [...out];
}
