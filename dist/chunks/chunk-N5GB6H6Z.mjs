import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  registrySource
} from "./chunk-PORR73YQ.mjs";
import {
  httpTransport
} from "./chunk-Q4HTTC5K.mjs";
import {
  layoutSource
} from "./chunk-RPBY7RYD.mjs";
import {
  DEFAULT_READ_LIMITS
} from "./chunk-BJ7SNYSJ.mjs";
import {
  RegistryFailure
} from "./chunk-RUAZ4UUQ.mjs";
import {
  isAttestation,
  layerCompression,
  parseManifest
} from "./chunk-37GEL7R4.mjs";
import {
  tarEntries
} from "./chunk-RQOY37YH.mjs";
import {
  TarType
} from "./chunk-CZKUM3XS.mjs";
import {
  pinnedDigest
} from "./chunk-2PSOF6JL.mjs";
import {
  configPlatform,
  platformName,
  samePlatform
} from "./chunk-DOLB5LDS.mjs";
import {
  selectFiles
} from "./chunk-QXO2ADUY.mjs";
import {
  MANIFEST_FILE,
  listedCacheFiles
} from "./chunk-SC7NWMZY.mjs";
import {
  PROFILES
} from "./chunk-NR5WT3X2.mjs";
import {
  CACHE_VARIABLES,
  CONSUMERS,
  candidateDirs,
  consumerDir,
  imageRuntime
} from "./chunk-TVM242SN.mjs";
import {
  OPAQUE_MARKER,
  WHITEOUT_META_PREFIX,
  WHITEOUT_PREFIX,
  baseOf,
  cleanComponents,
  goClean,
  isWithin,
  joinPath,
  normalizeLayerPath,
  parentOf
} from "./chunk-EOQMFXHM.mjs";
import {
  StreamHash,
  digestHex,
  sha256Digest
} from "./chunk-LMSPCY74.mjs";
import {
  ENCODING_NAMES
} from "./chunk-7I65BH5E.mjs";
import {
  VerifyError
} from "./chunk-SENFWAUD.mjs";

// src/image/verify-image.ts
import { tmpdir } from "node:os";

// src/gateways/reader-rule.ts
var LITELLM_VARIABLE = "CUSTOM_TIKTOKEN_CACHE_DIR";
function gatewayReaderDir(profile, consumer, runtime, cachePath, isDirectory) {
  if (profile?.rule !== "litellm-custom-cache-dir" || consumer !== "tiktoken") return { dir: consumerDir(consumer, runtime, isDirectory) };
  const custom = runtime.env.get(LITELLM_VARIABLE);
  if (!custom) {
    const state = custom === void 0 ? "not set" : "empty (releases before the empty check use it as it is: no cache at all)";
    return {
      dir: { kind: "none", why: `${LITELLM_VARIABLE} is ${state}, so LiteLLM overwrites TIKTOKEN_CACHE_DIR with the tokenizers folder inside its package (litellm/litellm_core_utils/tokenizers), not a folder this image serves` },
      fix: `add \`ENV ${LITELLM_VARIABLE}=${cachePath}\` (gateway: litellm sets it in the overlay)`
    };
  }
  const env = new Map(runtime.env);
  env.set("TIKTOKEN_CACHE_DIR", custom);
  const dir = consumerDir(consumer, { ...runtime, env }, isDirectory);
  return {
    dir: dir.kind === "dir" ? { ...dir, why: `LiteLLM sets TIKTOKEN_CACHE_DIR from ${LITELLM_VARIABLE}=${custom}` } : dir,
    fix: `${LITELLM_VARIABLE}=${custom} decides where LiteLLM reads: change it to \`ENV ${LITELLM_VARIABLE}=${cachePath}\``
  };
}

// src/image/report.ts
var FileStatus = { ok: "ok", missing: "missing", wrongBytes: "wrong-bytes" };

// src/gateways/verdict.ts
function within(path, folder) {
  const clean = path.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
  return clean === folder || clean.startsWith(`${folder}/`);
}
function served(report, encodings) {
  const ok = new Set(report.files.filter((f) => f.status === FileStatus.ok).map((f) => f.cacheFile));
  return encodings.filter((e) => selectFiles([e]).every((f) => ok.has(f.cacheFile)));
}
function expectedEncodings(report, expectations) {
  const byFile = new Map([...expectations.known ?? [], ...expectations.files].map((f) => [f.cacheFile, f.encodings ?? []]));
  const files = expectations.fromImage ? report.files.map((f) => f.cacheFile) : expectations.files.map((f) => f.cacheFile);
  const names = new Set(files.flatMap((file) => byFile.get(file) ?? []));
  return ENCODING_NAMES.filter((e) => names.has(e));
}
function gatewayFindings(profile, report, expectations) {
  const findings = [...report.findings];
  const volume = report.directory === void 0 ? void 0 : profile.volumes.find((v) => within(report.directory ?? "", v.path));
  if (volume) {
    findings.push({
      problem: `${report.consumer} reads ${report.directory}, under ${volume.path}, ${volume.what}: a volume mounted there hides what the image holds`,
      fix: `point ${profile.title} at a folder outside ${volume.path} (the overlay's cache-path, e.g. /tiktoken_cache)`
    });
  }
  const lacking = profile.loads.filter((e) => !served(report, [e]).includes(e));
  if (lacking.length > 0 && report.findings.length === 0) {
    const have = served(report, expectedEncodings(report, expectations));
    findings.push({
      problem: `${profile.title} loads ${lacking.join(", ")}, which ${report.directory ?? "the folder it reads"} does not serve (it serves ${have.join(", ") || "none"}): it would go to the network for them`,
      fix: `build with encoders holding ${profile.loads.join(", ")} (leave encoders out with gateway: ${profile.name})`
    });
  }
  return findings.length === report.findings.length ? report : { ...report, ok: false, findings };
}
function readerPhrase(readers) {
  return readers.length === 1 ? `${readers[0]} looks` : `${readers.join(" and ")} look`;
}
function verdictOf(profile, report, expectations) {
  const readers = report.consumers.filter((c) => c.required);
  const on = `on ${report.platform}`;
  const lead = profile.name === "generic" ? `generic (${readers.map((c) => c.consumer).join(", ")})` : profile.name;
  if (!report.ok) {
    const failing = readers.find((c) => !c.ok);
    const why = report.problems[0] ?? failing?.findings[0]?.problem ?? "the files are not where its readers look";
    return `${lead} would not start offline ${on}: ${why}`;
  }
  const [first] = readers;
  const encodings = first ? served(first, expectedEncodings(first, expectations)) : [];
  const dirs = [...new Set(readers.map((c) => c.directory ?? "?"))].join(", ");
  const note = profile.note ? `; ${profile.note}` : "";
  return `${lead} starts offline ${on}: ${encodings.join(", ") || "its files"} where ${readerPhrase(readers.map((c) => c.consumer))} (${dirs})${note}`;
}
function gatewayReport(report, expectations) {
  const profile = expectations.gateway ?? PROFILES.generic;
  const consumers = report.consumers.map((c) => c.required && profile.readers.includes(c.consumer) ? gatewayFindings(profile, c, expectations) : c);
  const ok = report.ok && consumers.every((c) => !c.required || c.ok);
  const next = { ...report, consumers, ok };
  return { ...next, verdict: verdictOf(profile, next, expectations) };
}

