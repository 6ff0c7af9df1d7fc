import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildxBinary, namesExtraPluginDirs } from '../../../src/build/buildx-binary.js';

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(60)]);
let root: string;

async function exe(path: string, bytes: Buffer | string): Promise<string> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, bytes, { mode: 0o755 });
  return path;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'buildx-binary-'));
});

describe('the buildx plugin run directly, as the Docker CLI on PATH would run it', () => {
  it.each<[string, string | undefined, boolean]>([
    ['no config', undefined, false],
    ['a config without extra folders', '{"auths":{}}', false],
    ['cliPluginsExtraDirs', '{"cliPluginsExtraDirs":["/opt/plugins"]}', true],
    ['an empty list', '{"cliPluginsExtraDirs":[]}', false],
    ['a config that is not JSON', '{', true],
  ])('namesExtraPluginDirs: %s', (_name, config, expected) => {
    expect(namesExtraPluginDirs(config)).toBe(expected);
  });

  it("the user's plugin folder comes first, when PATH's docker is a real program", async () => {
    await exe(join(root, 'bin', 'docker'), ELF);
    const mine = await exe(join(root, 'config', 'cli-plugins', 'docker-buildx'), ELF);
    expect(await buildxBinary({ PATH: join(root, 'bin'), DOCKER_CONFIG: join(root, 'config') }, undefined)).toBe(mine);
    expect(await buildxBinary({ PATH: join(root, 'bin') }, undefined, join(root, 'home'))).not.toBe(mine);
  });

  it('a docker that is a script (a wrapper, a shim, a fake) is run as it is: no direct plugin', async () => {
    await exe(join(root, 'bin', 'docker'), '#!/bin/sh\nexec /usr/bin/docker "$@"\n');
    await exe(join(root, 'config', 'cli-plugins', 'docker-buildx'), ELF);
    expect(await buildxBinary({ PATH: join(root, 'bin'), DOCKER_CONFIG: join(root, 'config') }, undefined)).toBeUndefined();
  });

  it('no docker on PATH, or a config with folders of its own: none', async () => {
    await exe(join(root, 'config', 'cli-plugins', 'docker-buildx'), ELF);
    expect(await buildxBinary({ PATH: join(root, 'empty'), DOCKER_CONFIG: join(root, 'config') }, undefined)).toBeUndefined();
    await exe(join(root, 'bin', 'docker'), ELF);
    expect(await buildxBinary({ PATH: join(root, 'bin'), DOCKER_CONFIG: join(root, 'config') }, '{"cliPluginsExtraDirs":["/x"]}')).toBeUndefined();
  });
});
