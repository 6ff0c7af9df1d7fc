#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  actionsCache,
  defaultCacheRoot,
  readDockerConfig,
  repositoryUrl,
  runGitFacts,
  runPipeline,
  runnerToolCache
} from "./chunks/chunk-OUXWYQ3N.mjs";
import "./chunks/chunk-UZZM6D2E.mjs";
import "./chunks/chunk-XMJO4ZNN.mjs";
import "./chunks/chunk-7VLGP4TU.mjs";
import "./chunks/chunk-HMTH2MVS.mjs";
import "./chunks/chunk-TFUDK5DV.mjs";
import {
  ActionError,
  ExitCode,
  InputError,
  exitCodeOf
} from "./chunks/chunk-22DLFXIZ.mjs";
import "./chunks/chunk-JVZTSKKL.mjs";

// src/cli/run.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// src/inputs/names.ts
var INPUT_NAMES = [
  "encoders",
  "extra-encoders",
  "mirror",
  "source",
  "cache-dir",
  "cache",
  "refresh",
  "http-proxy",
  "https-proxy",
  "no-proxy",
  "build",
  "context",
  "file",
  "base-image",
  "cache-path",
  "platforms",
  "builder",
  "build-args",
  "labels",
  "images",
  "version",
  "tag-prefix",
  "tags",
  "push",
  "load",
  "archive",
  "provenance",
  "source-date-epoch",
  "verify",
  "push-by-digest",
  "merge-digests"
];
var INPUT_DEFAULTS = {
  encoders: "r50k_base,p50k_base,cl100k_base,o200k_base",
  cache: "true",
  refresh: "false",
  build: "true",
  context: ".",
  "cache-path": "/tiktoken_cache",
  platforms: "linux/amd64,linux/arm64",
  "tag-prefix": "offline-",
  push: "false",
  load: "false",
  verify: "true",
  "push-by-digest": "false"
};
function rawInputsFrom(values) {
  return (name) => values[name] ?? "";
}

// src/version.ts
var VERSION = "1.0.0";

// src/cli/args.ts
import { parseArgs } from "node:util";
var COMMANDS = ["prepare", "build", "verify", "merge"];
var BOOLEAN_INPUTS = ["cache", "refresh", "build", "push", "load", "verify", "push-by-digest"];
var REPEATABLE_INPUTS = ["encoders", "extra-encoders", "platforms", "build-args", "labels", "images", "tags", "merge-digests"];
var ALIASES = { out: "cache-dir", image: "images", tag: "tags", "build-arg": "build-args", label: "labels", platform: "platforms", "merge-digest": "merge-digests" };
function isBoolean(name) {
  return BOOLEAN_INPUTS.includes(name);
}
function isRepeatable(name) {
  return REPEATABLE_INPUTS.includes(name);
}
function options() {
  const opts = { help: { type: "boolean", short: "h" } };
  for (const name of INPUT_NAMES) {
    if (isBoolean(name)) {
      opts[name] = { type: "boolean" };
      opts[`no-${name}`] = { type: "boolean" };
    } else {
      opts[name] = { type: "string", multiple: isRepeatable(name) };
    }
  }
  for (const [alias, name] of Object.entries(ALIASES)) opts[alias] = { type: "string", multiple: isRepeatable(name) };
  return opts;
}
function parseCliArgs(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: options(), allowPositionals: true, strict: true });
  } catch (error) {
    throw new InputError("command line", {
      what: "the command line is invalid",
      got: error.message,
      expected: "flags named like the action inputs, e.g. --encoders cl100k_base --out ./tiktoken_cache",
      fix: "run `oneapi-offline --help` for the flags"
    }, { cause: error });
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (command !== void 0 && !COMMANDS.includes(command)) {
    throw new InputError("command", { what: "unknown command", got: command, expected: COMMANDS.join(", "), fix: "run `oneapi-offline --help`" });
  }
  if (values.help === true || command === void 0) return command === void 0 ? { kind: "help" } : { kind: "help", command };
  if (extra.length > 0) {
    throw new InputError("command", { what: "unexpected arguments", got: extra.join(" "), expected: "only flags after the command", fix: "pass values with flags, e.g. --images ghcr.io/org/one-api" });
  }
  const inputs = {};
  const set = (name, value) => {
    if (value === void 0) return;
    const text = Array.isArray(value) ? value.map(String).join("\n") : String(value);
    inputs[name] = inputs[name] === void 0 || !isRepeatable(name) ? text : `${inputs[name]}
${text}`;
  };
  for (const name of INPUT_NAMES) {
    if (isBoolean(name)) {
      if (values[name] === true && values[`no-${name}`] === true) {
        throw new InputError(name, { what: `both --${name} and --no-${name} were given`, fix: `keep one of them` });
      }
      if (values[name] === true) set(name, "true");
      if (values[`no-${name}`] === true) set(name, "false");
    } else {
      set(name, values[name]);
    }
  }
  for (const [alias, name] of Object.entries(ALIASES)) set(name, values[alias]);
  if (command === "prepare") {
    if (inputs["merge-digests"] !== void 0) {
      throw new InputError("merge-digests", { what: "`prepare` does not merge images", fix: "run `oneapi-offline merge --merge-digests \u2026` instead" });
    }
    inputs.build = "false";
  }
  return { kind: "run", command, inputs };
}

