import { describe, expect, it } from 'vitest';
import type { PipelineResult } from '../../../src/pipeline/pipeline.js';
import { cliResult } from '../../../src/cli/result.js';
import { actionOutputs, OUTPUT_NAMES } from '../../../src/pipeline/outputs.js';
import { summaryInput } from '../../../src/pipeline/summary-input.js';
import { sourcesOf } from '../../../src/prepare/result.js';
import { renderSummary } from '../../../src/report/summary.js';

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

  type Source = 'download' | 'tool-cache' | 'actions-cache' | 'source';
  const file = (source: Source) => ({ id: 'x', encodings: [], url: 'u', cacheFile: 'c', sha256: 's', size: 1, source });
  const prepared = (sources: Source[]): NonNullable<PipelineResult['prepared']> => ({
    cacheDir: '/c',
    ...sourcesOf(sources),
    manifest: { files: [] } as unknown as NonNullable<PipelineResult['prepared']>['manifest'],
    manifestPath: '/c/m',
    drift: false,
    files: sources.map(file),
  });

  it.each<[Source[], string, string]>([
    [['tool-cache', 'tool-cache'], 'tool-cache', 'true'],
    [['actions-cache'], 'actions-cache', 'true'],
    [['source'], 'source', 'true'],
    [['tool-cache', 'actions-cache'], 'mixed', 'true'],
    [['tool-cache', 'download'], 'mixed', 'false'],
    [['download'], 'download', 'false'],
  ])('files from %j: source %s, cache-hit %s, the same in the outputs, the CLI result and the job summary', (sources, source, hit) => {
    const result: PipelineResult = { mode: 'prepare', prepared: prepared(sources) };
    const outputs = actionOutputs(result);
    // As actions/cache: true when nothing was downloaded; where the files came from is `source`.
    expect(outputs['cache-hit']).toBe(hit);
    expect(outputs.source).toBe(source);
    expect(cliResult(result)).toMatchObject({ 'cache-hit': hit === 'true', source });
    expect(renderSummary(summaryInput(result))).toContain(`cache-hit: \`${hit}\` · source: \`${source}\``);
  });

  it('version, labels and annotations: what the image was stamped with, once something was built', () => {
    const stamp = { version: 'v1.2.3', labels: ['a=1', 'b=2'], annotations: ['index,manifest:t=x'] };
    const built = { metadata: {}, tags: ['r/x:v1'], route: 'archive', engine: { driver: 'docker', containerdStore: true, loadsMultiPlatform: true } } as const;
    expect(actionOutputs({ mode: 'build', stamp, built })).toMatchObject({ version: 'v1.2.3', labels: 'a=1\nb=2', annotations: 'index,manifest:t=x', tags: 'r/x:v1' });
    expect(actionOutputs({ mode: 'build', stamp, error: new Error('x') })).toMatchObject({ version: '', labels: '', annotations: '' });
  });
});
