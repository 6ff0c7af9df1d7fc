// Temp folders and a clean environment for the processes the bench times: each "runner" has
// its own RUNNER_TEMP and RUNNER_TOOL_CACHE, nothing of the parent's Actions or proxy
// variables leaks in, and HOME is a temp folder so no default cache under ~ is touched.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchRoot {
  readonly dir: string;
  /** A new empty folder under the root. */
  fresh(name: string): Promise<string>;
  remove(): Promise<void>;
}

export async function benchRoot(): Promise<BenchRoot> {
  const dir = await mkdtemp(join(tmpdir(), 'oneapi-offline-bench-'));
  let n = 0;
  return {
    dir,
    async fresh(name) {
      const path = join(dir, `${name}-${++n}`);
      await mkdir(path, { recursive: true });
      return path;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface Runner {
  readonly temp: string;
  readonly toolCache: string;
  readonly env: Readonly<Record<string, string>>;
}

/** A runner with empty caches. `home` is shared so its default cache root stays out of ~. */
export async function freshRunner(root: BenchRoot, home: string): Promise<Runner> {
  const temp = await root.fresh('runner-temp');
  const toolCache = await root.fresh('tool-cache');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    XDG_CACHE_HOME: join(home, '.cache'),
    LANG: 'C.UTF-8',
    RUNNER_TEMP: temp,
    RUNNER_TOOL_CACHE: toolCache,
  };
  return { temp, toolCache, env };
}
