import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  credentialsFromDockerConfig
} from "./chunk-V7EFCGJB.mjs";
import {
  parseImageReference,
  repositoryHttp
} from "./chunk-PUO7BHQP.mjs";
import {
  InputError
} from "./chunk-UI6KUO64.mjs";
import {
  init_define_ACTION_INPUTS
} from "./chunk-HPCM2IMK.mjs";

// src/build/reference.ts
init_define_ACTION_INPUTS();
var ALNUM = "[a-z0-9]+";
var SEPARATOR = "(?:[._]|__|[-]+)";
var PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
var DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
var DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
var PATH_RE = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
var DOMAIN_RE = new RegExp(`^${DOMAIN}$`);
var TAG_RE = /^[\w][\w.-]{0,127}$/;
var NAME_MAX = 255;
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
function parseImageName(input, item) {
  const expected = "a repository name such as ghcr.io/org/one-api (lowercase, no tag, no digest)";
  if (item.includes("@")) {
    throw new InputError(input, { got: JSON.stringify(item), expected, fix: "drop the @digest: tags come from version, tag-prefix and tags" });
  }
  const { name, tag } = splitTag(item);
  if (tag !== void 0 && TAG_RE.test(tag) && nameProblem(name) === void 0) {
    throw new InputError(input, { got: JSON.stringify(item), expected, fix: `drop ":${tag}" here and put the full tag in "tags" (or set "version")` });
  }
  const problem = nameProblem(item);
  if (problem) throw new InputError(input, { got: JSON.stringify(item), expected, fix: `${problem}; fix the name` });
  return item;
}
function parseFullTag(input, item) {
  const expected = "name:tag, e.g. ghcr.io/org/one-api:offline-stable, tag matching [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
  const { name, tag } = splitTag(item);
  if (item.includes("@") || tag === void 0) {
    throw new InputError(input, { got: JSON.stringify(item), expected, fix: "give each extra tag as name:tag" });
  }
  if (!TAG_RE.test(tag)) {
    throw new InputError(input, { got: JSON.stringify(item), expected, fix: `"${tag}" is not a valid tag: use letters, digits, "_", "." and "-", at most 128, not starting with "." or "-"` });
  }
  const problem = nameProblem(name);
  if (problem) throw new InputError(input, { got: JSON.stringify(item), expected, fix: `${problem}; fix the name` });
  return item;
}

// src/oci/repository.ts
init_define_ACTION_INPUTS();
function openRepository(name, access) {
  const ref = parseImageReference(name);
  const credentials = access.dockerConfig ? credentialsFromDockerConfig(access.dockerConfig, ref.registry) : void 0;
  return repositoryHttp({ apiHost: ref.apiHost, repository: ref.repository, ...credentials ? { credentials } : {} }, access.fetch ?? fetch);
}
function sameRegistry(a, b) {
  return a.endpoint.apiHost === b.endpoint.apiHost;
}

export {
  TAG_RE,
  splitTag,
  parseImageName,
  parseFullTag,
  openRepository,
  sameRegistry
};
