import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/proxy/redact.ts
function redactUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return value.replace(/\/\/[^/@\s]*@/g, "//***@");
  }
  if (url.username === "" && url.password === "") return value;
  url.username = "***";
  url.password = "";
  return url.toString();
}
function urlSecrets(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return [];
  }
  const found = /* @__PURE__ */ new Set();
  for (const part of [url.password, url.username ? `${url.username}:${url.password}` : ""]) {
    if (part === "" || part === ":") continue;
    found.add(part);
    try {
      found.add(decodeURIComponent(part));
    } catch {
    }
  }
  return [...found];
}

export {
  redactUrl,
  urlSecrets
};
