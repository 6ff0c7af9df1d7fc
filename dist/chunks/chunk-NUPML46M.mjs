import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/oci/docker-credentials.ts
import { spawn } from "node:child_process";
var CredentialHelperError = class extends Error {
};
function keysFor(registry) {
  if (registry === "docker.io" || registry === "registry-1.docker.io" || registry === "index.docker.io") {
    return ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"];
  }
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}
function credentialsFromDockerConfig(configText, registry) {
  let config;
  try {
    config = JSON.parse(configText);
  } catch {
    return void 0;
  }
  for (const key of keysFor(registry)) {
    const entry = config.auths?.[key];
    if (!entry) continue;
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
  }
  return void 0;
}
var HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
var HELPER_TIMEOUT_MS = 3e4;
function spawnHelper(env) {
  return (helper, serverUrl) => new Promise((resolve, reject) => {
    const program = `docker-credential-${helper}`;
    const child = spawn(program, ["get"], { stdio: ["pipe", "pipe", "pipe"], timeout: HELPER_TIMEOUT_MS, ...env ? { env } : {} });
    const out = [];
    const err = [];
    child.stdout.on("data", (chunk) => out.push(chunk));
    child.stderr.on("data", (chunk) => err.push(chunk));
    child.on("error", (error) => reject(new CredentialHelperError(`cannot run ${program} (${error.code ?? error.message}): is it installed and on PATH?`)));
    child.on("close", (code) => {
      const stdout = Buffer.concat(out).toString("utf8");
      if (code !== 0 && /credentials not found/i.test(stdout + Buffer.concat(err).toString("utf8"))) return resolve(void 0);
      if (code !== 0) return reject(new CredentialHelperError(`${program} get exited ${code ?? "on a signal"}`));
      resolve(stdout);
    });
    child.stdin.end(serverUrl);
  });
}
function serverUrlFor(registry) {
  return registry === "docker.io" || registry === "index.docker.io" || registry === "registry-1.docker.io" ? "https://index.docker.io/v1/" : registry;
}
function helperFor(config, registry) {
  const helpers = config.credHelpers ?? {};
  for (const key of [registry, `https://${registry}`, `http://${registry}`, serverUrlFor(registry)]) {
    const name = helpers[key];
    if (typeof name === "string" && name !== "") return name;
  }
  return typeof config.credsStore === "string" && config.credsStore !== "" ? config.credsStore : void 0;
}
async function resolveCredentials(configText, registry, run = spawnHelper()) {
  if (!configText) return void 0;
  let config;
  try {
    config = JSON.parse(configText);
  } catch {
    return void 0;
  }
  const helper = helperFor(config, registry);
  if (helper !== void 0) {
    if (!HELPER_NAME.test(helper)) throw new CredentialHelperError(`the Docker config names the credential helper "${helper}", which is not a program name`);
    const stdout = await run(helper, serverUrlFor(registry));
    if (stdout !== void 0) {
      let parsed;
      try {
        parsed = JSON.parse(stdout);
      } catch {
        throw new CredentialHelperError(`docker-credential-${helper} get printed something that is not JSON`);
      }
      if (typeof parsed.Username === "string" && typeof parsed.Secret === "string" && parsed.Secret !== "") {
        return { username: parsed.Username, password: parsed.Secret };
      }
      throw new CredentialHelperError(`docker-credential-${helper} get answered without Username and Secret`);
    }
  }
  return credentialsFromDockerConfig(configText, registry);
}
var lookups = /* @__PURE__ */ new Map();
function dockerCredentials(configText, run) {
  if (!configText) return async () => void 0;
  const known = run === void 0 ? lookups.get(configText) : void 0;
  if (known) return known;
  const answers = /* @__PURE__ */ new Map();
  const lookup = (registry) => {
    let answer = answers.get(registry);
    if (!answer) {
      answer = resolveCredentials(configText, registry, run);
      answers.set(registry, answer);
    }
    return answer;
  };
  if (run === void 0) lookups.set(configText, lookup);
  return lookup;
}

export {
  CredentialHelperError,
  credentialsFromDockerConfig,
  spawnHelper,
  resolveCredentials,
  dockerCredentials
};