// src/image/check-platform.ts
var MAX_KEPT_BYTES = 1024 * 1024;
function open(tree, path) {
  return tree.resolve(cleanComponents(path).length === 0 ? [] : path.split("/"), "open");
}
function label(f) {
  return f.id ? `${f.cacheFile} (${f.id})` : f.cacheFile;
}
function readFile(ctx, path, keep = false) {
  const r = open(ctx.tree, path);
  if (r.kind === "missing") return { kind: "missing" };
  if (r.kind === "error") return { kind: "unreadable", detail: r.detail, ...r.fix ? { fix: r.fix } : {} };
  if (r.node.kind === "dir") return { kind: "unreadable", detail: `${path} is a directory` };
  if (r.node.kind !== "file") return { kind: "unreadable", detail: r.node.kind === "special" ? r.node.detail : `${path} cannot be read` };
  const c = r.node.content;
  if (keep && c.size > MAX_KEPT_BYTES) return { kind: "unreadable", detail: `${path} is ${c.size} bytes, larger than any manifest this action writes` };
  if (c.sha256 === void 0 || keep && c.bytes === void 0) {
    ctx.needs.push({ content: c, keep });
    return { kind: "pending" };
  }
  return { kind: "bytes", sha256: c.sha256, size: c.size, ...c.bytes ? { bytes: c.bytes } : {} };
}
function checkFile(ctx, dir, want) {
  const base = { cacheFile: want.cacheFile, expectedSha256: want.sha256, expectedSize: want.size };
  const got = readFile(ctx, `${dir.replace(/\/+$/, "")}/${want.cacheFile}`);
  if (got.kind === "pending") return void 0;
  if (got.kind === "missing") return { ...base, status: FileStatus.missing };
  if (got.kind === "unreadable") return { ...base, status: FileStatus.wrongBytes, detail: got.detail, ...got.fix ? { fix: got.fix } : {} };
  const same = got.sha256 === want.sha256 && (want.size === void 0 || got.size === want.size);
  return { ...base, status: same ? FileStatus.ok : FileStatus.wrongBytes, actualSha256: got.sha256, actualSize: got.size };
}
function fromManifest(ctx, dir, findings) {
  const got = readFile(ctx, `${dir.replace(/\/+$/, "")}/${MANIFEST_FILE}`, true);
  if (got.kind === "pending") return void 0;
  if (got.kind !== "bytes" || !got.bytes) {
    findings.push({
      problem: `${dir}/${MANIFEST_FILE} is ${got.kind === "missing" ? "missing" : got.kind === "unreadable" ? `unreadable (${got.detail})` : "too large to be ours"}, so the encoder set cannot be read from the image`,
      fix: "pass the encoders the image was built with (--encoders \u2026), or build with this action, which writes manifest.json"
    });
    return [];
  }
  const names = listedCacheFiles(got.bytes.toString("utf8"));
  if (names.length === 0) {
    findings.push({ problem: `${dir}/${MANIFEST_FILE} lists no encoder files (not a manifest this action wrote)`, fix: "pass the encoders the image was built with (--encoders \u2026)" });
    return [];
  }
  const known = new Map((ctx.expectations.known ?? []).map((f) => [f.cacheFile, f]));
  const out = [];
  for (const name of names) {
    const pinned = known.get(name);
    if (pinned) out.push(pinned);
    else findings.push({ problem: `${dir}/${MANIFEST_FILE} lists ${name}, which no pin and no extra-encoders entry names (a hash the image states about itself is not trusted)`, fix: 'pass that file in extra-encoders as "name url sha256" to verify it' });
  }
  return out;
}
function withListed(ctx, dir, findings) {
  const { files } = ctx.expectations;
  const got = readFile(ctx, `${dir.replace(/\/+$/, "")}/${MANIFEST_FILE}`, true);
  if (got.kind === "pending") return void 0;
  if (got.kind !== "bytes" || !got.bytes) return [...files];
  const have = new Set(files.map((f) => f.cacheFile));
  const beyond = listedCacheFiles(got.bytes.toString("utf8")).filter((name) => !have.has(name));
  return beyond.length === 0 ? [...files] : [...files, ...(fromManifest(ctx, dir, findings) ?? []).filter((f) => !have.has(f.cacheFile))];
}
function pointHere(dir, consumer, cachePath, env) {
  const line = `ENV TIKTOKEN_CACHE_DIR=${cachePath}`;
  if (dir.kind === "dir" && dir.variable === "TIKTOKEN_CACHE_DIR") return `TIKTOKEN_CACHE_DIR=${env.get("TIKTOKEN_CACHE_DIR")} shadows ${cachePath}: change it to \`${line}\``;
  if (dir.kind === "dir" && dir.variable === "DATA_GYM_CACHE_DIR") {
    const empty = env.get("TIKTOKEN_CACHE_DIR") === "" && consumer === "tiktoken-go" ? " (the empty TIKTOKEN_CACHE_DIR is ignored by tiktoken-go)" : "";
    return `DATA_GYM_CACHE_DIR=${env.get("DATA_GYM_CACHE_DIR")} shadows ${cachePath}${empty}: add \`${line}\` (it takes precedence), or set DATA_GYM_CACHE_DIR=${cachePath}`;
  }
  return `add \`${line}\` to the image (read by both tiktoken and tiktoken-go)`;
}
function checkConsumer(ctx, consumer, required, runtime) {
  const { tree, expectations } = ctx;
  const isDirectory = (path) => {
    const r = open(tree, path);
    return r.kind === "found" && r.node.kind === "dir";
  };
  const cachePath = expectations.cachePath.replace(/\/+$/, "") || "/";
  const { dir, fix: gatewayFix } = gatewayReaderDir(expectations.gateway, consumer, runtime, cachePath, isDirectory);
  const findings = [];
  const before = ctx.needs.length;
  if (dir.kind !== "dir") {
    findings.push({ problem: `${consumer}: ${dir.why}`, fix: gatewayFix ?? `add \`ENV TIKTOKEN_CACHE_DIR=${cachePath}\` to the image` });
    const files2 = (expectations.fromImage ? [] : expectations.files).map((f) => ({ cacheFile: f.cacheFile, status: FileStatus.missing, expectedSha256: f.sha256, expectedSize: f.size }));
    return { consumer, required, why: dir.why, ok: false, files: files2, otherFiles: [], findings };
  }
  const folder = open(tree, dir.path);
  if (folder.kind === "error") findings.push({ problem: `${consumer} reads ${dir.path} (${dir.why}), which cannot be opened: ${folder.detail}`, fix: folder.fix ?? `fix that path in the image, or \`ENV TIKTOKEN_CACHE_DIR=${cachePath}\`` });
  else if (folder.kind === "found" && folder.node.kind !== "dir") findings.push({ problem: `${consumer} reads ${dir.path} (${dir.why}), which is a ${folder.node.kind} in the image, not a folder`, fix: `\`ENV TIKTOKEN_CACHE_DIR=${cachePath}\`, and keep later steps from replacing that folder` });
  const wanted = expectations.fromImage ? fromManifest(ctx, dir.path, findings) : expectations.listedToo ? withListed(ctx, dir.path, findings) : expectations.files;
  const files = [];
  for (const want of wanted ?? []) {
    const check = checkFile(ctx, dir.path, want);
    if (check) files.push(check);
  }
  if (ctx.needs.length > before) return void 0;
  const missing = files.filter((f) => f.status === FileStatus.missing);
  const wrong = files.filter((f) => f.status === FileStatus.wrongBytes);
  const byName = new Map((wanted ?? []).map((w) => [w.cacheFile, w]));
  if (missing.length > 0) {
    const elsewhere = cachePath !== dir.path.replace(/\/+$/, "") && missing.every((f) => {
      const w = byName.get(f.cacheFile);
      const there = w ? checkFile(ctx, cachePath, w) : void 0;
      return there?.status === FileStatus.ok;
    });
    if (ctx.needs.length > before) return void 0;
    if (elsewhere) findings.push({ problem: `${consumer} reads ${dir.path} (${dir.why}), but the files are in ${cachePath}`, fix: gatewayFix ?? pointHere(dir, consumer, cachePath, runtime.env) });
    else {
      findings.push({
        problem: `${consumer} reads ${dir.path} (${dir.why}); missing there: ${missing.map((f) => label(byName.get(f.cacheFile) ?? { cacheFile: f.cacheFile, sha256: "" })).join(", ")}`,
        fix: `bundle ${[...new Set(missing.flatMap((f) => byName.get(f.cacheFile)?.encodings ?? [f.cacheFile]))].join(", ")} (encoders) and copy the verified folder to ${dir.path}, or point the consumer at the folder that has them with \`ENV TIKTOKEN_CACHE_DIR=\u2026\``
      });
    }
  }
  for (const f of wrong) {
    if (f.fix) {
      findings.push({ problem: `${consumer} cannot read ${dir.path}/${label(byName.get(f.cacheFile) ?? { cacheFile: f.cacheFile, sha256: "" })}: ${f.detail ?? "unreadable"}`, fix: f.fix });
      continue;
    }
    const got = f.actualSha256 ? `sha256 ${f.actualSha256} (${f.actualSize} B)` : f.detail ?? "unreadable";
    findings.push({
      problem: `${dir.path}/${label(byName.get(f.cacheFile) ?? { cacheFile: f.cacheFile, sha256: "" })} serves wrong bytes to ${consumer}: ${got}, pinned sha256 ${f.expectedSha256}${f.expectedSize === void 0 ? "" : ` (${f.expectedSize} B)`}`,
      fix: "rebuild from the verified cache folder, and check that no later Dockerfile step or layer writes to that folder"
    });
  }
  let otherFiles = [];
  if (folder.kind === "found" && folder.node.kind === "dir") {
    const allowed = /* @__PURE__ */ new Set([...(wanted ?? []).map((w) => w.cacheFile), MANIFEST_FILE]);
    otherFiles = tree.list(folder.path).filter((name) => !allowed.has(name));
    if (otherFiles.length > 0) {
      findings.push({
        problem: `${dir.path} holds files that are not the encoder files: ${otherFiles.join(", ")}`,
        fix: "the image must carry only the verified encoder files and manifest.json there: build from the verified files only (keep other files out of cache-dir and the COPY), and remove them from the image"
      });
    }
  }
  const ok = findings.length === 0 && files.every((f) => f.status === FileStatus.ok);
  return { consumer, required, directory: dir.path, why: dir.why, ok, files, otherFiles, findings };
}
function checkPlatform(facts, expectations) {
  const ctx = { tree: facts.tree, expectations, needs: [] };
  const required = new Set(expectations.consumers ?? CONSUMERS);
  const consumers = [];
  for (const consumer of CONSUMERS) {
    const report = checkConsumer(ctx, consumer, required.has(consumer), facts.runtime);
    if (report) consumers.push(report);
  }
  if (ctx.needs.length > 0) return { needs: ctx.needs };
  const problems = [...facts.problems];
  const requiredReports = consumers.filter((c) => c.required);
  const shown = requiredReports.find((c) => !c.ok) ?? requiredReports[0] ?? consumers[0];
  const physical = (path) => {
    const r = open(facts.tree, path);
    return r.kind === "found" ? r.path : void 0;
  };
  const target = physical(expectations.cachePath);
  const env = {
    ...Object.fromEntries(CACHE_VARIABLES.flatMap((v) => facts.runtime.env.has(v) ? [[v, facts.runtime.env.get(v)]] : [])),
    ok: target !== void 0 && requiredReports.every((c) => c.directory !== void 0 && physical(c.directory) === target)
  };
  const ok = problems.length === 0 && requiredReports.every((c) => c.ok);
  return {
    report: gatewayReport({
      platform: facts.platform,
      digest: facts.digest,
      ok,
      files: problems.length > 0 ? [] : shown?.files ?? [],
      consumers,
      env,
      problems,
      ...facts.layersRead !== void 0 ? { layersRead: facts.layersRead } : {}
    }, expectations)
  };
}

