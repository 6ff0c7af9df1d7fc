#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  VERSION
} from "./chunks/chunk-SOVTOUKX.mjs";
import {
  actionsCache,
  defaultCacheRoot,
  readDockerConfig,
  repositoryUrl,
  runFacts,
  runPipeline,
  runnerToolCache,
  secretMask
} from "./chunks/chunk-J4LAMPOM.mjs";
import "./chunks/chunk-JL67VI6R.mjs";
import "./chunks/chunk-UUOAP4AD.mjs";
import "./chunks/chunk-FCWDLZQ3.mjs";
import "./chunks/chunk-QXO2ADUY.mjs";
import "./chunks/chunk-SC7NWMZY.mjs";
import "./chunks/chunk-4CAFWHQW.mjs";
import "./chunks/chunk-NR5WT3X2.mjs";
import "./chunks/chunk-TVM242SN.mjs";
import "./chunks/chunk-EOQMFXHM.mjs";
import "./chunks/chunk-GB2XVR7V.mjs";
import "./chunks/chunk-P64V3RPG.mjs";
import "./chunks/chunk-5NV5H2XR.mjs";
import {
  checkoutRoot,
  gitFactsDir,
  repositoryFacts
} from "./chunks/chunk-JAI6OR3G.mjs";
import "./chunks/chunk-2ZPDASUW.mjs";
import "./chunks/chunk-SH2FOLLV.mjs";
import "./chunks/chunk-YFCBWU4X.mjs";
import "./chunks/chunk-TORZOQGE.mjs";
import "./chunks/chunk-LMSPCY74.mjs";
import "./chunks/chunk-RUXLBO7T.mjs";
import "./chunks/chunk-7I65BH5E.mjs";
import "./chunks/chunk-JUBMCVBR.mjs";
import "./chunks/chunk-AMMJLJJB.mjs";
import {
  ActionError,
  ExitCode,
  InputError,
  exitCodeOf
} from "./chunks/chunk-SENFWAUD.mjs";
import "./chunks/chunk-JVZTSKKL.mjs";

// src/entries/cli.ts
import { dirname as dirname2 } from "node:path";
import { fileURLToPath } from "node:url";

// src/cli/run.ts
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

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
  "flavor",
  "tags",
  "annotations",
  "keep-created",
  "push",
  "load",
  "archive",
  "provenance",
  "source-date-epoch",
  "verify",
  "consumers",
  "push-by-digest",
  "merge-digests",
  "target",
  "build-contexts",
  "cache-from",
  "cache-to",
  "secrets",
  "secret-envs",
  "secret-files",
  "sbom",
  "no-cache",
  "pull",
  "network",
  "add-hosts",
  "engine",
  "cache-image",
  "gateway",
  "attest-key",
  "attest-key-password",
  "attestation"
];
var INPUT_DEFAULTS = {
  cache: "true",
  refresh: "false",
  build: "true",
  context: ".",
  "cache-path": "/tiktoken_cache",
  platforms: "linux/amd64,linux/arm64",
  "tag-prefix": "offline-",
  "keep-created": "false",
  push: "false",
  load: "false",
  verify: "true",
  "push-by-digest": "false",
  "no-cache": "false",
  pull: "false",
  engine: "buildx",
  gateway: "generic",
  attestation: "if-present"
};
function rawInputsFrom(values) {
  return (name) => values[name] ?? "";
}

// src/cli/args.ts
import { parseArgs } from "node:util";

