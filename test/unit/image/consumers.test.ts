// The folder each consumer reads, from an image's Env and WorkingDir, as load.py and
// tiktoken-go's load.go pick it.
import { describe, expect, it } from 'vitest';
import { consumerDir, imageRuntime, type ConsumerName } from '../../../src/image/consumers.js';

const dirs = new Set(['/tmp', '/var/tmp', '/app', '/scratch']);
const isDir = (p: string): boolean => dirs.has(p);

function both(env: string[], workingDir?: string, probe = isDir): Record<ConsumerName, string> {
  const rt = imageRuntime(env, workingDir);
  const show = (c: ConsumerName): string => {
    const d = consumerDir(c, rt, probe);
    return d.kind === 'dir' ? d.path : d.kind;
  };
  return { tiktoken: show('tiktoken'), 'tiktoken-go': show('tiktoken-go') };
}

describe('consumerDir', () => {
  it.each([
    ['only TIKTOKEN_CACHE_DIR', ['TIKTOKEN_CACHE_DIR=/c'], '/c', '/c'],
    ['only DATA_GYM_CACHE_DIR', ['DATA_GYM_CACHE_DIR=/d'], '/d', '/d'],
    ['both, to different folders', ['DATA_GYM_CACHE_DIR=/d', 'TIKTOKEN_CACHE_DIR=/c'], '/c', '/c'],
    ['no variable', [], '/tmp/data-gym-cache', '/tmp/data-gym-cache'],
    ['empty TIKTOKEN_CACHE_DIR: Python caches nothing, Go falls through', ['TIKTOKEN_CACHE_DIR=', 'DATA_GYM_CACHE_DIR=/d'], 'off', '/d'],
    ['empty DATA_GYM_CACHE_DIR alone', ['DATA_GYM_CACHE_DIR='], 'off', '/tmp/data-gym-cache'],
    ['TMPDIR set', ['TMPDIR=/scratch'], '/scratch/data-gym-cache', '/scratch/data-gym-cache'],
    ['TMPDIR that is no directory: Python moves on, Go does not look', ['TMPDIR=/nope'], '/tmp/data-gym-cache', '/nope/data-gym-cache'],
    ['TEMP and TMP are Python only', ['TEMP=/scratch'], '/scratch/data-gym-cache', '/tmp/data-gym-cache'],
    ['a later duplicate wins', ['TIKTOKEN_CACHE_DIR=/a', 'TIKTOKEN_CACHE_DIR=/c'], '/c', '/c'],
    ['trailing slashes', ['TIKTOKEN_CACHE_DIR=/c//'], '/c//', '/c'],
  ])('%s', (_name, env, python, go) => {
    expect(both(env)).toEqual({ tiktoken: python, 'tiktoken-go': go });
  });

  it('resolves relative folders against WorkingDir (Go cleans them, Python does not)', () => {
    expect(both(['TIKTOKEN_CACHE_DIR=cache/../c'], '/app')).toEqual({ tiktoken: '/app/cache/../c', 'tiktoken-go': '/app/c' });
    expect(both(['TMPDIR=t'], '/app', (p) => p === '/app/t')).toEqual({ tiktoken: '/app/t/data-gym-cache', 'tiktoken-go': '/app/t/data-gym-cache' });
  });

  it('Python falls back to /var/tmp, /usr/tmp, then the working directory; with none, it reads nothing', () => {
    expect(both([], '/app', (p) => p === '/var/tmp').tiktoken).toBe('/var/tmp/data-gym-cache');
    expect(both([], '/app', (p) => p === '/app').tiktoken).toBe('/app/data-gym-cache');
    expect(both([], '/app', () => false).tiktoken).toBe('none');
    // tiktoken-go never checks: /tmp/data-gym-cache even in a scratch image without /tmp.
    expect(both([], '/app', () => false)['tiktoken-go']).toBe('/tmp/data-gym-cache');
  });
});
