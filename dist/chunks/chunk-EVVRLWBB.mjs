import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  redactUrl,
  textSecrets,
  urlSecrets
} from "./chunk-AMMJLJJB.mjs";

// src/build/proxy-args.ts
var SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
var PROXY_NAMES = ["HTTP_PROXY", "HTTPS_PROXY", "FTP_PROXY", "NO_PROXY", "ALL_PROXY"];
var PROXY_ARG_NAMES = PROXY_NAMES.flatMap((name) => [name, name.toLowerCase()]);
function isProxyArg(key) {
  return PROXY_NAMES.includes(key.toUpperCase());
}
function proxyBuildArgs(proxy) {
  const args = [];
  if (proxy.http) args.push(["HTTP_PROXY", proxy.http], ["http_proxy", proxy.http]);
  if (proxy.https) args.push(["HTTPS_PROXY", proxy.https], ["https_proxy", proxy.https]);
  if (proxy.noProxy) args.push(["NO_PROXY", proxy.noProxy], ["no_proxy", proxy.noProxy]);
  return args;
}
function proxySecrets(proxy) {
  const urls = [proxy.http, proxy.https, proxy.ftp, proxy.all].filter((url) => !!url);
  return [.../* @__PURE__ */ new Set([...urls.flatMap(urlSecrets), ...(proxy.others ?? []).flatMap(textSecrets)])];
}
var PROVENANCE_VALUES = ["", "true", "false", "mode=min", "mode=max"];
function chooseProvenance(requested, proxy) {
  const flag = requested === "" ? void 0 : requested === "true" ? "mode=min" : requested;
  if (flag === "mode=max" && proxySecrets(proxy).length > 0) {
    const shown = [proxy.http, proxy.https, proxy.ftp, proxy.all].filter((u) => !!u && urlSecrets(u).length > 0).map(redactUrl).concat((proxy.others ?? []).length > 0 ? ["a build-arg holding a URL with credentials"] : []).join(", ");
    return {
      flag: "mode=min",
      notice: `provenance mode=max would record the proxy build-args with their credentials (${shown}); using mode=min, which records no build-args. Use a proxy without credentials in the URL (and build-args without them) to keep mode=max.`
    };
  }
  return flag === void 0 ? {} : { flag };
}
function proxyOfBuildArgs(args) {
  const pick = (upper) => {
    const values = args.filter(([key]) => key.toUpperCase() === upper).map(([, value]) => value);
    return values.find((value) => urlSecrets(value).length > 0) ?? values[0];
  };
  const http = pick("HTTP_PROXY");
  const https = pick("HTTPS_PROXY");
  const ftp = pick("FTP_PROXY");
  const all = pick("ALL_PROXY");
  const noProxy = pick("NO_PROXY");
  const picked = /* @__PURE__ */ new Set([http, https, ftp, all]);
  const others = [];
  for (const [key, value] of args) {
    if (isProxyArg(key) && key.toUpperCase() !== "NO_PROXY") {
      if (!picked.has(value) && urlSecrets(value).length > 0) others.push(SCHEME.test(value.trim()) ? value : `http://${value.trim()}`);
    } else if (textSecrets(value).length > 0) {
      others.push(value);
    }
  }
  return {
    ...http ? { http } : {},
    ...https ? { https } : {},
    ...ftp ? { ftp } : {},
    ...all ? { all } : {},
    ...noProxy ? { noProxy } : {},
    ...others.length > 0 ? { others } : {}
  };
}
function redactBuildArg(arg) {
  const eq = arg.indexOf("=");
  if (eq < 0) return arg;
  const key = arg.slice(0, eq);
  const value = arg.slice(eq + 1);
  if (key === "SOURCE_DATE_EPOCH") return arg;
  if (isProxyArg(key)) return `${key}=${key.toUpperCase() === "NO_PROXY" ? value : redactUrl(value)}`;
  return `${key}=***`;
}
function redactArgv(argv) {
  return argv.map((arg, i) => argv[i - 1] === "--build-arg" ? redactBuildArg(arg) : arg);
}

export {
  proxyBuildArgs,
  proxySecrets,
  PROVENANCE_VALUES,
  chooseProvenance,
  proxyOfBuildArgs,
  redactArgv
};
