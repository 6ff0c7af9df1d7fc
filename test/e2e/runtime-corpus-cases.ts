// The runtime corpus: hand-written layers, valid and hostile, on a static busybox base with its
// own /etc/passwd and /etc/group. Each case is one image whose consumers read /tiktoken_cache;
// two files there are pinned (F and G). `runtimes` records what Docker Engine 26, Podman 4.3 and
// containerd 1.7 were found to do with it on this machine: all read the pinned bytes
// ('pinned'), none does ('not-pinned'), or they disagree ('split'). The suite checks that
// record against the runtimes again on every run, and the verifier against the rule.
import type { TarItem } from '../unit/image/build-tar.js';

export const CACHE = 'tiktoken_cache';
/** Two pinned cache files (sha1-style names) and what they hold. */
export const F = '9b5ad71b2ce5302211f9c61530b329a4922fc6a4';
export const G = 'fb374d419588a4632f3f557e76b4b70aebbca790';
export const PINNED: Readonly<Record<string, string>> = { [F]: 'rank table F\n'.repeat(40), [G]: 'rank table G\n'.repeat(40) };
const EVIL = 'an attacker’s rank table\n';

export const CATEGORIES = {
  dotdot: '`..` in paths, links in their parents',
  links: 'hard links and symlinks into and out of the folder',
  whiteouts: 'whiteouts and opaque markers',
  duplicates: 'the same path twice in one layer',
  headers: 'pax/GNU long names, pax global headers',
  special: 'devices, FIFOs, setuid',
  replaced: 'a file replaced by a folder and the reverse',
  lookalikes: 'case and Unicode lookalikes',
  access: 'modes and owners against USER',
} as const;
export type Category = keyof typeof CATEGORIES;

export interface CorpusCase {
  readonly name: string;
  readonly category: Category;
  /** Layers above the base, bottom to top. */
  readonly layers: readonly (readonly TarItem[])[];
  /** The config's USER (none: root). */
  readonly user?: string;
  readonly runtimes: 'pinned' | 'not-pinned' | 'split';
}

/** The passwd and group the base carries: app (1000) is in the cache group (2000); other (1001) is not. */
export const PASSWD = 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nother:x:1001:1001:other:/:/bin/sh\n';
export const GROUP = 'root:x:0:\napp:x:1000:\nother:x:1001:\ncache:x:2000:app\n';
export const APPLETS = ['sh', 'sha256sum', 'ls', 'timeout', 'id', 'tr'] as const;

const dir = (name: string, extra: { mode?: number; uid?: number; gid?: number } = {}): TarItem => ({ type: 'dir', name: `${name}/`, ...extra });
const file = (name: string, data: string, extra: { mode?: number; uid?: number; gid?: number; longName?: 'pax' | 'gnu' } = {}): TarItem => ({ type: 'file', name, data, ...extra });
const cache = dir(CACHE);
const at = (name: string): string => `${CACHE}/${name}`;
/** The folder with both pinned files, as a plain layer writes it. */
const good = (extra: { mode?: number; uid?: number; gid?: number } = {}): TarItem[] => [cache, file(at(F), PINNED[F] as string, extra), file(at(G), PINNED[G] as string, extra)];
const goodG = file(at(G), PINNED[G] as string);

