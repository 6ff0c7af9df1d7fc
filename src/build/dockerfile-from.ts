// The images a Dockerfile builds FROM, for checking their platforms before the build. Reads
// the instructions (line continuations, comments, case-insensitive keywords), substitutes
// global ARGs (defaults overridden by build-args) and skips what is not a registry image:
// earlier stage names, `scratch`, named build contexts (`tiktoken`, the user's), stages that run
// on the build platform (`--platform=$BUILDPLATFORM`) and references that still hold an
// unresolved `$`. Each skip is reported with its reason. Pure.

export interface FromImages {
  /** Registry images the target platforms must exist for, in order, no duplicates. */
  readonly images: readonly string[];
  readonly skipped: ReadonlyArray<{ readonly ref: string; readonly why: string }>;
}

/** Instructions as [keyword, rest], continuations joined, comments and blank lines dropped. */
function instructions(text: string): Array<[string, string]> {
  const lines = text.split(/\r?\n/);
  // A `# escape=` directive may change the continuation character.
  let escape = '\\';
  for (const line of lines) {
    const directive = /^#\s*escape\s*=\s*([\\`])\s*$/i.exec(line);
    if (directive?.[1]) escape = directive[1];
    else if (!/^#\s*\w+\s*=/.test(line)) break;
  }
  const out: Array<[string, string]> = [];
  let current = '';
  for (const line of lines) {
    if (/^\s*#/.test(line)) continue;
    const trimmed = line.replace(/\s+$/, '');
    if (trimmed.endsWith(escape)) {
      current += `${trimmed.slice(0, -1)} `;
      continue;
    }
    current += trimmed;
    const match = /^\s*(\w+)\s*(.*)$/.exec(current);
    if (match?.[1]) out.push([match[1].toUpperCase(), match[2] ?? '']);
    current = '';
  }
  return out;
}

function substitute(text: string, args: ReadonlyMap<string, string>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const value = args.get(name);
    if (value !== undefined) return value;
    // `${NAME:-default}` with the name unset gives the default.
    const dflt = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^}]*)\}$/.exec(whole);
    return dflt ? (dflt[1] ?? '') : whole;
  });
}

/**
 * The FROM images of a Dockerfile. `buildArgs` override global ARG defaults; `contexts` are
 * the named build contexts (a FROM naming one takes that context, not a registry image).
 */
export function dockerfileFromImages(text: string, buildArgs: ReadonlyArray<readonly [string, string]>, contexts: readonly string[]): FromImages {
  const given = new Map(buildArgs);
  const globals = new Map<string, string>();
  const stages = new Set<string>();
  const named = new Set(contexts.map((c) => c.toLowerCase()));
  const images: string[] = [];
  const skipped: Array<{ ref: string; why: string }> = [];
  let seenFrom = false;
  for (const [keyword, rest] of instructions(text)) {
    if (keyword === 'ARG' && !seenFrom) {
      for (const decl of rest.split(/\s+/).filter(Boolean)) {
        const eq = decl.indexOf('=');
        const name = eq < 0 ? decl : decl.slice(0, eq);
        const dflt = eq < 0 ? undefined : decl.slice(eq + 1).replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
        const value = given.get(name) ?? (dflt === undefined ? undefined : substitute(dflt, globals));
        if (value !== undefined) globals.set(name, value);
      }
      continue;
    }
    if (keyword !== 'FROM') continue;
    seenFrom = true;
    // This stage's own name counts from the next FROM on (`FROM node AS node` pulls node).
    const later: string[] = [];
    const words = rest.split(/\s+/).filter(Boolean);
    const flags = words.filter((w) => w.startsWith('--'));
    const [ref = '', as, stage] = words.filter((w) => !w.startsWith('--'));
    if (as?.toUpperCase() === 'AS' && stage) later.push(stage.toLowerCase());
    const platformFlag = flags.find((f) => f.startsWith('--platform='));
    const resolved = substitute(ref, globals);
    const lower = resolved.toLowerCase();
    if (platformFlag && /\$\{?BUILDPLATFORM\b/.test(platformFlag)) skipped.push({ ref, why: 'runs on the build platform (--platform=$BUILDPLATFORM)' });
    else if (resolved.includes('$')) skipped.push({ ref, why: 'depends on an ARG with no value' });
    else if (lower === 'scratch') skipped.push({ ref, why: 'scratch is empty, any platform' });
    else if (stages.has(lower)) skipped.push({ ref, why: 'an earlier build stage' });
    else if (named.has(lower)) skipped.push({ ref, why: 'a named build context' });
    else if (platformFlag && !/\$\{?TARGETPLATFORM\b/.test(platformFlag)) skipped.push({ ref, why: `pinned to ${platformFlag.slice('--platform='.length)}` });
    else if (!images.includes(resolved)) images.push(resolved);
    for (const name of later) stages.add(name);
  }
  return { images, skipped };
}