// src/cli/commands.ts
var COMMANDS = ["prepare", "build", "verify", "merge"];
function isCommand(value) {
  return COMMANDS.includes(value);
}
var PROXY = ["http-proxy", "https-proxy", "no-proxy"];
var EXPECTATIONS = ["encoders", "extra-encoders", "cache-path"];
var COMMAND_DECIDES = ["build"];
var MERGE_ONLY = ["merge-digests"];
var VERIFY_ONLY = ["attestation"];
var PREPARE_INPUTS = ["gateway", "encoders", "extra-encoders", "mirror", "source", "cache-dir", "cache", "refresh", ...PROXY, "cache-image", "platforms", "cache-path", "verify"];
var COMMAND_INPUTS = {
  prepare: PREPARE_INPUTS,
  build: INPUT_NAMES.filter((name) => !COMMAND_DECIDES.includes(name) && !MERGE_ONLY.includes(name) && !VERIFY_ONLY.includes(name)),
  verify: ["images", "archive", "gateway", "consumers", ...EXPECTATIONS, ...PROXY, "attestation", "attest-key"],
  merge: ["merge-digests", "images", "version", "tag-prefix", "flavor", "tags", "annotations", "keep-created", "source-date-epoch", "builder", "verify", "gateway", ...EXPECTATIONS, ...PROXY]
};
var RENAMED = { version: "image-version", "no-cache": "no-layer-cache", cache: "encoder-cache" };
var DEPRECATED_FLAGS = {
  cache: { input: "cache", negated: false, use: "encoder-cache" },
  "no-cache": { input: "cache", negated: true, use: "no-encoder-cache" }
};
function flagOf(input) {
  return RENAMED[input] ?? input;
}
var ALIASES = {
  out: "cache-dir",
  image: "images",
  tag: "tags",
  "build-arg": "build-args",
  label: "labels",
  platform: "platforms",
  "merge-digest": "merge-digests"
};
var SUMMARIES = {
  prepare: "Download (or take from --source), verify against the pins and lay out a TIKTOKEN_CACHE_DIR folder.",
  build: "Prepare, then build the offline multi-arch image with docker buildx and verify it.",
  verify: "Verify an existing image in a registry, an OCI archive or the local engine as tiktoken and tiktoken-go read it (--consumers); without --encoders the set is what its manifest.json lists, each file checked against the pins.",
  merge: "Merge per-platform digests (--merge-digests) into one tagged multi-arch index, then verify it."
};
var NOTES = {
  build: [
    "Git facts (revision label, default --image-version, SOURCE_DATE_EPOCH) come from the repository",
    "holding --context (Dockerfile mode) or the current folder (overlay mode, --base-image).",
    "Without --push, --load or --archive the image is built and checked by buildx, then kept nowhere."
  ],
  verify: [
    "Images are read from their registry (docker login credentials apply), by tag or digest;",
    "only an image given as docker-daemon:name:tag is read from the local engine.",
    "Pass the --encoders the image was built with."
  ],
  merge: [
    "Git facts (default --image-version, the commit time a created annotation is pinned to)",
    "come from the repository of the current folder."
  ]
};
var CACHE_DIR = "Folder to lay out as TIKTOKEN_CACHE_DIR (files named by sha1 of the canonical URL, plus manifest.json); default $XDG_CACHE_HOME/oneapi-offline/tiktoken_cache outside GitHub Actions";
var DESCRIPTIONS = {
  prepare: { "cache-dir": CACHE_DIR },
  build: { "cache-dir": CACHE_DIR },
  verify: {
    images: "The image to verify: name:tag or name@sha256:\u2026 (read from its registry), or docker-daemon:name:tag (the local engine)",
    archive: "Verify this OCI archive (tar, as written by build --archive) instead of an image"
  }
};
function commandsTaking(input) {
  return COMMANDS.filter((command) => COMMAND_INPUTS[command].includes(input));
}

