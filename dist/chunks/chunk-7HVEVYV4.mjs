import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/download/failure.ts
var AttemptFailure = class extends Error {
  failure;
  constructor(failure, options) {
    super(summarize(failure), options);
    this.failure = failure;
    this.name = "AttemptFailure";
  }
};
var NOT_RETRIED_NETWORK = /* @__PURE__ */ new Set([
  "ENOTFOUND",
  "REDIRECT_DOWNGRADE",
  "REDIRECT_SCHEME",
  "REDIRECT_INVALID",
  "REDIRECT_LOOP",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID"
]);
var LOCAL_FILE_CODES = /* @__PURE__ */ new Set(["ENOSPC", "EACCES", "EROFS", "EISDIR", "EPERM", "EDQUOT", "ENOTDIR"]);
function isRetryable(failure) {
  switch (failure.kind) {
    case "status":
      return failure.status === 408 || failure.status === 429 || failure.status >= 500;
    case "network":
      return !NOT_RETRIED_NETWORK.has(failure.code) && !failure.code.startsWith("ERR_TLS") && !failure.code.startsWith("CERT_");
    case "idle":
    case "truncated":
      return true;
    case "deadline":
    case "too-large":
    case "file":
      return false;
  }
}
function summarize(failure) {
  switch (failure.kind) {
    case "status":
      return failure.from === "proxy" ? `the proxy answered HTTP ${failure.status} to CONNECT` : `HTTP ${failure.status}`;
    case "network":
      return `${failure.detail} (${failure.code})`;
    case "idle":
      return `no data for ${failure.ms} ms after ${failure.received} bytes`;
    case "deadline":
      return `not finished within the ${failure.ms} ms time limit`;
    case "too-large":
      return `${failure.announced ? "Content-Length" : "body"} of ${failure.got}${failure.announced ? "" : "+"} bytes, over the ${failure.pinned ? "pinned size" : "size cap"} of ${failure.limit} bytes`;
    case "truncated":
      return `body ended after ${failure.received} of ${failure.announced} bytes`;
    case "file":
      return `cannot write the file: ${failure.detail} (${failure.code})`;
  }
}
var TUNNEL_STATUS = /tunneling socket could not be established, statusCode=(\d+)/;
var TUNNEL_CAUSE = /tunneling socket could not be established, cause=(.*)/;
function codeOf(error) {
  const code = error?.code;
  return typeof code === "string" && code !== "" ? code : void 0;
}
function scrub(text) {
  return text.replace(/\/\/[^/@\s]*@/g, "//***@");
}
function failureOf(error) {
  if (error instanceof AttemptFailure) return error.failure;
  const message = scrub(error instanceof Error ? error.message : String(error));
  const tunnelStatus = TUNNEL_STATUS.exec(message);
  if (tunnelStatus) return { kind: "status", status: Number(tunnelStatus[1]), from: "proxy" };
  const tunnelCause = TUNNEL_CAUSE.exec(message);
  if (tunnelCause) {
    const detail = tunnelCause[1] ?? message;
    return { kind: "network", code: /\b(E[A-Z]+)\b/.exec(detail)?.[1] ?? "EPROXY", detail: `proxy connection failed: ${detail}` };
  }
  if (message.startsWith("Redirect from HTTPS to HTTP")) {
    return { kind: "network", code: "REDIRECT_DOWNGRADE", detail: "the server redirected from https to http" };
  }
  const code = codeOf(error);
  if (code !== void 0 && LOCAL_FILE_CODES.has(code)) return { kind: "file", code, detail: message };
  if (code === "ECONNRESET" || message === "aborted" || message === "socket hang up") {
    return { kind: "network", code: code ?? "ECONNRESET", detail: message === "aborted" ? "connection reset mid-body" : `connection reset: ${message}` };
  }
  return { kind: "network", code: code ?? "ENETWORK", detail: message };
}

export {
  AttemptFailure,
  isRetryable,
  summarize,
  failureOf
};
