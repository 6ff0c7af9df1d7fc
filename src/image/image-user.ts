// The identity a container of the image runs as: the config's USER (`user`, `uid`, `user:group`,
// `uid:gid`…) resolved in the image's own /etc/passwd and /etc/group, as the runtimes do
// (checked against Docker Engine 26, Podman 4.3 and containerd 1.7's ctr):
// - no USER: root (0:0);
// - a name must be in /etc/passwd (and a group name in /etc/group), or no runtime starts the
//   container ("unable to find user …");
// - a numeric uid not in /etc/passwd runs with gid 0; one that is takes its passwd gid;
// - supplementary groups are the /etc/group entries listing the user's name, with one
//   difference: Docker Engine and Podman add them only when USER names no group, containerd
//   (oci.WithAdditionalGIDs) always does, skipping a group named like the user.
// Pure.

/** How a runtime picks supplementary groups (see above). */
export type GroupRule = 'moby' | 'containerd';

export interface Identity {
  /** USER as configured ('' for none). */
  readonly spec: string;
  readonly uid: number;
  readonly gid: number;
  /** Supplementary groups (the gid not repeated). */
  readonly groups: readonly number[];
}

export const ROOT: Identity = { spec: '', uid: 0, gid: 0, groups: [] };

const NUMERIC = /^\d+$/;

/** The USER's two parts, or undefined when the container runs as root without looking anything up. */
export function userParts(spec: string | undefined): { readonly user: string; readonly group?: string } | undefined {
  if (spec === undefined || spec === '') return undefined;
  const colon = spec.indexOf(':');
  return colon === -1 ? { user: spec } : { user: spec.slice(0, colon), group: spec.slice(colon + 1) };
}

/** Whether USER names a user or group that must be found in the image (or the container does not start). */
export function namesSomething(spec: string | undefined): boolean {
  const parts = userParts(spec);
  return parts !== undefined && (!NUMERIC.test(parts.user) || (parts.group !== undefined && !NUMERIC.test(parts.group)));
}

/** Whether the identity is root whatever the image's files say (a numeric uid 0). */
export function isRootWithoutLookup(spec: string | undefined): boolean {
  const parts = userParts(spec);
  return parts === undefined || (NUMERIC.test(parts.user) && Number(parts.user) === 0);
}

interface PasswdEntry {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

interface GroupEntry {
  readonly name: string;
  readonly gid: number;
  readonly members: readonly string[];
}

function lines(text: string | undefined): string[][] {
  return (text ?? '').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).map((l) => l.split(':'));
}

export function parsePasswd(text: string | undefined): PasswdEntry[] {
  return lines(text).flatMap((f) => (f.length >= 4 && NUMERIC.test(f[2] ?? '') && NUMERIC.test(f[3] ?? '') ? [{ name: f[0] as string, uid: Number(f[2]), gid: Number(f[3]) }] : []));
}

export function parseGroup(text: string | undefined): GroupEntry[] {
  return lines(text).flatMap((f) => (f.length >= 3 && NUMERIC.test(f[2] ?? '') ? [{ name: f[0] as string, gid: Number(f[2]), members: (f[3] ?? '').split(',').map((m) => m.trim()).filter((m) => m !== '') }] : []));
}

/**
 * The identity, or why the container does not start. `passwd`/`group` are the files' text
 * (undefined when the image has none).
 */
export function resolveIdentity(spec: string | undefined, passwd: string | undefined, group: string | undefined, rule: GroupRule): Identity | { readonly error: string } {
  const parts = userParts(spec);
  if (!parts) return ROOT;
  const users = parsePasswd(passwd);
  const groups = parseGroup(group);
  const numericUser = NUMERIC.test(parts.user);
  const entry = users.find((u) => u.name === parts.user || (numericUser && u.uid === Number(parts.user)));
  if (!entry && !numericUser) {
    return { error: `the image's USER ${spec} names the user ${parts.user}, which ${passwd === undefined ? 'is not in the image (no /etc/passwd)' : 'is not in /etc/passwd'}, so no runtime starts the container ("unable to find user ${parts.user}")` };
  }
  const uid = entry ? entry.uid : Number(parts.user);
  let gid = entry ? entry.gid : 0;
  if (parts.group !== undefined) {
    const numericGroup = NUMERIC.test(parts.group);
    const found = groups.find((g) => g.name === parts.group || (numericGroup && g.gid === Number(parts.group)));
    if (!found && !numericGroup) {
      return { error: `the image's USER ${spec} names the group ${parts.group}, which ${group === undefined ? 'is not in the image (no /etc/group)' : 'is not in /etc/group'}, so no runtime starts the container ("unable to find group ${parts.group}")` };
    }
    gid = found ? found.gid : Number(parts.group);
  }
  const name = entry?.name;
  const member = (g: GroupEntry): boolean => name !== undefined && g.members.includes(name);
  const supplementary =
    rule === 'moby'
      ? parts.group === undefined
        ? groups.filter(member)
        : []
      : groups.filter((g) => g.name !== name && member(g));
  return { spec: spec ?? '', uid, gid, groups: [...new Set(supplementary.map((g) => g.gid))].filter((g) => g !== gid) };
}

export function describeIdentity(who: Identity): string {
  const groups = who.groups.length > 0 ? `, groups ${who.groups.join(',')}` : '';
  return `USER ${who.spec || 'root'} (uid ${who.uid}, gid ${who.gid}${groups})`;
}