// src/cli/args.ts
var BOOLEAN_INPUTS = ["cache", "refresh", "build", "push", "load", "verify", "push-by-digest", "no-cache", "pull", "keep-created"];
var REPEATABLE_INPUTS = [
  "encoders",
  "extra-encoders",
  "platforms",
  "build-args",
  "labels",
  "images",
  "tags",
  "merge-digests",
  "annotations",
  "flavor",
  "build-contexts",
  "cache-from",
  "cache-to",
  "secrets",
  "secret-envs",
  "secret-files",
  "add-hosts"
];
function isBooleanInput(name) {
  return BOOLEAN_INPUTS.includes(name);
}
function isRepeatable(name) {
  return REPEATABLE_INPUTS.includes(name);
}
function flagsOf(command) {
  const flags = /* @__PURE__ */ new Map();
  const takes = (input) => COMMAND_INPUTS[command].includes(input);
  for (const input of COMMAND_INPUTS[command]) {
    flags.set(flagOf(input), { input, negated: false });
    if (isBooleanInput(input)) flags.set(`no-${flagOf(input)}`, { input, negated: true });
  }
  for (const [alias, input] of Object.entries(ALIASES)) if (takes(input)) flags.set(alias, { input, negated: false });
  for (const [old, flag] of Object.entries(DEPRECATED_FLAGS)) if (takes(flag.input) && !flags.has(old)) flags.set(old, flag);
  return flags;
}
function inputOfAnyFlag(flag) {
  for (const command of COMMANDS) {
    const found = flagsOf(command).get(flag);
    if (found) return found.input;
  }
  return void 0;
}
function options(flags) {
  const opts = { help: { type: "boolean", short: "h" } };
  for (const [flag, { input }] of flags) {
    opts[flag] = isBooleanInput(input) ? { type: "boolean" } : { type: "string", multiple: isRepeatable(input) };
  }
  return opts;
}
function foreignFlag(command, flag) {
  const name = flag.replace(/^-+/, "").replace(/=.*$/, "");
  if (name === "version" || name === "V") {
    return new InputError("command line", {
      what: `--version does not apply to "${command}": it prints this tool's version`,
      got: flag,
      expected: command === "build" || command === "merge" ? "--image-version for the image version" : "no --version after a command",
      fix: command === "build" || command === "merge" ? `write --image-version v1.2.3 (the version input; --version is the tool's own)` : "run `oneapi-offline --version` on its own"
    });
  }
  const input = inputOfAnyFlag(name) ?? inputOfAnyFlag(name.replace(/^no-/, ""));
  if (input) {
    const takers = commandsTaking(input);
    return new InputError("command line", {
      what: `--${name} does not apply to "${command}"`,
      got: flag,
      expected: `a flag of ${command}; --${name} belongs to ${takers.map((c) => `"${c}"`).join(", ") || "no command"}`,
      fix: input === "push" && command === "prepare" ? "prepare only lays out the folder: run `oneapi-offline build \u2026 --push` to publish an image" : `drop --${name}, or run \`oneapi-offline ${command} --help\` for the flags of ${command}`
    });
  }
  return new InputError("command line", {
    what: `unknown flag for "${command}"`,
    got: flag,
    expected: "a flag named like an action input, e.g. --encoders cl100k_base",
    fix: `run \`oneapi-offline ${command} --help\` for the flags of ${command}`
  });
}
function parseCommandArgs(command, argv) {
  const flags = flagsOf(command);
  for (const arg of argv) {
    if (arg === "--") break;
    if (!arg.startsWith("-") || arg === "-") continue;
    const name = arg.replace(/^-+/, "").replace(/=.*$/, "");
    if (name === "h" || name === "help") continue;
    if (!arg.startsWith("--") || !flags.has(name)) throw foreignFlag(command, arg);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: options(flags), allowPositionals: true, strict: true });
  } catch (error) {
    throw new InputError("command line", {
      what: `the command line of "${command}" is invalid`,
      got: error.message,
      expected: "flags named like the action inputs, e.g. --encoders cl100k_base --out ./tiktoken_cache",
      fix: `run \`oneapi-offline ${command} --help\` for the flags`
    }, { cause: error });
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: "help", command };
  if (positionals.length > 0) {
    throw new InputError("command line", { what: `unexpected arguments after "${command}"`, got: positionals.join(" "), expected: "only flags after the command", fix: "pass values with flags, e.g. --images ghcr.io/org/one-api" });
  }
  const inputs = {};
  const notices = [];
  const given = /* @__PURE__ */ new Map();
  for (const [flag, { input, negated, use }] of flags) {
    const value = values[flag];
    if (value === void 0) continue;
    if (use) notices.push(`--${flag} is the old name of --${use} and will be removed; write --${use} (buildx's --no-cache, the layer cache, is --no-layer-cache here)`);
    if (isBooleanInput(input)) {
      const text2 = negated ? "false" : "true";
      const other = given.get(input);
      if (other !== void 0 && other !== flag) {
        throw new InputError(input, { what: `both --${other} and --${flag} were given`, fix: "keep one of them" });
      }
      given.set(input, flag);
      inputs[input] = text2;
      continue;
    }
    const text = (Array.isArray(value) ? value : [value]).map(String).join("\n");
    inputs[input] = inputs[input] === void 0 || !isRepeatable(input) ? text : `${inputs[input]}
${text}`;
  }
  if (command === "prepare") inputs.build = "false";
  return { kind: "run", command, inputs, notices };
}
function parseCliArgs(argv) {
  const [first, ...rest] = argv;
  if (first === void 0) return { kind: "help" };
  if (isCommand(first)) return parseCommandArgs(first, rest);
  if (first.startsWith("-")) {
    if (argv.length === 1 && (first === "--version" || first === "-V")) return { kind: "version" };
    if (argv.length === 1 && (first === "--help" || first === "-h")) return { kind: "help" };
    const command = argv.find(isCommand);
    throw new InputError("command", {
      what: command ? "the command must come first" : "no command given",
      got: argv.join(" "),
      expected: `oneapi-offline <${COMMANDS.join("|")}> [flags], or oneapi-offline --help / --version`,
      fix: command ? `write \`oneapi-offline ${command} \u2026\` with the flags after it` : "run `oneapi-offline --help`"
    });
  }
  throw new InputError("command", { what: "unknown command", got: first, expected: COMMANDS.join(", "), fix: "run `oneapi-offline --help`" });
}

