import { describe, expect, it } from 'vitest';
import type { PipelineResult } from '../../../src/pipeline/pipeline.js';
import { actionOutputs, OUTPUT_NAMES } from '../../../src/pipeline/outputs.js';

describe('actionOutputs', () => {
  it('sets every output, empty when it does not apply (prepare-only failure)', () => {
    const outputs = actionOutputs({ mode: 'prepare', error: new Error('x') });
    expect(Object.keys(outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    expect(outputs).toMatchObject({ 'cache-dir': '', digest: '', drift: 'false', tags: '' });
  });

  it('drift=true when a refresh found drifted files', () => {
    const result: PipelineResult = {
      mode: 'prepare',
      drift: [{ id: 'cl100k_base', url: 'https://x/cl100k_base.tiktoken', from: 'https://x', expected: { sha256: 'a'.repeat(64), size: 1 }, actual: { sha256: 'b'.repeat(64), size: 2 } }],
    };
    expect(actionOutputs(result).drift).toBe('true');
    expect(actionOutputs({ mode: 'prepare', drift: [] }).drift).toBe('false');
  });

  it('a merge reports the merged index digest and its tags', () => {
    const result = {
      mode: 'merge',
      merged: { digest: 'sha256:' + 'c'.repeat(64), tags: ['r/x:offline-v1', 'r/x:offline'], platforms: ['linux/amd64'], manifests: [], raw: '{}' },
    } as const satisfies PipelineResult;
    expect(actionOutputs(result)).toMatchObject({ digest: result.merged.digest, tags: 'r/x:offline-v1\nr/x:offline' });
  });
});
