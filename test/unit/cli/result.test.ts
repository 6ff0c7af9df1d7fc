import { describe, expect, it } from 'vitest';
import type { BuildResult } from '../../../src/build/build.js';
import { cliResult } from '../../../src/cli/result.js';
import type { PipelineResult } from '../../../src/pipeline/pipeline.js';

const DIGEST = `sha256:${'c'.repeat(64)}`;
const built: BuildResult = {
  digest: DIGEST,
  metadata: {},
  tags: ['r.io/a:offline-v1', 'r.io/a:offline'],
  route: 'registry',
  engine: { driver: 'docker-container', builder: 'ci', platforms: ['linux/amd64'], containerdStore: false, loadsMultiPlatform: false },
};

describe('cliResult', () => {
  it('says per tag whether it was published and names the builder and its driver; the digest stays when nothing was tagged', () => {
    const result: PipelineResult = {
      mode: 'build',
      built,
      published: [
        { ref: 'r.io/a:offline-v1', where: 'registry', published: false, reason: 'verification failed' },
        { ref: 'r.io/a:offline', where: 'registry', published: false, reason: 'verification failed' },
      ],
      error: new Error('verification failed'),
    };
    const out = cliResult(result);
    expect(out['digest']).toBe(DIGEST);
    expect(out['builder']).toEqual({ name: 'ci', driver: 'docker-container' });
    expect(out['published']).toEqual([
      { tag: 'r.io/a:offline-v1', where: 'registry', published: false, reason: 'verification failed' },
      { tag: 'r.io/a:offline', where: 'registry', published: false, reason: 'verification failed' },
    ]);
  });

  it('a prepare-only run has neither', () => {
    const out = cliResult({ mode: 'prepare' });
    expect(out).not.toHaveProperty('published');
    expect(out).not.toHaveProperty('builder');
  });
});
