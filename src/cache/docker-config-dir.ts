// The Docker client's config folder, as the Docker CLI finds it: `$DOCKER_CONFIG`, else
// `~/.docker`. config.json (credentials), cli-plugins/ and buildx/ live there.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function dockerConfigDir(env: Readonly<Record<string, string | undefined>>, home = homedir()): string {
  return env['DOCKER_CONFIG']?.trim() || join(home, '.docker');
}