export const CORPUS: readonly CorpusCase[] = [
  // --- `..` and links in parents -------------------------------------------------------------
  { name: 'sub/../ inside the folder, pinned bytes', category: 'dotdot', layers: [[cache, file(`${CACHE}/sub/../${F}`, PINNED[F] as string), goodG]], runtimes: 'pinned' },
  { name: 'sub/../ inside the folder over a real sub folder', category: 'dotdot', layers: [[cache, dir(`${CACHE}/sub`), file(`${CACHE}/sub/../${F}`, PINNED[F] as string), goodG]], runtimes: 'not-pinned' },
  { name: 'x/../ rewrites a pinned file', category: 'dotdot', layers: [good(), [file(`${CACHE}/x/../${F}`, EVIL)]], runtimes: 'not-pinned' },
  { name: 'leading ../ clamped at the root', category: 'dotdot', layers: [[cache, file(`../../${CACHE}/${F}`, PINNED[F] as string), goodG]], runtimes: 'pinned' },
  { name: 'write through a parent symlinked in the same layer', category: 'dotdot', layers: [[...good(), { type: 'symlink', name: 'innocent', target: `/${CACHE}` }, file(`innocent/${F}`, EVIL)]], runtimes: 'not-pinned' },
  { name: 'write through a parent symlinked in a lower layer', category: 'dotdot', layers: [[...good(), { type: 'symlink', name: 'innocent', target: `/${CACHE}` }], [file(`innocent/${F}`, EVIL)]], runtimes: 'pinned' },
  { name: 'the folder is a symlink to a real folder', category: 'dotdot', layers: [[dir('real'), file(`real/${F}`, PINNED[F] as string), file(`real/${G}`, PINNED[G] as string), { type: 'symlink', name: CACHE, target: 'real' }]], runtimes: 'pinned' },
  // containerd goes up from the symlink's target; containers/storage cleans `sym/..` away first.
  { name: 'hard link target climbing out of a symlinked folder', category: 'dotdot', layers: [[file('opt/copy', EVIL), dir('opt/dir/deeper'), file('opt/dir/copy', PINNED[F] as string), { type: 'symlink', name: 'opt/sym', target: 'dir/deeper' }, cache, { type: 'hardlink', name: at(F), target: 'opt/sym/../copy' }, goodG]], runtimes: 'split' },
  { name: 'symlink target climbing out of a symlinked folder', category: 'dotdot', layers: [[file('opt/copy', EVIL), dir('opt/dir/deeper'), file('opt/dir/copy', PINNED[F] as string), { type: 'symlink', name: 'opt/sym', target: 'dir/deeper' }, cache, { type: 'symlink', name: at(F), target: '/opt/sym/../copy' }, goodG]], runtimes: 'pinned' },
  { name: 'relative symlink with ../ past the root', category: 'dotdot', layers: [[cache, { type: 'symlink', name: 'a/b/up', target: '../../../../../tiktoken_cache' }, file(`a/b/up/${F}`, PINNED[F] as string), goodG]], runtimes: 'pinned' },

  // --- hard links and symlinks -----------------------------------------------------------------
  { name: 'hard link from outside the folder, foreign bytes', category: 'links', layers: [[file('opt/payload', EVIL), cache, { type: 'hardlink', name: at(F), target: 'opt/payload' }, goodG]], runtimes: 'not-pinned' },
  { name: 'hard link from outside the folder, pinned bytes', category: 'links', layers: [[file('opt/copy', PINNED[F] as string), cache, { type: 'hardlink', name: at(F), target: 'opt/copy' }, goodG]], runtimes: 'pinned' },
  // The second `opt/alias` is a duplicate entry to containers/storage.
  { name: 'hard link out of the folder, then that name rewritten', category: 'links', layers: [[...good(), { type: 'hardlink', name: 'opt/alias', target: at(F) }, file('opt/alias', EVIL)]], runtimes: 'split' },
  { name: 'hard link out of the folder, that name rewritten a layer up', category: 'links', layers: [[...good(), { type: 'hardlink', name: 'opt/alias', target: at(F) }], [file('opt/alias', EVIL)]], runtimes: 'pinned' },
  { name: 'hard link through a symlinked folder', category: 'links', layers: [[file('opt/real/copy', PINNED[F] as string), { type: 'symlink', name: 'opt/alias', target: 'real' }, cache, { type: 'hardlink', name: at(F), target: 'opt/alias/copy' }, goodG]], runtimes: 'pinned' },
  { name: 'hard link to a lower layer', category: 'links', layers: [[file('opt/copy', PINNED[F] as string)], [cache, { type: 'hardlink', name: at(F), target: 'opt/copy' }, goodG]], runtimes: 'not-pinned' },
  { name: 'symlink out of the folder, absolute', category: 'links', layers: [[file('opt/copy', PINNED[F] as string), cache, { type: 'symlink', name: at(F), target: '/opt/copy' }, goodG]], runtimes: 'pinned' },
  { name: 'symlink out of the folder, escaping with ../', category: 'links', layers: [[file('opt/copy', PINNED[F] as string), cache, { type: 'symlink', name: at(F), target: '../../../../../opt/copy' }, goodG]], runtimes: 'pinned' },
  { name: 'symlink loop', category: 'links', layers: [[cache, { type: 'symlink', name: at(F), target: G }, { type: 'symlink', name: at(G), target: F }]], runtimes: 'not-pinned' },
  { name: 'dangling symlink', category: 'links', layers: [[cache, { type: 'symlink', name: at(F), target: '/nowhere' }, goodG]], runtimes: 'not-pinned' },

  // --- whiteouts and opaque markers ------------------------------------------------------------
  { name: 'whiteout in a lower layer, file written again above', category: 'whiteouts', layers: [[cache, file(at(F), EVIL), goodG], [file(at(`.wh.${F}`), '')], [file(at(F), PINNED[F] as string)]], runtimes: 'pinned' },
  { name: 'whiteout before the file in the same layer', category: 'whiteouts', layers: [[cache, file(at(F), EVIL), goodG], [file(at(`.wh.${F}`), ''), file(at(F), PINNED[F] as string)]], runtimes: 'pinned' },
  { name: 'whiteout after the file in the same layer', category: 'whiteouts', layers: [[cache, file(at(F), EVIL), goodG], [file(at(F), PINNED[F] as string), file(at(`.wh.${F}`), '')]], runtimes: 'not-pinned' },
  { name: 'opaque marker after the files hides a lower secret', category: 'whiteouts', layers: [[cache, file(at('secret'), 'token')], [...good(), file(at('.wh..wh..opq'), '')]], runtimes: 'pinned' },
  { name: 'opaque marker before the files', category: 'whiteouts', layers: [[cache, file(at('secret'), 'token'), file(at(F), EVIL)], [cache, file(at('.wh..wh..opq'), ''), file(at(F), PINNED[F] as string), goodG]], runtimes: 'pinned' },
  { name: 'opaque folder in a lower layer, files added above', category: 'whiteouts', layers: [[cache, file(at('secret'), 'token')], [cache, file(at('.wh..wh..opq'), ''), file(at(F), PINNED[F] as string)], [goodG]], runtimes: 'pinned' },
  { name: 'lower secret left visible', category: 'whiteouts', layers: [[cache, file(at('secret'), 'token')], good()], runtimes: 'not-pinned' },
  { name: 'the folder whited out above the files', category: 'whiteouts', layers: [good(), [file(`.wh.${CACHE}`, '')]], runtimes: 'not-pinned' },
  { name: 'char device 0/0 hides a lower secret', category: 'whiteouts', layers: [[cache, file(at('secret'), 'token')], [...good(), { type: 'raw', flag: '3', name: at('secret') }]], runtimes: 'pinned' },

  // --- duplicates ------------------------------------------------------------------------------
  { name: 'file twice, pinned copy last', category: 'duplicates', layers: [[cache, file(at(F), EVIL), file(at(F), PINNED[F] as string), goodG]], runtimes: 'split' },
  { name: 'file twice, pinned copy first', category: 'duplicates', layers: [[cache, file(at(F), PINNED[F] as string), file(at(F), EVIL), goodG]], runtimes: 'not-pinned' },
  { name: 'file twice, spelled ./ the second time', category: 'duplicates', layers: [[cache, file(at(F), EVIL), file(`./${at(F)}`, PINNED[F] as string), goodG]], runtimes: 'split' },
  { name: 'file twice, spelled / the second time', category: 'duplicates', layers: [[cache, file(at(F), EVIL), file(`/${at(F)}`, PINNED[F] as string), goodG]], runtimes: 'pinned' },
  { name: 'file twice, spelled / the first time', category: 'duplicates', layers: [[cache, file(`/${at(F)}`, EVIL), file(at(F), PINNED[F] as string), goodG]], runtimes: 'pinned' },
  { name: 'folder entry twice', category: 'duplicates', layers: [[cache, ...good().slice(1), cache]], runtimes: 'split' },

  // --- pax / GNU headers -----------------------------------------------------------------------
  { name: 'pax path records', category: 'headers', layers: [[cache, file(at(F), PINNED[F] as string, { longName: 'pax' }), file(at(G), PINNED[G] as string, { longName: 'pax' })]], runtimes: 'pinned' },
  { name: 'GNU long names', category: 'headers', layers: [[cache, file(at(F), PINNED[F] as string, { longName: 'gnu' }), file(at(G), PINNED[G] as string, { longName: 'gnu' })]], runtimes: 'pinned' },
  { name: 'pax global header with a comment', category: 'headers', layers: [[{ type: 'pax', global: true, records: { comment: 'made by hand' } }, ...good()]], runtimes: 'pinned' },
  { name: 'two pax global headers', category: 'headers', layers: [[{ type: 'pax', global: true, records: { comment: 'one' } }, ...good(), { type: 'pax', global: true, records: { comment: 'two' } }]], runtimes: 'split' },
  { name: 'pax global header named after a file, before it', category: 'headers', layers: [[cache, { type: 'pax', global: true, records: { path: at(F) } }, file(at(F), PINNED[F] as string), goodG]], runtimes: 'split' },
  { name: 'pax global header named after a file, after it', category: 'headers', layers: [[...good(), { type: 'pax', global: true, records: { path: at(F) } }]], runtimes: 'not-pinned' },
  { name: 'pax global header named after a lower file', category: 'headers', layers: [good(), [{ type: 'pax', global: true, records: { path: at(F) } }, file('other', 'x')]], runtimes: 'pinned' },
  { name: 'pax path overrides the header name', category: 'headers', layers: [[cache, { type: 'pax', records: { path: at(F) } }, { type: 'raw', flag: '0', name: at('decoy'), data: PINNED[F] as string }, goodG]], runtimes: 'pinned' },

  // --- devices, FIFOs, setuid ------------------------------------------------------------------
  { name: 'FIFO in place of a file', category: 'special', layers: [[cache, { type: 'raw', flag: '6', name: at(F) }, goodG]], runtimes: 'not-pinned' },
  { name: 'char device 1/3 in place of a file', category: 'special', layers: [[cache, { type: 'raw', flag: '3', name: at(F), devmajor: 1, devminor: 3 }, goodG]], runtimes: 'not-pinned' },
  { name: 'FIFO beside the files', category: 'special', layers: [[...good(), { type: 'raw', flag: '6', name: at('pipe') }]], runtimes: 'not-pinned' },
  { name: 'setuid and setgid bits on the files', category: 'special', layers: [good({ mode: 0o6755 })], user: 'app', runtimes: 'pinned' },

  // --- replaced --------------------------------------------------------------------------------
  { name: 'file replaced by a folder', category: 'replaced', layers: [good(), [dir(at(F))]], runtimes: 'not-pinned' },
  { name: 'folder replaced by a file', category: 'replaced', layers: [good(), [file(CACHE, 'not a folder')]], runtimes: 'not-pinned' },
  { name: 'folder replaced by a file, then a folder again', category: 'replaced', layers: [[cache, file(at('secret'), 'token')], [file(CACHE, 'not a folder')], good()], runtimes: 'pinned' },
  { name: 'folder then file at one name in the same layer', category: 'replaced', layers: [[cache, dir(at(F)), file(at(F), PINNED[F] as string), goodG]], runtimes: 'split' },

  // --- lookalikes ------------------------------------------------------------------------------
  { name: 'upper-case name', category: 'lookalikes', layers: [[cache, file(at(F.toUpperCase()), PINNED[F] as string), goodG]], runtimes: 'not-pinned' },
  { name: 'Cyrillic а in the name', category: 'lookalikes', layers: [[cache, file(at(F.replace('a', '\u0430')), PINNED[F] as string), goodG]], runtimes: 'not-pinned' },
  { name: 'full-width low line in the folder name', category: 'lookalikes', layers: [[dir('tiktoken_cache'.replace('_', '\uff3f')), file(`tiktoken\uff3fcache/${F}`, PINNED[F] as string), cache, goodG]], runtimes: 'not-pinned' },
  { name: 'lookalike beside the real file', category: 'lookalikes', layers: [[...good(), file(at(`${F}\u200b`), EVIL)]], runtimes: 'not-pinned' },

  // --- modes and owners against USER -----------------------------------------------------------
  { name: 'USER 1000, file 0600 owned by root', category: 'access', layers: [[cache, file(at(F), PINNED[F] as string, { mode: 0o600 }), goodG]], user: '1000', runtimes: 'not-pinned' },
  { name: 'USER 1000, folder 0700 owned by root', category: 'access', layers: [good().map((i) => (i === cache ? dir(CACHE, { mode: 0o700 }) : i))], user: '1000', runtimes: 'not-pinned' },
  { name: 'USER app, file 0640 in its supplementary group', category: 'access', layers: [[cache, file(at(F), PINNED[F] as string, { mode: 0o640, gid: 2000 }), goodG]], user: 'app', runtimes: 'pinned' },
  { name: 'USER app:app, file 0640 in its supplementary group', category: 'access', layers: [[cache, file(at(F), PINNED[F] as string, { mode: 0o640, gid: 2000 }), goodG]], user: 'app:app', runtimes: 'split' },
  { name: 'USER 1000, folder 0700 below, files added without a folder entry', category: 'access', layers: [[dir(CACHE, { mode: 0o700 })], [file(at(F), PINNED[F] as string), goodG]], user: '1000', runtimes: 'split' },
  { name: 'USER 1000, folder 0700 below, folder entry 0755 above', category: 'access', layers: [[dir(CACHE, { mode: 0o700 })], good()], user: '1000', runtimes: 'pinned' },
  { name: 'USER 1000 owns a file mode 0044', category: 'access', layers: [[cache, file(at(F), PINNED[F] as string, { mode: 0o044, uid: 1000 }), goodG]], user: '1000', runtimes: 'not-pinned' },
  { name: 'USER 1002 (not in passwd), file 0640 group root', category: 'access', layers: [[cache, file(at(F), PINNED[F] as string, { mode: 0o640 }), goodG]], user: '1002', runtimes: 'pinned' },
  { name: 'USER ghost, not in passwd', category: 'access', layers: [good()], user: 'ghost', runtimes: 'not-pinned' },
  { name: 'root reads a file mode 0000', category: 'access', layers: [[cache, file(at(F), PINNED[F] as string, { mode: 0 }), goodG]], runtimes: 'pinned' },
  { name: 'USER app, folder 0711: search without listing', category: 'access', layers: [good().map((i) => (i === cache ? dir(CACHE, { mode: 0o711 }) : i))], user: 'app', runtimes: 'pinned' },
  { name: 'USER app, hard link re-modes the pinned file 0600', category: 'access', layers: [[...good(), { type: 'hardlink', name: 'opt/alias', target: at(F), mode: 0o600 }]], user: 'app', runtimes: 'not-pinned' },
  { name: 'USER 1000, the encoder layer as this action writes it', category: 'access', layers: [[dir(CACHE, { mode: 0o555 }), file(at('.wh..wh..opq'), '', { mode: 0o555 }), file(at(F), PINNED[F] as string, { mode: 0o444 }), file(at(G), PINNED[G] as string, { mode: 0o444 })]], user: '1000', runtimes: 'pinned' },
];
