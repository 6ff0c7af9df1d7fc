import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  cacheFileName
} from "./chunk-4CAFWHQW.mjs";
import {
  ENCODINGS,
  PINNED_FILES,
  canonicalUrl
} from "./chunk-7I65BH5E.mjs";

// src/encoders/selection.ts
function baseName(url) {
  const path = new URL(url).pathname;
  const last = path.slice(path.lastIndexOf("/") + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
function selectFiles(encodings, extras = []) {
  const users = /* @__PURE__ */ new Map();
  for (const encoding of encodings) {
    for (const id of ENCODINGS[encoding]) {
      const list = users.get(id) ?? [];
      if (!list.includes(encoding)) list.push(encoding);
      users.set(id, list);
    }
  }
  const pinned = Object.values(PINNED_FILES).filter((pin) => users.has(pin.id)).map((pin) => {
    const url = canonicalUrl(pin);
    return {
      id: pin.id,
      encodings: users.get(pin.id) ?? [],
      url,
      cacheFile: cacheFileName(url),
      sourceNames: [baseName(url)],
      sha256: pin.sha256,
      size: pin.size,
      extra: false
    };
  });
  const added = extras.map(
    (extra) => ({
      id: extra.name,
      encodings: [extra.name],
      url: extra.url,
      cacheFile: cacheFileName(extra.url),
      sourceNames: [.../* @__PURE__ */ new Set([extra.name, baseName(extra.url)])].filter((n) => n !== ""),
      sha256: extra.sha256.toLowerCase(),
      extra: true
    })
  );
  return [...pinned, ...added];
}

export {
  selectFiles
};
