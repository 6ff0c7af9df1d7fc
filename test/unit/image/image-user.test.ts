// The image's USER resolved as Docker Engine, Podman and containerd resolve it (the runtime
// corpus checks the same rules against the real runtimes): names through the image's own
// /etc/passwd and /etc/group, numeric ids as they are, and the two rules for supplementary groups.
import { describe, expect, it } from 'vitest';
import { ROOT, isRootWithoutLookup, namesSomething, resolveIdentity } from '../../../src/image/image-user.js';

const PASSWD = 'root:x:0:0:root:/root:/bin/sh\n# a comment\napp:x:1000:1000:app:/home/app:/bin/sh\nother:x:1001:1001::/:/bin/sh\nbroken line\n';
const GROUP = 'root:x:0:\napp:x:2001:app\ncache:x:2000:other,app\n';

describe('resolveIdentity', () => {
  it('runs as root with no USER, and needs no file for a numeric one', () => {
    expect(resolveIdentity(undefined, undefined, undefined, 'moby')).toBe(ROOT);
    expect(resolveIdentity('', PASSWD, GROUP, 'containerd')).toBe(ROOT);
    expect(isRootWithoutLookup('0')).toBe(true);
    expect(isRootWithoutLookup('0:2000')).toBe(true);
    expect(isRootWithoutLookup('root')).toBe(false);
    expect([namesSomething('1000'), namesSomething('1000:1000'), namesSomething('app'), namesSomething('1000:cache')]).toEqual([false, false, true, true]);
  });

  it('takes a user by name or uid from /etc/passwd, with its gid and the groups that list it', () => {
    expect(resolveIdentity('app', PASSWD, GROUP, 'moby')).toEqual({ spec: 'app', uid: 1000, gid: 1000, groups: [2001, 2000] });
    expect(resolveIdentity('1000', PASSWD, GROUP, 'moby')).toEqual({ spec: '1000', uid: 1000, gid: 1000, groups: [2001, 2000] });
    expect(resolveIdentity('other', PASSWD, GROUP, 'moby')).toEqual({ spec: 'other', uid: 1001, gid: 1001, groups: [2000] });
  });

  it('runs a uid that /etc/passwd does not know with gid 0 and no groups', () => {
    expect(resolveIdentity('1002', PASSWD, GROUP, 'moby')).toEqual({ spec: '1002', uid: 1002, gid: 0, groups: [] });
    expect(resolveIdentity('1002', undefined, undefined, 'containerd')).toEqual({ spec: '1002', uid: 1002, gid: 0, groups: [] });
  });

  it('with an explicit group: Docker Engine and Podman add no supplementary groups, containerd still does (but not one named like the user)', () => {
    expect(resolveIdentity('app:app', PASSWD, GROUP, 'moby')).toEqual({ spec: 'app:app', uid: 1000, gid: 2001, groups: [] });
    expect(resolveIdentity('app:app', PASSWD, GROUP, 'containerd')).toEqual({ spec: 'app:app', uid: 1000, gid: 2001, groups: [2000] });
    expect(resolveIdentity('1000:3000', PASSWD, GROUP, 'moby')).toEqual({ spec: '1000:3000', uid: 1000, gid: 3000, groups: [] });
    expect(resolveIdentity('1000:3000', PASSWD, GROUP, 'containerd')).toEqual({ spec: '1000:3000', uid: 1000, gid: 3000, groups: [2000] });
    expect(resolveIdentity('app', PASSWD, GROUP, 'containerd')).toEqual({ spec: 'app', uid: 1000, gid: 1000, groups: [2000] });
  });

  it('refuses a user or group name the image does not have: no runtime starts the container', () => {
    expect(resolveIdentity('ghost', PASSWD, GROUP, 'moby')).toEqual({ error: expect.stringMatching(/USER ghost names the user ghost, which is not in \/etc\/passwd, so no runtime starts/) });
    expect(resolveIdentity('root', undefined, undefined, 'moby')).toEqual({ error: expect.stringMatching(/no \/etc\/passwd/) });
    expect(resolveIdentity('app:nogroup', PASSWD, GROUP, 'containerd')).toEqual({ error: expect.stringMatching(/names the group nogroup, which is not in \/etc\/group/) });
  });
});
