import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  isDigest
} from "./chunk-LMSPCY74.mjs";

// src/oci/reference.ts
var ALNUM = "[a-z0-9]+";
var SEPARATOR = "(?:[._]|__|[-]+)";
var PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
var DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
var PATH_RE = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
var DOMAIN_RE = new RegExp(`^${DOMAIN}$`);
var TAG_RE = /^[\w][\w.-]{0,127}$/;
var NAME_MAX = 255;
var DOCKER_HUB = "docker.io";
var DOCKER_HUB_ALIASES = ["docker.io", "index.docker.io", "registry-1.docker.io"];
function splitDomain(name) {
  const slash = name.indexOf("/");
  if (slash < 0) return { path: name };
  const first = name.slice(0, slash);
  if (first.includes(".") || first.includes(":") || first === "localhost" || first !== first.toLowerCase()) {
    return { domain: first, path: name.slice(slash + 1) };
  }
  return { path: name };
}
function nameProblem(name) {
  if (name === "") return "the name is empty";
  if (name.length > NAME_MAX) return `the name is longer than ${NAME_MAX} characters`;
  const { domain, path } = splitDomain(name);
  if (domain !== void 0 && !/[.:]/.test(domain) && domain !== "localhost") return "repository names must be lowercase";
  if (domain !== void 0 && !DOMAIN_RE.test(domain)) return `"${domain}" is not a registry host[:port]`;
  if (path !== path.toLowerCase()) return "repository names must be lowercase";
  if (!PATH_RE.test(path)) return 'each path component must be lowercase letters and digits, separated by ".", "_", "__" or "-"';
  return void 0;
}
function splitTag(ref) {
  const colon = ref.lastIndexOf(":");
  if (colon > ref.lastIndexOf("/")) return { name: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { name: ref };
}
function lowercaseName(ref) {
  const at = ref.indexOf("@");
  const named = at === -1 ? ref : ref.slice(0, at);
  const { name, tag } = splitTag(named);
  return `${name.toLowerCase()}${tag === void 0 ? "" : `:${tag}`}${at === -1 ? "" : ref.slice(at)}`;
}
function parseImageReference(reference) {
  let rest = reference.trim();
  let digest;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isDigest(digest)) throw new Error(`"${digest}" is not a sha256 digest (sha256:<64 hex>)`);
  }
  const split = splitTag(rest);
  const tag = split.tag;
  if (tag !== void 0 && !TAG_RE.test(tag)) throw new Error(`"${tag}" is not a valid tag`);
  const problem = nameProblem(split.name);
  if (problem) throw new Error(`"${split.name}" is not a valid repository name: ${problem}`);
  const { domain, path } = splitDomain(split.name);
  const registry = domain === void 0 || DOCKER_HUB_ALIASES.includes(domain) ? DOCKER_HUB : domain;
  const repository = registry === DOCKER_HUB && !path.includes("/") ? `library/${path}` : path;
  return {
    registry,
    apiHost: registry === DOCKER_HUB ? "registry-1.docker.io" : registry,
    repository,
    ...tag === void 0 && digest === void 0 ? { tag: "latest" } : {},
    ...tag !== void 0 ? { tag } : {},
    ...digest !== void 0 ? { digest } : {}
  };
}
function isLoopbackHost(hostname) {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
function registryScheme(apiHost, insecure) {
  return isLoopbackHost(apiHost.replace(/:\d+$/, "")) || insecure ? "http" : "https";
}
function manifestReference(ref) {
  return ref.digest ?? ref.tag ?? "latest";
}
function pinnedDigest(reference) {
  const digest = reference.slice(reference.lastIndexOf("@") + 1);
  return reference.includes("@") && isDigest(digest) ? digest : void 0;
}

export {
  TAG_RE,
  nameProblem,
  splitTag,
  lowercaseName,
  parseImageReference,
  isLoopbackHost,
  registryScheme,
  manifestReference,
  pinnedDigest
};
