import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildxStoreDir, builtWith, parseInstance, storedBuilderFacts } from '../../../src/build/builder-store.js';

// What buildx 0.13 wrote here for `docker buildx create --name … --driver …` (Files shortened).
const CONTAINER = '{"Name":"ci","Driver":"docker-container","Nodes":[{"Name":"ci0","Endpoint":"unix:///var/run/docker.sock","Platforms":null,"DriverOpts":{"network":"host"},"Flags":null,"Files":{}}],"Dynamic":false}';
const REMOTE = '{"Name":"far","Driver":"remote","Nodes":[{"Name":"far0","Endpoint":"tcp://10.0.0.5:1234","Platforms":null,"DriverOpts":null,"Flags":null,"Files":null}],"Dynamic":false}';

describe('buildx store: a named builder\'s driver without running buildx', () => {
  it.each<[string, string, string, string | undefined]>([
    ['a docker-container record', CONTAINER, 'ci', 'docker-container'],
    ['a remote record', REMOTE, 'far', 'remote'],
    ['a record for another name', CONTAINER, 'other', undefined],
    ['no nodes', '{"Name":"ci","Driver":"docker-container","Nodes":[]}', 'ci', undefined],
    ['a driver that is not a word', '{"Name":"ci","Driver":"docker container; rm","Nodes":[{}]}', 'ci', undefined],
    ['not JSON', 'Name: ci', 'ci', undefined],
    ['JSON null', 'null', 'ci', undefined],
  ])('parseInstance: %s', (_name, text, name, expected) => {
    expect(parseInstance(text, name)).toBe(expected);
  });

  it('finds the store as buildx does: BUILDX_CONFIG, else DOCKER_CONFIG/buildx, else ~/.docker/buildx', () => {
    expect(buildxStoreDir({ BUILDX_CONFIG: '/b', DOCKER_CONFIG: '/d' }, '/h')).toBe('/b');
    expect(buildxStoreDir({ DOCKER_CONFIG: '/d' }, '/h')).toBe('/d/buildx');
    expect(buildxStoreDir({ DOCKER_CONFIG: '  ' }, '/h')).toBe('/h/.docker/buildx');
  });

  it('reads instances/<name>; `default` is the docker driver; anything else is left to buildx', async () => {
    const store = await mkdtemp(join(tmpdir(), 'buildx-store-'));
    await mkdir(join(store, 'instances'));
    await writeFile(join(store, 'instances', 'ci'), CONTAINER);
    await writeFile(join(store, 'instances', 'broken'), '{"Name":"broken"');
    expect(await storedBuilderFacts('ci', store)).toEqual({ driver: 'docker-container', builder: 'ci', containerdStore: false, loadsMultiPlatform: false });
    expect((await storedBuilderFacts('default', store))?.driver).toBe('docker');
    expect(await storedBuilderFacts('broken', store)).toBeUndefined();
    expect(await storedBuilderFacts('missing', store)).toBeUndefined();
    expect(await storedBuilderFacts(undefined, store)).toBeUndefined();
    // A name that is not a plain file name in that folder never becomes a path.
    expect(await storedBuilderFacts('../instances/ci', store)).toBeUndefined();
  });

  it('builtWith reads the builder and driver buildx says it used', () => {
    const out = '#0 building with "ci" instance using docker-container driver\n\n#1 [internal] load build definition from Dockerfile\n';
    expect(builtWith(out)).toEqual({ builder: 'ci', driver: 'docker-container' });
    expect(builtWith('#1 [internal] load .dockerignore')).toBeUndefined();
  });
});
