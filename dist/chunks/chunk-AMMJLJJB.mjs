import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/proxy/redact.ts
var SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
function userInfoOf(value) {
  const text = value.trim();
  const scheme = SCHEME.exec(text);
  const rest = scheme ? text.slice(scheme[0].length) : text;
  const authority = rest.split(/[/?#\s]/, 1)[0] ?? "";
  const at = authority.lastIndexOf("@");
  if (at <= 0) return void 0;
  const raw = authority.slice(0, at);
  const colon = raw.indexOf(":");
  return colon < 0 ? { raw, user: raw } : { raw, user: raw.slice(0, colon), password: raw.slice(colon + 1) };
}
function decoded(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
function redactUrl(value) {
  if (!SCHEME.test(value.trim())) {
    return userInfoOf(value) ? value.replace(/^(\s*)[^/?#\s]*@/, "$1***@") : value;
  }
  let url;
  try {
    url = new URL(value);
  } catch {
    return value.replace(/\/\/[^/?#\s]*@/g, "//***@");
  }
  if (url.username === "" && url.password === "") return value;
  url.username = "***";
  url.password = "";
  return url.toString();
}
function stripCredentials(value) {
  if (!userInfoOf(value)) return value;
  if (SCHEME.test(value.trim())) {
    try {
      const url = new URL(value);
      url.username = "";
      url.password = "";
      return url.toString();
    } catch {
    }
  }
  return value.replace(/^(\s*(?:[a-z][a-z0-9+.-]*:\/\/)?)[^/?#\s]*@/i, "$1");
}
function urlSecrets(value) {
  const info = userInfoOf(value);
  if (!info) return [];
  const forms = [];
  if (info.password !== void 0 && info.password !== "") {
    forms.push(info.password, info.raw);
  } else if (info.user !== "") {
    forms.push(info.user);
  }
  if (SCHEME.test(value.trim())) {
    try {
      const url = new URL(value);
      if (url.password) forms.push(url.password, `${url.username}:${url.password}`);
      else if (url.username) forms.push(url.username);
    } catch {
    }
  }
  const found = /* @__PURE__ */ new Set();
  for (const form of forms) {
    for (const variant of [form, decoded(form)]) if (variant !== "" && variant !== ":") found.add(variant);
  }
  return [...found];
}
function textSecrets(text) {
  const found = /* @__PURE__ */ new Set();
  for (const match of text.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+@/gi)) {
    for (const secret of urlSecrets(match[0])) found.add(secret);
  }
  return [...found];
}

export {
  redactUrl,
  stripCredentials,
  urlSecrets,
  textSecrets
};
