// docs/registry-engine.md and examples/cache-image: every YAML block parses strictly, the
// workflows pass GitHub's schema and use only inputs action.yml has, and the Kubernetes
// manifests are the documents they claim to be (image volume, init container).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, parseDocument } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const inputs = Object.keys((parse(read('action.yml')) as { inputs: Record<string, unknown> }).inputs);

function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

describe('docs/registry-engine.md', () => {
  const blocks = yamlBlocks(read('docs/registry-engine.md'));
  it('has workflow blocks', () => expect(blocks.length).toBeGreaterThanOrEqual(2));
  it.each(blocks.map((b, i) => [i, b] as const))('block %i is a valid workflow using only real inputs', (_i, block) => {
    const doc = parseDocument(block, { uniqueKeys: true });
    expect(doc.errors).toEqual([]);
    expect(validateWorkflow(block).errors).toEqual([]);
    const jobs = (doc.toJS() as { jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }> }).jobs;
    for (const step of Object.values(jobs).flatMap((j) => j.steps)) {
      if (step.uses?.startsWith('your-org/oneapi-offline-action')) for (const key of Object.keys(step.with ?? {})) expect(inputs).toContain(key);
      else expect(step.uses && block.includes(`uses: ${step.uses} # v`) && /@[0-9a-f]{40}$/.test(step.uses)).toBe(true);
    }
  });
  it('links to files that exist', () => {
    for (const link of ['../examples/cache-image/Dockerfile', '../examples/cache-image/kubernetes.yaml']) {
      expect(read('docs/registry-engine.md')).toContain(`(${link})`);
      expect(() => read(join('docs', link))).not.toThrow();
    }
  });
});

describe('examples/cache-image/kubernetes.yaml', () => {
  const docs = parseAllDocuments(read('examples/cache-image/kubernetes.yaml'), { uniqueKeys: true });
  it('is two Deployments that parse', () => {
    expect(docs.flatMap((d) => d.errors)).toEqual([]);
    expect(docs.map((d) => (d.toJS() as { kind: string }).kind)).toEqual(['Deployment', 'Deployment']);
  });
  it('mounts the cache image as an image volume, and copies it with an init container', () => {
    const [volume, init] = docs.map((d) => d.toJS() as { spec: { template: { spec: Record<string, any> } } });
    const v = volume!.spec.template.spec;
    expect(v['volumes'][0].image.reference).toMatch(/tiktoken-cache/);
    const env = Object.fromEntries(v['containers'][0].env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env['TIKTOKEN_CACHE_DIR']).toBe(`${v['containers'][0].volumeMounts[0].mountPath}/tiktoken_cache`);
    const i = init!.spec.template.spec;
    expect(i['initContainers'][0].volumeMounts[0].name).toBe(i['containers'][0].volumeMounts[0].name);
  });
});
