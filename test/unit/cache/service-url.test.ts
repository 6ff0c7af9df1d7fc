import { describe, expect, it } from 'vitest';
import { mayHaveCacheService } from '../../../src/cache/service-url.js';

describe('mayHaveCacheService', () => {
  it.each([
    [{}, false],
    [{ ACTIONS_CACHE_URL: '' }, false],
    [{ ACTIONS_CACHE_URL: '  ', ACTIONS_RESULTS_URL: '' }, false],
    [{ ACTIONS_RUNTIME_TOKEN: 'x', GITHUB_ACTIONS: 'true' }, false],
    [{ ACTIONS_CACHE_URL: 'https://artifactcache.actions.githubusercontent.com/abc/' }, true],
    [{ ACTIONS_RESULTS_URL: 'https://results-receiver.actions.githubusercontent.com/' }, true],
  ])('%j → %s', (env, expected) => {
    expect(mayHaveCacheService(env)).toBe(expected);
  });
});