// src/cli/help.ts
var USAGE = {
  prepare: "Download (or take from --source), verify against the pins and lay out a TIKTOKEN_CACHE_DIR folder.",
  build: "Prepare, then build the offline multi-arch image with docker buildx and verify it.",
  verify: "Verify an existing image (--images name@digest or --archive oci.tar) against the pins; pass the --encoders it was built with.",
  merge: "Merge per-platform digests (--merge-digests) into one tagged multi-arch index."
};
function helpText(version, command) {
  const lines = [`oneapi-offline ${version}`, ""];
  if (command) {
    lines.push(`oneapi-offline ${command} [flags]`, "", `  ${USAGE[command]}`);
  } else {
    lines.push("Usage: oneapi-offline <command> [flags]", "", "Commands:");
    for (const [name, text] of Object.entries(USAGE)) lines.push(`  ${name.padEnd(8)} ${text}`);
  }
  lines.push(
    "",
    "Flags: every input of the GitHub Action is a flag of the same name (see README.md),",
    "e.g. --encoders cl100k_base,o200k_base --mirror https://mirror.example/openai.",
    "Switches take --name / --no-name; list flags may be repeated. Aliases: --out (cache-dir),",
    "--image, --tag, --platform, --build-arg, --label, --merge-digest.",
    "",
    `Inputs: ${INPUT_NAMES.join(", ")}`,
    "",
    "Outside GitHub Actions, caches live under $XDG_CACHE_HOME/oneapi-offline (default ~/.cache/oneapi-offline).",
    "Exit codes: 0 ok, 1 failure, 2 bad input, 3 hash mismatch, 4 download, 5 build, 6 verification."
  );
  return lines.join("\n");
}

// src/cli/result.ts
function cliResult(result) {
  const { prepared, built, merged, verification } = result;
  const out = {};
  if (prepared) {
    out["cache-dir"] = prepared.cacheDir;
    out["cache-hit"] = prepared.cacheHit;
    out["manifest"] = prepared.manifestPath;
    out["files"] = prepared.files.map((f) => ({ id: f.id, cacheFile: f.cacheFile, sha256: f.sha256, source: f.source }));
  }
  if (result.drift) out["drift"] = result.drift.length > 0;
  const digest = merged?.digest ?? built?.digest;
  if (digest) out["digest"] = digest;
  const tags = merged?.tags ?? built?.tags;
  if (tags && tags.length > 0) out["tags"] = tags;
  if (built?.archive) out["archive"] = built.archive;
  if (built?.digestRefs) out["digest-refs"] = built.digestRefs;
  if (verification) {
    out["verified"] = verification.ok;
    out["platforms"] = Object.fromEntries(verification.platforms.map((p) => [p.platform, { digest: p.digest, ok: p.ok }]));
  }
  return out;
}