// src/cli/action-inputs.ts
var ACTION_INPUTS = JSON.parse(`{"gateway":{"description":"The gateway the image runs, whose way of reading the files the image and its verification follow: one-api, new-api, litellm, open-webui, dify-api, dify-plugin-daemon, generic (tiktoken and tiktoken-go, no gateway rule), or auto (overlay mode: chosen from base-image's labels, entrypoint, cmd and variables; nothing recognised is generic). It picks the default encoders and consumers, the variables the overlay sets (litellm: also CUSTOM_TIKTOKEN_CACHE_DIR) and the volumes cache-path must stay out of (see the table of gateways in the README)","default":"generic"},"encoders":{"description":"Encodings to bundle, comma- or newline-separated (r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base, o200k_harmony, gpt2), or \\"all\\"; default: what the gateway loads (generic: r50k_base,p50k_base,cl100k_base,o200k_base)"},"extra-encoders":{"description":"Extra files, one per line as \\"name url sha256\\"; cached under sha1(url) like the built-in ones"},"mirror":{"description":"Base URL to download from instead of https://openaipublic.blob.core.windows.net (the path under it is kept)"},"source":{"description":"Local folder or .tar/.tar.gz holding the encoder files (air-gapped sites); never touches the network"},"cache-dir":{"description":"Folder to lay out as TIKTOKEN_CACHE_DIR (files named by sha1 of the canonical URL, plus manifest.json); default $RUNNER_TEMP/tiktoken_cache"},"cache":{"description":"Keep verified files in the runner tool cache and the Actions cache across jobs and runs","default":"true"},"refresh":{"description":"Ignore every cache, download again and report drift (fails when upstream bytes no longer match the pins); for scheduled jobs","default":"false"},"http-proxy":{"description":"Proxy for http:// downloads and the build (default: the runner's HTTP_PROXY/http_proxy)"},"https-proxy":{"description":"Proxy for https:// downloads and the build (default: the runner's HTTPS_PROXY/https_proxy)"},"no-proxy":{"description":"Hosts that bypass the proxy (default: the runner's NO_PROXY/no_proxy)"},"build":{"description":"Build an image after preparing the encoder cache; \\"false\\" prepares only","default":"true"},"context":{"description":"Build context (Dockerfile mode); the verified cache is also passed as the named context \\"tiktoken\\"","default":"."},"file":{"description":"Path to the Dockerfile (Dockerfile mode; default {context}/Dockerfile)"},"base-image":{"description":"Overlay mode: make this published image offline by adding the cache folder, without rebuilding it (no RUN, no emulation); a registry name is lowercased as images are (tag and digest kept). Never worse than the base: what the base already serves offline is read first (every platform, every reader's folder); pinned files it serves that encoders lacks (e.g. gpt2 in Dify's /app/api/.tiktoken_cache) are carried into cache-path from the base's verified bytes and verified; a pinned file name there with other bytes stops the run before the build; other files there are named in a warning (keep them with extra-encoders)"},"cache-path":{"description":"Where the encoder files live inside the image; TIKTOKEN_CACHE_DIR and DATA_GYM_CACHE_DIR (and the gateway's own variable, e.g. LiteLLM's CUSTOM_TIKTOKEN_CACHE_DIR) point here. In overlay mode a folder of its own: whatever the base has there is hidden (/usr, /data and other folders images fill are refused); never under the gateway's data volume","default":"/tiktoken_cache"},"platforms":{"description":"Target platforms, comma- or newline-separated; \\"auto\\" (overlay mode) takes the base image's platforms. A platform the base image (or a FROM image of the Dockerfile) lacks stops the run before the build, naming the platforms it has","default":"linux/amd64,linux/arm64"},"builder":{"description":"Buildx builder instance to use"},"build-args":{"description":"Build arguments, one KEY=VALUE per line"},"labels":{"description":"Extra image labels, one KEY=VALUE per line (docker/metadata-action's labels output passes in as it is); they win over the OCI labels this action sets"},"annotations":{"description":"Annotations, one [type[,type][[platform]]:]key=value per line as buildx --annotation takes them (type: index, manifest, index-descriptor, manifest-descriptor; metadata-action's annotations output passes in as it is). A bare key=value goes on the manifests and, for a multi-platform image, on the index; refused with engine: registry, which does not write them"},"keep-created":{"description":"Keep an org.opencontainers.image.created label or annotation given in labels/annotations (docker/metadata-action's carry the job's clock time). By default it is replaced, with a notice, by the build's SOURCE_DATE_EPOCH time (the value of this action's own created label), so the digest does not change from run to run","default":"false"},"images":{"description":"Image names to tag (without tag), comma- or newline-separated, e.g. ghcr.io/org/one-api; lowercased, as metadata-action does. Leave empty when tags holds full references (metadata-action's tags output): the names then come from those"},"version":{"description":"Version the tags come from (default: the git tag of the run, else the short commit)"},"flavor":{"description":"How tags are made from version, in metadata-action's syntax, one per line: latest=auto|true|false (the moving tag: auto gives it to plain x.y.z releases), prefix=<text>[,onlatest=true] (as in metadata-action, the moving tag is latest, or <prefix>latest with onlatest=true; with no prefix= here the prefix is tag-prefix's offline-: v1.2.3 gives offline-v1.2.3, offline-v1.2, offline-v1 and the moving offline), suffix=<text>[,onlatest=true] (on the moving tag only with onlatest=true)"},"tag-prefix":{"description":"Deprecated: flavor prefix=<text> for the version tags, the moving tag being the prefix's own name (offline), where flavor's prefix gives latest as metadata-action does (a notice when set to anything but offline-); flavor's prefix wins over this default","default":"offline-"},"tags":{"description":"More tags, comma- or newline-separated: full references (name:tag; metadata-action's tags output passes in as it is) or bare tags put on every image"},"push":{"description":"Push the image to the registry","default":"false"},"load":{"description":"Load the image into the local Docker image store","default":"false"},"archive":{"description":"Write a multi-arch OCI archive (tar) to this path, for carrying the image into an air-gapped site"},"provenance":{"description":"Provenance attestation: \\"false\\", \\"mode=min\\" or \\"mode=max\\" (default: buildx's; build-args carrying proxy credentials are never recorded)"},"source-date-epoch":{"description":"SOURCE_DATE_EPOCH for reproducible digests (default: the commit time of HEAD)"},"verify":{"description":"Check every platform of the built image offline, as each of consumers reads it: the folder it opens, every encoder file there with its pinned sha256, and nothing else there","default":"true"},"consumers":{"description":"Readers that must work offline from the image, checked by verify: tiktoken (Python) and tiktoken-go (One API, new-api); each reads the folder its own rules pick from the image Env (TIKTOKEN_CACHE_DIR, DATA_GYM_CACHE_DIR, the temp dir), after the gateway's own rule; default: the gateway's readers (generic: tiktoken,tiktoken-go)"},"push-by-digest":{"description":"Push without tags and output the digest, for one-job-per-platform builds merged later with merge-digests","default":"false"},"merge-digests":{"description":"Merge mode: image digests (sha256:\u2026) pushed by per-platform jobs, merged into one tagged multi-arch index; no build runs (annotations then go on the index: bare or index: ones only, and only when the per-platform images use OCI media types; with Docker-typed per-platform images imagetools makes a Docker manifest list, which holds none: an input error before anything is pushed)"},"target":{"description":"Build stage to build (Dockerfile mode)"},"build-contexts":{"description":"More named build contexts, one name=path (or name=docker-image://ref) per line; the name tiktoken is taken by the verified cache"},"cache-from":{"description":"Layer cache sources for buildx, one per line (e.g. type=registry,ref=ghcr.io/org/one-api:buildcache or type=local,src=path)"},"cache-to":{"description":"Layer cache destinations for buildx, one per line (e.g. type=registry,ref=ghcr.io/org/one-api:buildcache,mode=max or type=local,dest=path)"},"secrets":{"description":"Build secrets, one id=value per line, for RUN --mount=type=secret,id=\u2026; masked, and passed to buildx through a private 0600 file, never in logs, the image or provenance"},"secret-envs":{"description":"Build secrets from environment variables of this step, id=ENVNAME, comma- or newline-separated"},"secret-files":{"description":"Build secrets from files, one id=path per line"},"sbom":{"description":"SBOM attestation: true, false or generator attributes (buildx --sbom)"},"no-cache":{"description":"Do not use the layer cache when building","default":"false"},"pull":{"description":"Always pull the images the build starts from","default":"false"},"network":{"description":"Network mode of RUN steps: default, none or host"},"add-hosts":{"description":"Custom host-to-IP mappings for RUN steps, host:ip, comma- or newline-separated (e.g. docker:10.180.0.1)"},"engine":{"description":"How overlay mode makes the image: \\"buildx\\" (docker buildx build) or \\"registry\\" (no Docker: appends the verified layer to every platform of base-image in the registry or an OCI layout/archive, verifies, then tags)","default":"buildx"},"attest-key":{"description":"The text of a cosign private key (cosign.key as \`cosign generate-key-pair\` writes it: ECDSA P-256, encrypted), from a secret. With it, the verified image gets a signed in-toto attestation of what it holds for its gateway (predicate type https://github.com/oneapi-offline-action/attestations/encoder-cache/v1), attached in cosign's layout before any tag, so \`cosign verify-attestation --key cosign.pub\` accepts it. Needs push: true and verify: true (either engine). Masked; never logged"},"attest-key-password":{"description":"The password of attest-key (COSIGN_PASSWORD when it was generated), from a secret. Masked; never logged"},"attestation":{"description":"verify (CLI): whether the image's encoder-cache attestation is checked: required (fail without one), if-present, or ignore. Checked with attest-key holding cosign.pub: the signature, that a subject is the image's digest, and that its platforms, files, paths, variables and verdicts equal what the verifier reads from the layers now (any difference exits 6 naming the field)","default":"if-present"},"cache-image":{"description":"Also push the verified cache folder as a one-layer image (name:tag), for COPY --from=, Kubernetes image volumes and init containers; no Docker needed"}}`);

