import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  redactUrl
} from "./chunk-AMMJLJJB.mjs";

// src/http/redirects.ts
var MAX_REDIRECTS = 5;
var REDIRECT_STATUSES = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
function isRedirect(status) {
  return REDIRECT_STATUSES.has(status);
}
function redirectTarget(from, location, hops) {
  const raw = Array.isArray(location) ? location[0] : location;
  if (raw === void 0 || raw.trim() === "") {
    return { failure: { kind: "network", code: "REDIRECT_INVALID", detail: "the server answered a redirect without a Location" } };
  }
  let next;
  try {
    next = new URL(raw.trim(), from);
  } catch {
    return { failure: { kind: "network", code: "REDIRECT_INVALID", detail: `the server redirected to ${JSON.stringify(redactUrl(raw)).slice(0, 200)}, which is not a URL` } };
  }
  if (next.protocol !== "http:" && next.protocol !== "https:") {
    return { failure: { kind: "network", code: "REDIRECT_SCHEME", detail: `the server redirected to a ${next.protocol} URL (${redactUrl(next.href)}); only http and https are followed` } };
  }
  if (new URL(from).protocol === "https:" && next.protocol === "http:") {
    return { failure: { kind: "network", code: "REDIRECT_DOWNGRADE", detail: "the server redirected from https to http" } };
  }
  if (hops >= MAX_REDIRECTS) {
    return { failure: { kind: "network", code: "REDIRECT_LOOP", detail: `more than ${MAX_REDIRECTS} redirects (the last to ${redactUrl(next.href)})` } };
  }
  next.username = "";
  next.password = "";
  next.hash = "";
  return { url: next.href };
}
function sameOrigin(url, origin) {
  return new URL(url).origin === new URL(origin).origin;
}

export {
  isRedirect,
  redirectTarget,
  sameOrigin
};