// src/cli/stdout.ts
function unescape(message) {
  return message.replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%25/g, "%");
}
function routeWorkflowCommands(stdout, emit, debug) {
  const original = stdout.write.bind(stdout);
  const patched = ((chunk) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === "") continue;
      const match = /^::([a-z-]+)[^:]*::(.*)$/s.exec(line);
      if (!match) {
        emit(line);
        continue;
      }
      const [, command = "", message = ""] = match;
      if (command === "debug" && !debug || ["add-mask", "group", "endgroup", "set-output", "save-state"].includes(command)) continue;
      const prefix = ["debug", "notice", "warning", "error"].includes(command) ? `${command}: ` : "";
      emit(`${prefix}${unescape(message).trimEnd()}`);
    }
    return true;
  });
  stdout.write = patched;
  return (text) => void original(text);
}

// src/cli/logger.ts
function cliLogger(write, options2) {
  const secrets = /* @__PURE__ */ new Set();
  const mask = (text) => {
    let out = text;
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join("***");
    return out;
  };
  const emit = (prefix, message) => {
    for (const line of mask(message).split("\n")) write(`${prefix}${line}`);
  };
  return {
    addSecret: (secret) => {
      if (secret.length > 0) secrets.add(secret);
    },
    mask,
    info: (m) => emit("", m),
    notice: (m) => emit("notice: ", m),
    warning: (m) => emit("warning: ", m),
    debug: (m) => options2.debug ? emit("debug: ", m) : void 0,
    group: async (title, body) => {
      emit("== ", title);
      return body();
    }
  };
}

// src/cli/run.ts
function failureText(error) {
  if (error instanceof ActionError) return `error: ${error.message}`;
  return `unexpected error (please report it): ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
}
async function runCli(argv) {
  const env = process.env;
  const debug = Boolean(env.ONEAPI_OFFLINE_DEBUG || env.RUNNER_DEBUG);
  const log = cliLogger((line) => process.stderr.write(`${line}
`), { debug });
  const print = routeWorkflowCommands(process.stdout, (line) => log.info(line), debug);
  let request;
  try {
    request = parseCliArgs(argv);
    if (request.kind === "run" && request.command === "merge" && !request.inputs["merge-digests"]) {
      throw new InputError("merge-digests", { what: "merge needs the per-platform digests", fix: "pass --merge-digest sha256:\u2026 once per platform job" });
    }
  } catch (error) {
    log.info(failureText(error));
    return exitCodeOf(error);
  }
  if (request.kind === "help") {
    print(`${helpText(VERSION, request.command)}
`);
    return ExitCode.ok;
  }
  const root = defaultCacheRoot(env);
  env.RUNNER_TOOL_CACHE ||= join(root, "tool-cache");
  env.RUNNER_TEMP ||= join(root, "tmp");
  const workDir = await mkdtemp(join(tmpdir(), "oneapi-offline-"));
  try {
    const result = await runPipeline(
      rawInputsFrom({ ...INPUT_DEFAULTS, ...request.inputs }),
      {
        runnerTemp: env.GITHUB_ACTIONS === "true" ? env.RUNNER_TEMP : void 0,
        defaultCacheRoot: root,
        workDir,
        processEnv: env,
        git: () => runGitFacts(env.GITHUB_WORKSPACE ?? process.cwd(), env),
        repositoryUrl: repositoryUrl(env),
        verifyOnly: request.command === "verify",
        dockerConfig: await readDockerConfig(env)
      },
      {
        log,
        addSecret: (secret) => log.addSecret(secret),
        applyEnvironment: (vars) => Object.assign(process.env, vars),
        toolCache: runnerToolCache(log, env),
        actionsCache: actionsCache(log, env)
      }
    );
    print(`${log.mask(JSON.stringify(cliResult(result), null, 2))}
`);
    if (result.error !== void 0) {
      log.info(failureText(result.error));
      return exitCodeOf(result.error);
    }
    return ExitCode.ok;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

// src/entries/cli.ts
process.exitCode = await runCli(process.argv.slice(2));