// src/image/image-user.ts
var ROOT = { spec: "", uid: 0, gid: 0, groups: [] };
var NUMERIC = /^\d+$/;
function userParts(spec) {
  if (spec === void 0 || spec === "") return void 0;
  const colon = spec.indexOf(":");
  return colon === -1 ? { user: spec } : { user: spec.slice(0, colon), group: spec.slice(colon + 1) };
}
function namesSomething(spec) {
  const parts = userParts(spec);
  return parts !== void 0 && (!NUMERIC.test(parts.user) || parts.group !== void 0 && !NUMERIC.test(parts.group));
}
function isRootWithoutLookup(spec) {
  const parts = userParts(spec);
  return parts === void 0 || NUMERIC.test(parts.user) && Number(parts.user) === 0;
}
function lines(text) {
  return (text ?? "").split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#")).map((l) => l.split(":"));
}
function parsePasswd(text) {
  return lines(text).flatMap((f) => f.length >= 4 && NUMERIC.test(f[2] ?? "") && NUMERIC.test(f[3] ?? "") ? [{ name: f[0], uid: Number(f[2]), gid: Number(f[3]) }] : []);
}
function parseGroup(text) {
  return lines(text).flatMap((f) => f.length >= 3 && NUMERIC.test(f[2] ?? "") ? [{ name: f[0], gid: Number(f[2]), members: (f[3] ?? "").split(",").map((m) => m.trim()).filter((m) => m !== "") }] : []);
}
function resolveIdentity(spec, passwd, group, rule) {
  const parts = userParts(spec);
  if (!parts) return ROOT;
  const users = parsePasswd(passwd);
  const groups = parseGroup(group);
  const numericUser = NUMERIC.test(parts.user);
  const entry = users.find((u) => u.name === parts.user || numericUser && u.uid === Number(parts.user));
  if (!entry && !numericUser) {
    return { error: `the image's USER ${spec} names the user ${parts.user}, which ${passwd === void 0 ? "is not in the image (no /etc/passwd)" : "is not in /etc/passwd"}, so no runtime starts the container ("unable to find user ${parts.user}")` };
  }
  const uid = entry ? entry.uid : Number(parts.user);
  let gid = entry ? entry.gid : 0;
  if (parts.group !== void 0) {
    const numericGroup = NUMERIC.test(parts.group);
    const found = groups.find((g) => g.name === parts.group || numericGroup && g.gid === Number(parts.group));
    if (!found && !numericGroup) {
      return { error: `the image's USER ${spec} names the group ${parts.group}, which ${group === void 0 ? "is not in the image (no /etc/group)" : "is not in /etc/group"}, so no runtime starts the container ("unable to find group ${parts.group}")` };
    }
    gid = found ? found.gid : Number(parts.group);
  }
  const name = entry?.name;
  const member = (g) => name !== void 0 && g.members.includes(name);
  const supplementary = rule === "moby" ? parts.group === void 0 ? groups.filter(member) : [] : groups.filter((g) => g.name !== name && member(g));
  return { spec: spec ?? "", uid, gid, groups: [...new Set(supplementary.map((g) => g.gid))].filter((g) => g !== gid) };
}
function describeIdentity(who) {
  const groups = who.groups.length > 0 ? `, groups ${who.groups.join(",")}` : "";
  return `USER ${who.spec || "root"} (uid ${who.uid}, gid ${who.gid}${groups})`;
}

