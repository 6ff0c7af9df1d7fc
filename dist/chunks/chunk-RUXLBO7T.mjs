import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  CANONICAL_ORIGIN
} from "./chunk-7I65BH5E.mjs";
import {
  redactUrl
} from "./chunk-AMMJLJJB.mjs";
import {
  InputError
} from "./chunk-SENFWAUD.mjs";

// src/prepare/mirror.ts
function bad(raw, why) {
  return new InputError("mirror", {
    got: `${JSON.stringify(redactUrl(raw.trim()))} (${why})`,
    expected: "an http:// or https:// base URL without ?query or #fragment, e.g. https://mirror.example/openai",
    fix: `set mirror to the URL the upstream paths live under, or leave it empty for ${CANONICAL_ORIGIN}`
  });
}
function parseMirror(raw) {
  const value = raw.trim();
  if (value === "") return CANONICAL_ORIGIN;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw bad(value, "not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw bad(value, `scheme ${url.protocol} is not http or https`);
  if (url.search !== "" || url.hash !== "") throw bad(value, "has a query or fragment");
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url.toString().replace(/\/+$/, "");
}
function downloadUrl(mirror, url) {
  return url.startsWith(`${CANONICAL_ORIGIN}/`) ? `${mirror}${url.slice(CANONICAL_ORIGIN.length)}` : url;
}

export {
  parseMirror,
  downloadUrl
};
