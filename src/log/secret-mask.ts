// The list of values no line may show, and the replacement of each by `***` — what the Actions
// runner does with `::add-mask::`, done by us too: the CLI has no runner, and in Actions the
// job summary, outputs and any line written before a runner sees the mask stay clean as well.
export interface SecretMask {
  add(secret: string): void;
  mask(text: string): string;
}

export function secretMask(): SecretMask {
  const secrets = new Set<string>();
  let ordered: string[] = [];
  return {
    add: (secret) => {
      if (secret.length === 0 || secrets.has(secret)) return;
      secrets.add(secret);
      // Longest first, so a secret that contains another is hidden whole.
      ordered = [...secrets].sort((a, b) => b.length - a.length);
    },
    mask: (text) => {
      let out = text;
      for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join('***');
      return out;
    },
  };
}