// src/cli/help.ts
var WIDTH = 100;
function wrap(text, indent, width = WIDTH) {
  const lines = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && indent.length + line.length + 1 + word.length > width) {
      lines.push(`${indent}${line}`);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(`${indent}${line}`);
  return lines;
}
function flagLine(input) {
  const flag = flagOf(input);
  const aliases = Object.entries(ALIASES).filter(([, name]) => name === input).map(([alias]) => `--${alias}`);
  const spelled = isBooleanInput(input) ? `--${flag}, --no-${flag}` : `--${flag} <value>`;
  return `  ${[spelled, ...aliases].join(", ")}${isRepeatable(input) ? "  (repeatable)" : ""}`;
}
function commandHelp(command, docs) {
  const lines = [`Usage: oneapi-offline ${command} [flags]`, "", ...wrap(SUMMARIES[command], "  ")];
  for (const note of NOTES[command] ?? []) lines.push(`  ${note}`);
  lines.push("", "Flags:");
  for (const input of COMMAND_INPUTS[command]) {
    const own = DESCRIPTIONS[command]?.[input];
    const doc = { ...docs[input], ...own !== void 0 ? { description: own } : {} };
    lines.push(flagLine(input));
    const text = `${doc?.description ?? ""}${doc?.default !== void 0 ? ` (default: ${doc.default})` : ""}`;
    lines.push(...wrap(text, "      "));
  }
  lines.push("  -h, --help", "      This text.");
  return lines;
}
function helpText(version, docs, command) {
  const lines = [`oneapi-offline ${version}`, ""];
  if (command) {
    lines.push(...commandHelp(command, docs));
  } else {
    lines.push("Usage: oneapi-offline <command> [flags]", "", "Commands:");
    for (const name of COMMANDS) lines.push(...wrap(SUMMARIES[name], " ".repeat(11)).map((l, i) => i === 0 ? `  ${name.padEnd(9)}${l.trimStart()}` : l));
    lines.push(
      "",
      "Run `oneapi-offline <command> --help` for the flags of a command: the GitHub Action's inputs",
      "of the same names (the image version is --image-version). Switches take --name / --no-name;",
      "list flags may be repeated.",
      "",
      "  -h, --help       This text.",
      "  -V, --version    Print the version of this tool."
    );
  }
  lines.push(
    "",
    "Results go to stdout as JSON, the log to stderr. Outside GitHub Actions, caches live under",
    "$XDG_CACHE_HOME/oneapi-offline (default ~/.cache/oneapi-offline).",
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
    out["source"] = prepared.source;
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
  if (result.published) out["published"] = result.published.map((t) => ({ tag: t.ref, where: t.where, published: t.published, ...t.reason ? { reason: t.reason } : {} }));
  if (built) out["builder"] = { name: built.engine.builder ?? result.buildOptions?.builder ?? "default", driver: built.engine.driver };
  if (built?.platformDigests) out["platform-digests"] = built.platformDigests;
  if (result.cacheImage) out["cache-image"] = { ...result.cacheImage };
  if (result.gateway) out["gateway"] = { name: result.gateway.profile.name, by: result.gateway.by, why: result.gateway.why };
  if (result.attestation) out["attestation"] = { path: result.attestation.path, "subject-digest": result.attestation.subjectDigest, attached: result.attestation.attached };
  if (verification) {
    out["verified"] = verification.ok;
    out["platforms"] = Object.fromEntries(verification.platforms.map((p) => [p.platform, { digest: p.digest, ok: p.ok, ...p.verdict ? { verdict: p.verdict } : {} }]));
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
  const secrets = secretMask();
  const emit = (prefix, message) => {
    for (const line of secrets.mask(message).split("\n")) write(`${prefix}${line}`);
  };
  return {
    addSecret: (secret) => secrets.add(secret),
    mask: (text) => secrets.mask(text),
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

// src/cli/attest-key-file.ts
import { readFile } from "node:fs/promises";
async function withAttestKeyFile(inputs, env) {
  const path = inputs["attest-key"]?.trim();
  if (!path) return inputs;
  const text = await readFile(path, "utf8").catch((error) => {
    throw new InputError("attest-key", { what: `--attest-key ${path} cannot be read`, got: error.code ?? "unreadable", expected: "the path of cosign.key", fix: "pass the file `cosign generate-key-pair` wrote (cosign.key)" });
  });
  return { ...inputs, "attest-key": text, "attest-key-password": inputs["attest-key-password"] ?? env["COSIGN_PASSWORD"] ?? "" };
}

// src/cli/run.ts
function failureText(error) {
  if (error instanceof ActionError) return `error: ${error.message}`;
  return `unexpected error (please report it): ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
}
function contextGitFacts(command, inputs, env, log, toolDir) {
  const cwd = process.cwd();
  const dir = command === "merge" ? cwd : gitFactsDir({ baseImage: inputs["base-image"], context: inputs.context }, cwd, resolve);
  return async (needs) => {
    if (dir === void 0) return {};
    const root = checkoutRoot(dir);
    if (root !== void 0 && toolDir !== void 0 && root === checkoutRoot(toolDir) && root === dirname(toolDir)) {
      log.notice(
        `${dir} is in this tool's own checkout (${root}): its commit does not stamp the image (no revision label, default --image-version or SOURCE_DATE_EPOCH from it). Run the CLI from your project's folder (or pass --context), or set --image-version and --source-date-epoch.`
      );
      return {};
    }
    return repositoryFacts(dir, env, needs);
  };
}
async function runCli(argv, cliFacts = {}) {
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
    print(`${helpText(VERSION, ACTION_INPUTS, request.command)}
`);
    return ExitCode.ok;
  }
  if (request.kind === "version") {
    print(`${VERSION}
`);
    return ExitCode.ok;
  }
  for (const notice of request.notices) log.notice(notice);
  try {
    request = { ...request, inputs: await withAttestKeyFile(request.inputs, env) };
  } catch (error) {
    log.info(failureText(error));
    return exitCodeOf(error);
  }
  const root = defaultCacheRoot(env);
  env.RUNNER_TOOL_CACHE ||= join(root, "tool-cache");
  env.RUNNER_TEMP ||= join(root, "tmp");
  const workDir = await mkdtemp(join(tmpdir(), "oneapi-offline-"));
  try {
    const result = await runPipeline(
      // `verify` without --encoders reads the encoder set from the image's manifest.json.
      rawInputsFrom({ ...INPUT_DEFAULTS, ...request.command === "verify" ? { encoders: "" } : {}, ...request.inputs }),
      {
        runnerTemp: env.GITHUB_ACTIONS === "true" ? env.RUNNER_TEMP : void 0,
        defaultCacheRoot: root,
        workDir,
        cwd: process.cwd(),
        processEnv: env,
        git: contextGitFacts(request.command, request.inputs, env, log, cliFacts.toolDir),
        repositoryUrl: repositoryUrl(env),
        verifyOnly: request.command === "verify",
        dockerConfig: await readDockerConfig(env),
        run: runFacts(env)
      },
      {
        log,
        addSecret: (secret) => log.addSecret(secret),
        applyEnvironment: (vars) => Object.assign(process.env, vars),
        toolCache: runnerToolCache(log, env),
        actionsCache: actionsCache(log, env)
      }
    );
    const kept = result.buildOptions;
    if (result.built && kept && !kept.push && !kept.load && !kept.archive) {
      log.warning("the image was built and checked by buildx, then kept nowhere (no --push, --load or --archive): nothing was published, loaded or written");
    }
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
process.exitCode = await runCli(process.argv.slice(2), { toolDir: dirname2(fileURLToPath(import.meta.url)) });