// src/image/layer-tree.ts
var DEFAULT_DIR_META = { mode: 493, uid: 0, gid: 0 };
var UnpackError = class extends Error {
};
var Undecided = class extends Error {
};
var ROOT_PATH_LINKS = 255;
var KERNEL_LINKS = 40;
function resolvePath(stat, components, mode, followLast = true, enter) {
  const limit = mode === "root-path" ? ROOT_PATH_LINKS : KERNEL_LINKS;
  let links = 0;
  const todo = [...components].reverse();
  let at = "";
  let lexical = false;
  while (todo.length > 0) {
    const part = todo.pop();
    if (part === "" || part === ".") continue;
    const denied2 = lexical ? void 0 : enter?.(at);
    if (denied2) return denied2;
    if (part === "..") {
      at = parentOf(at);
      continue;
    }
    const next = joinPath(at, part);
    if (lexical) {
      at = next;
      continue;
    }
    const node2 = stat(next);
    if (!node2) {
      if (mode === "open") return { kind: "missing", path: [next, ...[...todo].reverse()].join("/") };
      lexical = true;
      at = next;
      continue;
    }
    const last = todo.length === 0;
    if (node2.kind === "symlink" && (!last || followLast)) {
      if (++links > limit) return { kind: "error", detail: `too many levels of symbolic links at /${next}` };
      const target = node2.target.split("/");
      if (node2.target.startsWith("/")) at = "";
      for (let i = target.length - 1; i >= 0; i--) todo.push(target[i]);
      continue;
    }
    if (!last && node2.kind !== "dir") return { kind: "error", detail: `/${next} is a ${node2.kind === "file" ? "file" : node2.kind}, not a directory` };
    at = next;
  }
  const node = stat(at);
  if (!node) return { kind: "missing", path: at };
  return { kind: "found", path: at, node };
}
var LayerTree = class {
  #nodes = /* @__PURE__ */ new Map([["", { kind: "dir", meta: { ...DEFAULT_DIR_META }, implicit: true }]]);
  #children = /* @__PURE__ */ new Map([["", /* @__PURE__ */ new Set()]]);
  #opaque = /* @__PURE__ */ new Set();
  get(path) {
    return this.#nodes.get(path);
  }
  /** Whether the layer marks this directory opaque (lower layers' entries hidden). */
  isOpaque(dir) {
    return this.#opaque.has(dir);
  }
  markOpaque(dir) {
    this.#opaque.add(dir);
  }
  get size() {
    return this.#nodes.size;
  }
  /** Names directly inside a directory of this layer (whiteouts included), sorted. */
  list(dir) {
    return [...this.#children.get(dir) ?? []].map(baseOf).sort();
  }
  set(path, node) {
    if (path === "") return;
    const parent = parentOf(path);
    if (this.#nodes.get(parent)?.kind !== "dir") throw new Error(`internal: parent of ${path} is not a directory`);
    if (this.#nodes.has(path) && node.kind !== "dir") this.removeAll(path);
    this.#nodes.set(path, node);
    this.#children.get(parent)?.add(path);
    if (node.kind === "dir" && !this.#children.has(path)) this.#children.set(path, /* @__PURE__ */ new Set());
  }
  /** os.RemoveAll: the path and everything under it. */
  removeAll(path) {
    if (path === "" || !this.#nodes.has(path)) return;
    const stack = [path];
    while (stack.length > 0) {
      const p = stack.pop();
      for (const child of this.#children.get(p) ?? []) stack.push(child);
      this.#children.delete(p);
      this.#nodes.delete(p);
      this.#opaque.delete(p);
    }
    this.#children.get(parentOf(path))?.delete(path);
  }
  resolve(components, mode, followLast = true) {
    return resolvePath((p) => this.#nodes.get(p), components, mode, followLast);
  }
  /** The path containerd writes a parent path to (fs.RootPath in this layer's dir). */
  rootPath(components) {
    const r = this.resolve(components, "root-path");
    if (r.kind === "error") throw new UnpackError(r.detail);
    return r.path;
  }
  /** mkdir -p of an already resolved path (the folders it makes are implicit); a non-directory on the way fails the unpack. */
  mkdirAll(path) {
    if (path === "") return;
    let at = "";
    for (const part of path.split("/")) {
      at = joinPath(at, part);
      const node = this.#nodes.get(at);
      if (!node) this.set(at, { kind: "dir", meta: { ...DEFAULT_DIR_META }, implicit: true });
      else if (node.kind !== "dir") throw new UnpackError(`/${at} is not a directory`);
    }
  }
};

// src/image/user-access.ts
var IdentityNeeded = class extends Error {
};
var READ = 4;
var SEARCH = 1;
function permits(meta, who, want) {
  if (who.uid === 0) return true;
  const bits = who.uid === meta.uid ? meta.mode >> 6 : who.gid === meta.gid || who.groups.includes(meta.gid) ? meta.mode >> 3 : meta.mode;
  return (bits & want) === want;
}
function everyone(meta, want) {
  const all = want * 73;
  return (meta.mode & all) === all;
}
var octal = (mode) => `0${(mode & 4095).toString(8).padStart(3, "0")}`;
function folderMeta(view, path, applier) {
  if (path === "") return DEFAULT_DIR_META;
  const parts = path.split("/");
  let i = view.layers.findIndex((layer) => layer.get(path) !== void 0);
  if (i === -1) return DEFAULT_DIR_META;
  for (; ; ) {
    const node = view.layers[i]?.get(path);
    if (node?.kind === "dir" && !node.implicit) return node.meta;
    if (node && node.kind !== "dir") return DEFAULT_DIR_META;
    if (applier === "containers-storage" && node) return DEFAULT_DIR_META;
    let next = i + 1;
    for (; next < view.layers.length; next++) {
      const r2 = view.layers[next]?.resolve(parts, "root-path");
      if (r2?.kind === "found") break;
    }
    if (next >= view.layers.length) {
      if (!view.complete) throw new Undecided(`the mode of /${path}`);
      return DEFAULT_DIR_META;
    }
    const r = view.layers[next]?.resolve(parts, "root-path");
    if (r?.kind !== "found" || r.node.kind !== "dir") return DEFAULT_DIR_META;
    if (!r.node.implicit) return r.node.meta;
    if (r.path !== path) return r.node.meta;
    i = next;
  }
}
function denied(what, path, meta, who, want) {
  const needs = want === READ ? "read" : "search (x)";
  const wanted = want === READ ? meta.mode | 292 : meta.mode | 365;
  return {
    kind: "error",
    detail: `permission denied: ${what} /${path} is mode ${octal(meta.mode)} owned by ${meta.uid}:${meta.gid}, and the image's ${describeIdentity(who)} cannot ${needs} it`,
    fix: `make /${path} ${want === READ ? "readable" : "searchable"} by every user where it is written (chmod ${octal(wanted)} /${path}, e.g. COPY --chmod=${want === READ ? "0444" : "0755"}), or chown it to ${who.uid}`
  };
}
var UserView = class {
  constructor(view, applier, reader) {
    this.view = view;
    this.applier = applier;
    this.reader = reader;
  }
  view;
  applier;
  reader;
  #check(what, path, meta, want) {
    if (everyone(meta, want)) return void 0;
    if (this.reader === "pending") throw new IdentityNeeded(`/${path}`);
    return permits(meta, this.reader, want) ? void 0 : denied(what, path, meta, this.reader, want);
  }
  resolve(components, mode) {
    if (this.reader !== "pending" && this.reader.uid === 0) return this.view.resolve(components, mode);
    const r = this.view.resolve(components, mode, true, (dir) => this.#check("the folder", dir, folderMeta(this.view, dir, this.applier), SEARCH));
    if (r.kind === "found" && r.node.kind === "file") return this.#check("the file", r.path, r.node.meta, READ) ?? r;
    return r;
  }
  /** Listing is the verifier's own check of what the folder holds, not the consumer's: as root. */
  list(dir) {
    return this.view.list(dir);
  }
};

// src/image/runtime-verdicts.ts
var RUNTIME_MODELS = [
  { label: "Docker Engine", applier: "containerd", groups: "moby" },
  { label: "Podman", applier: "containers-storage", groups: "moby" },
  { label: "containerd", applier: "containerd", groups: "containerd" }
];
var PASSWD = "etc/passwd";
var GROUP = "etc/group";
var IDENTITY_FILES = [PASSWD, GROUP];
var MAX_IDENTITY_BYTES = 1024 * 1024;
function readText(view, path, needs) {
  const r = view.resolve(path.split("/"), "open");
  if (r.kind !== "found" || r.node.kind !== "file" || r.node.content.size > MAX_IDENTITY_BYTES) return void 0;
  const { content } = r.node;
  if (content.bytes === void 0) {
    needs.push({ content, keep: true });
    return "pending";
  }
  return content.bytes.toString("utf8");
}
function reading(report) {
  if (report.problems.length > 0) return `no files (${report.problems.join("; ")})`;
  const required = report.consumers.filter((c) => c.required);
  const byWhat = /* @__PURE__ */ new Map();
  for (const f of required.flatMap((c) => c.files.filter((file) => file.status !== "ok"))) {
    const what = f.detail ?? (f.actualSha256 ? `sha256 ${f.actualSha256}` : f.status);
    byWhat.set(what, (byWhat.get(what) ?? /* @__PURE__ */ new Set()).add(f.cacheFile));
  }
  if (byWhat.size > 0) return [...byWhat].map(([what, names]) => `${[...names].join(", ")}: ${what}`).join("; ");
  if (!report.ok) return [...new Set(required.flatMap((c) => c.findings.map((f) => f.problem)))].join("; ");
  return "the pinned bytes";
}
function combine(reports) {
  const failing = reports.find((r) => !r.report.ok);
  const first = reports[0];
  if (!failing) return first.report;
  const byReading = /* @__PURE__ */ new Map();
  for (const { model, report: report2 } of reports) byReading.set(reading(report2), [...byReading.get(reading(report2)) ?? [], model.label]);
  const report = failing.report;
  if (byReading.size === 1) return report;
  const split = `the runtimes disagree on ${report.platform}: ${[...byReading].map(([what, labels]) => `${labels.join(" and ")} read ${what}`).join(" | ")}`;
  const at = report.problems.length === 0 ? report.consumers.findIndex((c) => c.required && !c.ok) : -1;
  if (at === -1) return { ...report, ok: false, problems: [...report.problems, split] };
  const finding = { problem: split, fix: "apply the fixes above: some runtimes need them and others do not, and the image must read the same on every runtime" };
  return { ...report, ok: false, consumers: report.consumers.map((c, i) => i === at ? { ...c, findings: [...c.findings, finding] } : c) };
}
function checkRuntimes(facts, problems, expectations) {
  const needs = [];
  const reports = [];
  const { views, refusals, user, ...rest } = facts;
  const identity = (view, rule) => {
    const passwd = readText(view, PASSWD, needs);
    const group = readText(view, GROUP, needs);
    if (passwd === "pending" || group === "pending") return "pending";
    return resolveIdentity(user, passwd, group, rule);
  };
  for (const model of RUNTIME_MODELS) {
    const view = views[model.applier];
    const own = [...problems];
    const refusal = refusals.get(model.applier);
    if (refusal) own.push(refusal);
    let reader = ROOT;
    if (own.length === 0 && !isRootWithoutLookup(user)) {
      if (namesSomething(user)) {
        const found = identity(view, model.groups);
        if (found === "pending") continue;
        if ("error" in found) own.push(found.error);
        else reader = found;
      } else {
        reader = "pending";
      }
    }
    const check = (who) => checkPlatform({ ...rest, tree: new UserView(view, model.applier, who), problems: own }, expectations);
    let checked;
    try {
      checked = check(reader);
    } catch (error) {
      if (!(error instanceof IdentityNeeded)) throw error;
      const found = identity(view, model.groups);
      if (found === "pending") continue;
      if ("error" in found) throw new Error(`internal: a numeric USER ${user} did not resolve: ${found.error}`);
      checked = check(found);
    }
    if ("needs" in checked) needs.push(...checked.needs);
    else reports.push({ model, report: checked.report });
  }
  if (needs.length > 0) return { needs };
  return { report: combine(reports) };
}

// src/image/apply-layer.ts
function metaOf(entry) {
  return { mode: entry.mode, uid: entry.uid, gid: entry.gid };
}
function isWhiteoutDevice(entry) {
  return entry.device === "3" && entry.devmajor === 0 && entry.devminor === 0;
}
function linkTarget(tree, linkname, rule) {
  if (rule === "lexical") {
    const parts = cleanComponents(linkname);
    const base2 = parts.pop();
    return base2 === void 0 ? "" : joinPath(tree.rootPath(parts), base2);
  }
  const slash = linkname.lastIndexOf("/");
  const base = linkname.slice(slash + 1);
  const folder = tree.rootPath(linkname.slice(0, slash + 1).split("/"));
  if (base === "" || base === ".") return folder;
  return base === ".." ? parentOf(folder) : joinPath(folder, base);
}
function layerApplier(tree, linkTargets = "root-path") {
  return {
    async apply(entry, content) {
      const cleaned = goClean(entry.name);
      const parts = cleanComponents(cleaned);
      const base = parts.pop();
      if (base === void 0) return;
      const parent = tree.rootPath(parts);
      const path = joinPath(parent, base);
      const above = parent === "" ? void 0 : tree.get(parent);
      if (parent !== "" && !above) tree.mkdirAll(parent);
      else if (above && above.kind !== "dir") throw new UnpackError(`/${parent} is not a directory (entry ${JSON.stringify(entry.name)})`);
      if (cleaned.startsWith(WHITEOUT_META_PREFIX) && cleaned !== OPAQUE_MARKER) return;
      if (base.startsWith(WHITEOUT_PREFIX)) {
        if (base === OPAQUE_MARKER) {
          tree.markOpaque(parent);
          return;
        }
        const original = base.slice(WHITEOUT_PREFIX.length);
        const target = original === "" || original === "." ? parent : original === ".." ? parentOf(parent) : joinPath(parent, original);
        if (tree.get(target) || target === parent || original === "..") throw new UnpackError(`whiteout ${JSON.stringify(entry.name)}: /${target} exists in the same layer (invalid whiteout)`);
        tree.set(target, { kind: "whiteout" });
        return;
      }
      const existing = tree.get(path);
      if (existing && !(existing.kind === "dir" && entry.type === TarType.directory)) tree.removeAll(path);
      let node;
      switch (entry.type) {
        case TarType.directory:
          node = { kind: "dir", meta: metaOf(entry) };
          break;
        case TarType.file:
          node = { kind: "file", content: await content(path), meta: metaOf(entry) };
          break;
        case TarType.symlink:
          node = { kind: "symlink", target: entry.linkname };
          break;
        case TarType.hardlink: {
          const target = linkTarget(tree, entry.linkname, linkTargets);
          const linked = tree.get(target);
          if (!linked || linked.kind === "whiteout") throw new UnpackError(`hard link ${JSON.stringify(entry.name)} to /${target}, which is not in the same layer`);
          if (linked.kind === "dir") throw new UnpackError(`hard link ${JSON.stringify(entry.name)} to the directory /${target}`);
          if (linked.kind === "file") Object.assign(linked.meta, metaOf(entry));
          node = linked;
          break;
        }
        case TarType.special:
          node = isWhiteoutDevice(entry) ? { kind: "whiteout" } : { kind: "special", detail: `/${path} is a ${entry.device === "6" ? "FIFO" : "device"}` };
          break;
        case TarType.paxGlobal:
          break;
        // nothing is created, but what was at the name is gone (above)
        default:
          throw new UnpackError(`entry ${JSON.stringify(entry.name)} has a tar type the engine cannot unpack`);
      }
      if (node) tree.set(path, node);
    }
  };
}

// src/image/read-layer.ts
async function digest(body, content, keep) {
  const hash = new StreamHash();
  const parts = [];
  for await (const part of body) {
    hash.update(part);
    if (keep) parts.push(part);
  }
  content.sha256 = hash.hex();
  content.size = hash.size;
  if (keep) content.bytes = Buffer.concat(parts);
}
async function recordLayer(tar, layer, policy) {
  const out = [];
  let ordinal = 0;
  for await (const entry of tarEntries(tar)) {
    const header = {
      name: entry.name,
      linkname: entry.linkname,
      size: entry.size,
      type: entry.type,
      mode: entry.mode,
      uid: entry.uid,
      gid: entry.gid,
      device: entry.device,
      devmajor: entry.devmajor,
      devminor: entry.devminor
    };
    if (entry.type !== TarType.file) {
      out.push({ header });
      ordinal++;
      continue;
    }
    const content = { size: entry.size, layer, ordinal: ordinal++ };
    const path = normalizeLayerPath(entry.name);
    if (policy.hash(path)) await digest(entry.body, content, policy.keep(path, entry.size));
    out.push({ header, content });
  }
  return out;
}
function layerRecords(summaries) {
  const known = /* @__PURE__ */ new Map();
  const load = async (layer, roots, record) => {
    const kept = await summaries?.get(layer, roots);
    if (kept) return kept;
    const entries = await record();
    await summaries?.put(layer, roots, entries);
    return entries;
  };
  return {
    async read(layer, roots, index, record) {
      const key = `${layer.digest}\0${layer.size}\0${layer.mediaType}\0${roots.join("\0")}`;
      let entries = known.get(key);
      if (!entries) {
        entries = load(layer, roots, record);
        known.set(key, entries);
      }
      return (await entries).map((e) => e.content ? { header: e.header, content: { ...e.content, layer: index } } : e);
    }
  };
}
async function applyRecorded(tree, entries, linkTargets) {
  const applier = layerApplier(tree, linkTargets);
  for (const entry of entries) {
    await applier.apply(entry.header, async () => {
      if (!entry.content) throw new Error("internal: a regular file without a content record");
      return entry.content;
    });
  }
}
async function hashEntries(tar, wanted) {
  let ordinal = 0;
  for await (const entry of tarEntries(tar)) {
    const want = wanted.get(ordinal++);
    if (want) await digest(entry.body, want.content, want.keep);
  }
}

// src/image/storage-applier.ts
function storageRefusal(entries) {
  const seen = /* @__PURE__ */ new Map();
  for (const { header } of entries) {
    const name = goClean(header.name);
    const earlier = seen.get(name);
    if (earlier !== void 0) {
      const which = earlier === header.name ? `two entries named ${JSON.stringify(name)}` : `entries ${JSON.stringify(earlier)} and ${JSON.stringify(header.name)} both name ${JSON.stringify(name)}`;
      return `${which} (containers/storage refuses a path twice in one layer; write each path once)`;
    }
    seen.set(name, header.name);
  }
  return void 0;
}
function treeDiffers(entries) {
  return entries.some(({ header }) => header.type === TarType.hardlink && header.linkname.split("/").includes(".."));
}
async function storageLayer(entries, containerd) {
  const refused = storageRefusal(entries);
  if (!treeDiffers(entries)) return { tree: containerd, ...refused ? { refused } : {} };
  const tree = new LayerTree();
  try {
    await applyRecorded(tree, entries, "lexical");
  } catch (error) {
    if (!(error instanceof UnpackError)) throw error;
    return { tree, refused: refused ?? error.message };
  }
  return { tree, ...refused ? { refused } : {} };
}

// src/image/docker-source.ts
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
function spawnDocker(binary) {
  return (args) => new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
    const err = [];
    child.stderr.on("data", (chunk) => err.push(chunk));
    child.on("error", (error) => reject(new Error(`cannot run ${binary}: ${error.message}`, { cause: error })));
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${binary} ${args.join(" ")} exited ${code}: ${Buffer.concat(err).toString("utf8").trim().slice(-2e3)}`));
    });
  });
}
async function dockerSource(reference, docker, tempDir) {
  const dir = await mkdtemp(join(tempDir, "oneapi-offline-verify-"));
  const file = join(dir, "image.tar");
  try {
    await docker(["image", "save", "--output", file, reference]);
    const source = await layoutSource(file, {
      refName: reference,
      partial: true,
      label: `docker image ${reference}`,
      noIndexHint: "the engine uses the classic image store; enable the containerd image store, or verify the pushed image or an OCI archive"
    });
    return {
      ...source,
      close: async () => {
        await source.close();
        await rm(dir, { recursive: true, force: true });
      }
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

// src/oci/blob-stream.ts
import { Readable, pipeline } from "node:stream";
import * as zlib from "node:zlib";
var BlobMismatch = class extends Error {
};
var INFLATE_CHUNK = 256 * 1024;
async function* checkedBlob(source, descriptor) {
  const expected = digestHex(descriptor.digest);
  if (!expected) throw new BlobMismatch(`unsupported digest ${descriptor.digest} (only sha256)`);
  const hash = new StreamHash();
  for await (const chunk of source) {
    const part = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    hash.update(part);
    if (hash.size > descriptor.size) {
      throw new BlobMismatch(`blob ${descriptor.digest} goes on past its descriptor's ${descriptor.size} B: the image store is corrupt or hostile`);
    }
    yield part;
  }
  const size = hash.size;
  const actual = hash.hex();
  if (actual !== expected || size !== descriptor.size) {
    throw new BlobMismatch(`blob ${descriptor.digest} (${descriptor.size} B) arrived as sha256:${actual} (${size} B): the image store is corrupt or tampered`);
  }
}
function zstdSupported() {
  return typeof zlib.createZstdDecompress === "function";
}
function unreadableLayer(descriptor) {
  const compression = layerCompression(descriptor.mediaType);
  if (compression === "zstd" && !zstdSupported()) {
    return `layer ${descriptor.digest} is zstd-compressed and Node ${process.versions.node} has no zstd; run the action on node24 (or Node \u2265 22.15), or build with compression=gzip`;
  }
  if (compression === "unknown") return `layer ${descriptor.digest} has media type ${descriptor.mediaType}, which is not a tar layer this verifier reads`;
  return void 0;
}
function layerTar(source, descriptor) {
  const unreadable = unreadableLayer(descriptor);
  if (unreadable) throw new Error(unreadable);
  const raw = Readable.from(checkedBlob(source, descriptor), { objectMode: false });
  const compression = layerCompression(descriptor.mediaType);
  if (compression === "none") return raw;
  const zstd = zlib.createZstdDecompress;
  const transform = compression === "zstd" && zstd ? zstd() : zlib.createGunzip({ chunkSize: INFLATE_CHUNK });
  return pipeline(raw, transform, () => {
  });
}
async function* untilDeadline(source, deadline, what) {
  for await (const chunk of source) {
    if (Date.now() > deadline) throw new BlobMismatch(`${what} took longer than its time limit; stopped reading`);
    yield chunk;
  }
}

// src/image/overlay-view.ts
var ROOT2 = { kind: "dir", meta: { ...DEFAULT_DIR_META }, implicit: true };
var OverlayView = class {
  /** Layer trees from the top down; `complete` once the bottom layer is among them. */
  constructor(layers, complete) {
    this.layers = layers;
    this.complete = complete;
  }
  layers;
  complete;
  /** Whether `layer` hides lower layers at `path` through an ancestor (non-directory, whiteout, opaque). */
  #hidesBelow(layer, path) {
    for (let at = parentOf(path), child = path; ; child = at, at = parentOf(at)) {
      const node = layer.get(at);
      if (node && node.kind !== "dir") return true;
      if (node && layer.isOpaque(at) && child !== "") return true;
      if (at === "") return false;
    }
  }
  /** The merged node at a path with no symlink in its parents; undefined when absent. */
  stat(path) {
    if (path === "") return ROOT2;
    let found;
    for (const layer of this.layers) {
      const node = layer.get(path);
      if (node) {
        if (node.kind === "whiteout") return found;
        if (node.kind !== "dir") return found ?? node;
        found ??= node;
        if (layer.isOpaque(path)) return found;
      }
      if (this.#hidesBelow(layer, path)) return found;
      if (found) return found;
    }
    if (!this.complete) throw new Undecided(`/${path}`);
    return found;
  }
  /** Names in a merged directory (a path with no symlink in its parents), sorted. */
  list(dir) {
    const names = /* @__PURE__ */ new Map();
    const result = () => [...names].filter(([, shown]) => shown).map(([n]) => n).sort();
    for (const layer of this.layers) {
      const node = layer.get(dir);
      if (node && node.kind !== "dir") return result();
      if (node) {
        for (const name of layer.list(dir)) {
          if (!names.has(name)) names.set(name, layer.get(joinPath(dir, name))?.kind !== "whiteout");
        }
        if (layer.isOpaque(dir)) return result();
      }
      if (dir !== "" && this.#hidesBelow(layer, dir)) return result();
    }
    if (!this.complete) throw new Undecided(`the entries of /${dir}`);
    return result();
  }
  resolve(components, mode, followLast = true, enter) {
    return resolvePath((p) => this.stat(p), components, mode, followLast, enter);
  }
};

// src/image/verify-image.ts
function describeTarget(target) {
  return target.kind === "oci-archive" ? `OCI archive ${target.path}` : `${target.kind === "docker" ? "docker image" : "image"} ${target.reference}`;
}
async function openSource(target, deps) {
  switch (target.kind) {
    case "registry":
      return registrySource(target, deps.transport ?? httpTransport(), deps.limits);
    case "oci-archive":
      return layoutSource(target.path, { ...deps.limits ? { maxDocumentBytes: deps.limits.maxDocumentBytes } : {}, ...target.refName ? { refName: target.refName } : {} });
    case "docker":
      return dockerSource(target.reference, deps.docker ?? spawnDocker("docker"), deps.tempDir ?? tmpdir());
  }
}
async function leaves(source, bytes, mediaType, digest2, depth = 0) {
  const parsed = parseManifest(bytes, mediaType, `${source.label} ${digest2}`);
  if (parsed.kind === "manifest") {
    return { leaves: [{ descriptor: { mediaType: mediaType ?? parsed.doc.mediaType ?? "", digest: digest2, size: bytes.length }, platform: void 0 }], attestations: 0 };
  }
  const out = [];
  let attestations = 0;
  for (const entry of parsed.doc.manifests) {
    if (isAttestation(entry)) {
      attestations++;
      continue;
    }
    if (/index|manifest\.list/.test(entry.mediaType) && depth < 4) {
      const child = await source.document(entry);
      if (!child) continue;
      if (sha256Digest(child) !== entry.digest) throw new Error(`index ${entry.digest} does not match its digest`);
      const nested = await leaves(source, child, entry.mediaType, entry.digest, depth + 1);
      out.push(...nested.leaves);
      attestations += nested.attestations;
      continue;
    }
    out.push({ descriptor: entry, platform: entry.platform });
  }
  return { leaves: out, attestations };
}
async function readChecked(source, descriptor, what) {
  const bytes = await source.document(descriptor);
  if (bytes && sha256Digest(bytes) !== descriptor.digest) {
    throw new Error(`${what} ${descriptor.digest} arrived as ${sha256Digest(bytes)}: the image store is corrupt or tampered`);
  }
  return bytes;
}
function describeError(error) {
  if (error instanceof RegistryFailure) return `${error.message} (${error.fix})`;
  if (error instanceof UnpackError) return `the engine would refuse to unpack this layer: ${error.message}`;
  return error.message;
}
var emptyViews = () => ({ containerd: new OverlayView([], true), "containers-storage": new OverlayView([], true) });
async function decide(facts, problems, expectations, rehash, judge = checkRuntimes) {
  for (let round = 0; ; round++) {
    const checked = judge(facts, problems, expectations);
    if ("report" in checked) return checked.report;
    if (round >= 4) throw new Error(`internal: ${facts.platform} still needs bytes after ${round} passes`);
    await rehash(checked.needs);
  }
}
async function verifyLeaf(source, leaf, manifestBytes, expectations, deps, records) {
  const { log } = deps;
  const limits = deps.limits ?? DEFAULT_READ_LIMITS;
  const digest2 = leaf.descriptor.digest;
  let platform = platformName(leaf.platform);
  const problems = [];
  let runtime = imageRuntime(void 0, void 0);
  let user;
  const refusals = /* @__PURE__ */ new Map();
  let layers = [];
  let current = "";
  const openLayer = async (i) => {
    const layer = layers[i];
    current = `layer ${i + 1}/${layers.length} ${layer.digest} of ${platform} (${source.label})`;
    const unreadable = unreadableLayer(layer);
    if (unreadable) throw new Error(unreadable);
    const deadline = Date.now() + limits.blobTimeoutMs(layer.size);
    return untilDeadline(layerTar(await source.blob(layer), layer), deadline, current);
  };
  const rehash = async (needs) => {
    const byLayer = /* @__PURE__ */ new Map();
    for (const need of needs) {
      const wanted = byLayer.get(need.content.layer) ?? /* @__PURE__ */ new Map();
      wanted.set(need.content.ordinal, { content: need.content, keep: need.keep || (wanted.get(need.content.ordinal)?.keep ?? false) });
      byLayer.set(need.content.layer, wanted);
    }
    try {
      for (const [i, wanted] of byLayer) await hashEntries(await openLayer(i), wanted);
    } catch (error) {
      problems.push(`${current}: ${describeError(error)}`);
      for (const need of needs) need.content.sha256 ??= "unreadable";
    }
  };
  try {
    const parsed = parseManifest(manifestBytes, leaf.descriptor.mediaType, `manifest ${digest2}`);
    if (parsed.kind !== "manifest") throw new Error(`manifest ${digest2} is an index where an image manifest was expected`);
    const manifest = parsed.doc;
    layers = manifest.layers;
    const configBytes = await readChecked(source, manifest.config, "config");
    if (!configBytes) throw new Error(`config ${manifest.config.digest} is not in ${source.label}`);
    const config = JSON.parse(configBytes.toString("utf8"));
    runtime = imageRuntime(config.config?.Env, config.config?.WorkingDir);
    user = config.config?.User;
    if (!leaf.platform && config.os && config.architecture) {
      platform = platformName(configPlatform(config));
    }
    const roots = candidateDirs(runtime, expectations.cachePath).map(normalizeLayerPath);
    const identity = (path) => IDENTITY_FILES.includes(path);
    const policy = {
      hash: (path) => roots.some((root) => isWithin(path, root)) || identity(path),
      keep: (path, size) => (baseOf(path) === MANIFEST_FILE || identity(path)) && size <= MAX_KEPT_BYTES
    };
    const trees = [];
    const storageTrees = [];
    const views = (complete) => ({ containerd: new OverlayView(trees, complete), "containers-storage": new OverlayView(storageTrees, complete) });
    for (let k = layers.length - 1; k >= 0; k--) {
      const layer = layers[k];
      log.debug(`${platform}: layer ${k + 1}/${layers.length} ${layer.digest} (${layer.size} B, ${layer.mediaType})`);
      const tree = new LayerTree();
      current = `layer ${k + 1}/${layers.length} ${layer.digest} of ${platform} (${source.label})`;
      const recorded = await records.read(layer, roots, k, async () => recordLayer(await openLayer(k), k, policy));
      await applyRecorded(tree, recorded);
      trees.push(tree);
      const storage = await storageLayer(recorded, tree);
      storageTrees.push(storage.tree);
      if (storage.refused && !refusals.has("containers-storage")) refusals.set("containers-storage", `${current}: Podman would refuse to unpack this layer: ${storage.refused}`);
      try {
        const report = await decide({ platform, digest: digest2, views: views(k === 0), runtime, user, refusals, layersRead: layers.length - k }, problems, expectations, rehash, deps.judge);
        if (k > 0) log.debug(`${platform}: decided by the top ${layers.length - k} of ${layers.length} layers`);
        return { ...report, decidedBy: layers.slice(k).map((l) => l.digest).reverse() };
      } catch (error) {
        if (!(error instanceof Undecided)) throw error;
      }
    }
    return { ...await decide({ platform, digest: digest2, views: emptyViews(), runtime, user, refusals, layersRead: 0 }, problems, expectations, rehash, deps.judge), decidedBy: layers.map((l) => l.digest).reverse() };
  } catch (error) {
    problems.push(current ? `${current}: ${describeError(error)}` : describeError(error));
  }
  return decide({ platform, digest: digest2, views: emptyViews(), runtime, user, refusals }, problems, expectations, rehash, deps.judge);
}
async function verifyImage(target, expectations, deps) {
  const { log } = deps;
  const cachePath = expectations.cachePath;
  if (!cachePath.startsWith("/") || normalizeLayerPath(cachePath) === "") {
    throw new VerifyError({ what: "cache-path to verify", got: cachePath, expected: "an absolute path below /, e.g. /tiktoken_cache", fix: "pass the cache-path the image was built with" });
  }
  let source;
  try {
    source = await openSource(target, deps);
  } catch (error) {
    throw new VerifyError(
      { what: `cannot open ${describeTarget(target)} for verification`, got: error.message, fix: error instanceof RegistryFailure ? error.fix : target.kind === "docker" ? "load the image into the engine (containerd image store) or verify the pushed image or OCI archive instead" : "check the path, and that the archive is an uncompressed OCI layout tar (type=oci,dest=\u2026)" },
      { cause: error }
    );
  }
  try {
    const rootDoc = await source.root();
    if (sha256Digest(rootDoc.bytes) !== rootDoc.digest) throw new Error(`${source.label}: the root index does not match its digest ${rootDoc.digest}`);
    const pinned = target.kind === "oci-archive" ? target.digest : pinnedDigest(target.reference);
    if (pinned && pinned !== rootDoc.digest) throw new Error(`${source.label} holds ${rootDoc.digest}, not the expected ${pinned}`);
    const found = await leaves(source, rootDoc.bytes, rootDoc.mediaType, rootDoc.digest);
    if (found.attestations > 0) log.info(`${source.label}: skipping ${found.attestations} attestation manifest(s)`);
    const absent = [];
    const records = layerRecords(deps.summaries);
    const wanted = deps.platforms;
    const read = wanted ? found.leaves.filter((leaf) => !leaf.platform || wanted.some((p) => samePlatform(p, leaf.platform))) : found.leaves;
    const checks = read.map(async (leaf) => {
      const bytes = await readChecked(source, leaf.descriptor, "manifest");
      if (!bytes) {
        if (source.partial) {
          absent.push({ platform: platformName(leaf.platform), digest: leaf.descriptor.digest });
          return void 0;
        }
        throw new Error(`manifest ${leaf.descriptor.digest} is not in ${source.label}`);
      }
      return verifyLeaf(source, leaf, bytes, expectations, deps, records);
    });
    const platforms = (await Promise.all(checks)).filter((p) => p !== void 0);
    for (const p of platforms) {
      const good = p.files.filter((f) => f.status === "ok").length;
      log.info(`${p.platform} ${p.digest}: ${p.ok ? "ok" : "FAILED"} (${good}/${p.files.length} files; ${p.consumers.map((c) => `${c.consumer}${c.required ? "" : " (not required)"} reads ${c.directory ?? "nothing"}: ${c.ok ? "ok" : "fails"}`).join("; ")})`);
    }
    for (const a of absent) log.notice(`${source.label}: ${a.platform} (${a.digest}) is not in the local store; not verified`);
    return {
      ok: platforms.length > 0 && platforms.every((p) => p.ok),
      image: source.label,
      digest: rootDoc.digest,
      cachePath,
      platforms,
      attestations: found.attestations,
      absent
    };
  } catch (error) {
    if (error instanceof VerifyError) throw error;
    throw new VerifyError(
      { what: `cannot read ${source.label}`, got: error.message, fix: error instanceof RegistryFailure ? error.fix : "rebuild or re-push the image; if this repeats, the store is corrupt" },
      { cause: error }
    );
  } finally {
    await source.close();
  }
}

export {
  FileStatus,
  checkRuntimes,
  checkedBlob,
  verifyImage
};
