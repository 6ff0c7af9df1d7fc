import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  expectedFile
} from "./chunk-N46JYSNY.mjs";
import {
  dockerCredentials
} from "./chunk-NUPML46M.mjs";
import {
  layerSummaries
} from "./chunk-CNXHBQ3L.mjs";
import "./chunk-SOO7QRZ2.mjs";
import {
  FileStatus,
  checkRuntimes,
  verifyImage
} from "./chunk-N5GB6H6Z.mjs";
import "./chunk-PORR73YQ.mjs";
import "./chunk-Q4HTTC5K.mjs";
import "./chunk-Z35GPKIQ.mjs";
import "./chunk-RPBY7RYD.mjs";
import "./chunk-BJ7SNYSJ.mjs";
import "./chunk-RUAZ4UUQ.mjs";
import "./chunk-37GEL7R4.mjs";
import "./chunk-RQOY37YH.mjs";
import "./chunk-CZKUM3XS.mjs";
import {
  parseBaseImage
} from "./chunk-Q2XS5W2M.mjs";
import "./chunk-2PSOF6JL.mjs";
import "./chunk-DOLB5LDS.mjs";
import {
  selectFiles
} from "./chunk-QXO2ADUY.mjs";
import "./chunk-SC7NWMZY.mjs";
import "./chunk-4CAFWHQW.mjs";
import "./chunk-NR5WT3X2.mjs";
import "./chunk-TVM242SN.mjs";
import "./chunk-EOQMFXHM.mjs";
import "./chunk-LMSPCY74.mjs";
import {
  ENCODINGS,
  ENCODING_NAMES
} from "./chunk-7I65BH5E.mjs";
import "./chunk-AMMJLJJB.mjs";
import {
  BuildError,
  InputError,
  VerifyError
} from "./chunk-SENFWAUD.mjs";
import "./chunk-JVZTSKKL.mjs";

// src/base-floor/decide.ts
function foldersOf(served) {
  const folders = /* @__PURE__ */ new Map();
  for (const platform of served.platforms) {
    for (const reader of platform.readers) {
      if (reader.directory === void 0) continue;
      const folder = folders.get(reader.directory) ?? { directory: reader.directory, why: /* @__PURE__ */ new Set(), readers: /* @__PURE__ */ new Set(), platforms: /* @__PURE__ */ new Set(), entries: [] };
      folder.why.add(reader.why);
      folder.readers.add(reader.reader);
      folder.platforms.add(platform.platform);
      folder.entries.push(reader);
      folders.set(reader.directory, folder);
    }
  }
  return [...folders.values()];
}
function shown(text) {
  return /^[\x20-\x7e]*$/.test(text) ? text : JSON.stringify(text);
}
function where(folder) {
  return `${shown(folder.directory)} (${[...folder.why].map(shown).join(", ")}; read by ${[...folder.readers].join(" and ")} on ${[...folder.platforms].join(", ")})`;
}
var label = (f) => f.id ? `${f.cacheFile} (${f.id})` : f.cacheFile;
var ALL_PINNED = selectFiles(ENCODING_NAMES);
function withWholeEncodings(names) {
  const ids = new Set(ALL_PINNED.filter((f) => names.has(f.cacheFile)).map((f) => f.id));
  const whole = new Map(selectFiles(ENCODING_NAMES.filter((name) => ENCODINGS[name].every((id) => ids.has(id)))).map((f) => [f.id, f]));
  return ALL_PINNED.filter((f) => ids.has(f.id)).map((f) => whole.get(f.id) ?? { ...f, encodings: [] });
}
function decideFloor(served, input) {
  const folders = foldersOf(served);
  const wrong = folders.flatMap((folder) => {
    const seen = /* @__PURE__ */ new Map();
    for (const entry of folder.entries) for (const w of entry.wrong) seen.set(w.file.cacheFile, `${shown(folder.directory)}/${label(w.file)}: sha256 ${w.sha256} (${w.size} B), pinned ${w.file.sha256}${w.file.size === void 0 ? "" : ` (${w.file.size} B)`}`);
    return seen.size > 0 ? [{ folder, lines: [...seen.values()] }] : [];
  });
  if (wrong.length > 0) {
    throw new InputError("base-image", {
      what: `base-image ${input.baseImage} holds a pinned file name with other bytes than its pin, in ${wrong.map((w) => where(w.folder)).join("; ")}: the base is not trusted, and its copy is not carried`,
      got: wrong.flatMap((w) => w.lines).join("; "),
      expected: "each pinned file name in the folder a reader uses to hold the pinned bytes (or to be absent)",
      fix: `rebuild the base with the verified files (or without them), or use another base image; the files' names and pins are in src/pins.ts`
    });
  }
  const selected = new Set(input.selection.map((f) => f.cacheFile));
  const bytes = /* @__PURE__ */ new Map();
  const servedNames = /* @__PURE__ */ new Set();
  const notes = [];
  const warnings = [];
  for (const folder of folders) {
    const names = /* @__PURE__ */ new Set();
    for (const entry of folder.entries) {
      for (const s of entry.served) {
        names.add(label(s.file));
        servedNames.add(s.file.cacheFile);
        if (s.bytes && !bytes.has(s.file.cacheFile)) bytes.set(s.file.cacheFile, s.bytes);
      }
    }
    notes.push(`the base serves ${where(folder)}: ${names.size > 0 ? [...names].join(", ") : "no pinned file"}`);
    const unpinned = [...new Set(folder.entries.flatMap((e) => e.unpinned))];
    if (unpinned.length > 0) {
      warnings.push(
        `base-image ${input.baseImage}: ${where(folder)} holds files that match no pin: ${unpinned.map(shown).join(", ")}. The image does not carry them (its readers look in ${input.cachePath}); to keep a tiktoken file there, list it in extra-encoders as "name url sha256" (it is then fetched from url and checked against sha256)`
      );
    }
    const unreadable = [...new Map(folder.entries.flatMap((e) => e.unreadable).map((u) => [u.file.cacheFile, `${label(u.file)} (${shown(u.detail)})`])).values()];
    if (unreadable.length > 0) warnings.push(`base-image ${input.baseImage}: in ${where(folder)} these pinned names cannot be read as files, so the base does not serve them and nothing is carried for them: ${unreadable.join(", ")}`);
  }
  const servedFiles = [...withWholeEncodings(servedNames), ...input.selection.filter((f) => f.extra && servedNames.has(f.cacheFile))];
  const carried = [];
  for (const file of servedFiles) {
    if (selected.has(file.cacheFile)) continue;
    const kept = bytes.get(file.cacheFile);
    if (!kept) throw new Error(`internal: no bytes were kept for ${label(file)} to carry`);
    carried.push({ file, bytes: kept });
  }
  if (carried.length > 0) {
    notes.push(`carried from the base into ${input.cachePath} (verified bytes, no download): ${carried.map((c) => `${label(c.file)}${c.file.encodings.length > 0 ? ` [${c.file.encodings.join(", ")}]` : ""}`).join(", ")}`);
  }
  return { floor: { baseImage: input.baseImage, served: servedFiles, carried }, notes, warnings };
}

// src/base-floor/served.ts
function components(path) {
  return path.split("/").filter((part) => part !== "");
}
function servedOn(facts, report, expectations, readers, carry) {
  const byName = new Map(expectations.files.map((f) => [f.cacheFile, f]));
  const needs = [];
  const out = [];
  for (const consumer of report.consumers) {
    if (!readers.includes(consumer.consumer)) continue;
    const base = { reader: consumer.consumer, why: consumer.why };
    if (consumer.directory === void 0) {
      out.push({ ...base, served: [], wrong: [], unreadable: [], unpinned: [] });
      continue;
    }
    const dir = consumer.directory;
    const folder = facts.tree.resolve(components(dir), "open");
    const isFolder = folder.kind === "found" && folder.node.kind === "dir";
    const served = [];
    const wrong = [];
    const unreadable = [];
    for (const check of consumer.files) {
      const file = byName.get(check.cacheFile);
      if (!file) continue;
      if (check.status === FileStatus.ok) {
        if (!carry.has(file.cacheFile)) {
          served.push({ file });
          continue;
        }
        const found = facts.tree.resolve([...components(dir), file.cacheFile], "open");
        const content = found.kind === "found" && found.node.kind === "file" ? found.node.content : void 0;
        if (!content) throw new Error(`internal: ${dir}/${file.cacheFile} passed its check but is no file`);
        if (content.bytes === void 0) needs.push({ content, keep: true });
        else served.push({ file, bytes: content.bytes });
      } else if (check.status === FileStatus.wrongBytes) {
        if (check.actualSha256 !== void 0) wrong.push({ file, sha256: check.actualSha256, size: check.actualSize ?? 0 });
        else if (isFolder) unreadable.push({ file, detail: check.detail ?? "cannot be read" });
      }
    }
    out.push({ ...base, directory: dir, served, wrong, unreadable, unpinned: [...consumer.otherFiles] });
  }
  if (needs.length > 0) return { needs };
  return { serves: { platform: facts.platform, readers: out } };
}
function servedJudge(readers, carry, onServes) {
  return (facts, problems, expectations) => {
    const checked = checkRuntimes(facts, problems, expectations);
    if ("needs" in checked || problems.length > 0) return checked;
    const { views, user: _user, refusals: _refusals, ...rest } = facts;
    const served = servedOn({ ...rest, tree: views.containerd, problems }, checked.report, expectations, readers, carry);
    if ("needs" in served) return served;
    onServes(served.serves);
    return checked;
  };
}

// src/base-floor/read-served.ts
var UnreadableBase = class extends Error {
  constructor(image, problems) {
    super(`${image}: ${problems.map((p) => `${p.platform}: ${p.problems.join("; ")}`).join(" | ")}`);
    this.image = image;
    this.problems = problems;
  }
  image;
  problems;
};
function quiet(log) {
  return { info: (m) => log.debug(m), notice: (m) => log.debug(m), warning: (m) => log.warning(m), debug: (m) => log.debug(m), group: async (_title, body) => body() };
}
async function readBaseServed(request, deps) {
  const expectations = { cachePath: request.cachePath, files: request.known.map(expectedFile), consumers: request.readers };
  const byPlatform = /* @__PURE__ */ new Map();
  const judge = servedJudge(request.readers, request.carry, (serves) => byPlatform.set(serves.platform, serves));
  const report = await verifyImage(request.target, expectations, {
    log: quiet(deps.log),
    platforms: request.platforms,
    judge,
    ...deps.transport ? { transport: deps.transport } : {},
    ...deps.summaries ? { summaries: deps.summaries } : {},
    ...deps.limits ? { limits: deps.limits } : {}
  });
  const failed = report.platforms.filter((p) => p.problems.length > 0 || !byPlatform.has(p.platform));
  if (failed.length > 0) throw new UnreadableBase(report.image, failed.map((p) => ({ platform: p.platform, problems: p.problems.length > 0 ? p.problems : ["not read"] })));
  return { image: report.image, digest: report.digest, platforms: report.platforms.map((p) => byPlatform.get(p.platform)) };
}

// src/base-floor/plan-floor.ts
function targetOf(baseImage, dockerConfig) {
  const base = parseBaseImage(baseImage);
  if (base.kind !== "registry") return { kind: "oci-archive", path: base.path, ...base.tag ? { refName: base.tag } : {} };
  const lookup = dockerCredentials(dockerConfig);
  return { kind: "registry", reference: base.reference, credentials: () => lookup(base.ref.registry) };
}
async function readBaseFloor(request, deps) {
  const { log } = deps;
  const selection = selectFiles(request.selection.encodings, request.selection.extras);
  const known = selectFiles(ENCODING_NAMES, request.selection.extras);
  const selected = new Set(selection.map((f) => f.cacheFile));
  const carry = new Set(known.filter((f) => !f.extra && !selected.has(f.cacheFile)).map((f) => f.cacheFile));
  log.info(`reading what ${request.baseImage} serves offline (${request.readers.join(", ")}; ${request.platforms.join(", ")}) before the build`);
  let target;
  try {
    target = targetOf(request.baseImage, deps.dockerConfig);
  } catch (error) {
    log.warning(`base-image ${request.baseImage} is not a reference this run can read (${error.message}): the image is not compared with what its base serves`);
    return void 0;
  }
  let served;
  try {
    served = await readBaseServed(
      { target, platforms: request.platforms, cachePath: request.cachePath, readers: request.readers, known, carry },
      { log, transport: deps.transport, summaries: layerSummaries(deps.summariesDir, (why) => log.info(why)) }
    );
  } catch (error) {
    if (error instanceof UnreadableBase) {
      throw new BuildError(
        {
          what: `cannot read what base-image ${request.baseImage} serves, so the image cannot be held to it (nothing was built)`,
          got: error.problems.map((p) => `${p.platform}: ${p.problems.join("; ")}`).join("\n"),
          fix: "check the base image and its registry; a zstd layer needs Node \u2265 22.15 (the action runs on node24)"
        },
        { cause: error }
      );
    }
    if (!(error instanceof VerifyError)) throw error;
    const builder = request.engine === "registry" ? "the registry engine opens the base again to build on it" : "buildx reads the base itself";
    log.warning(`could not read what base-image ${request.baseImage} serves before the build (${error.problem.got ?? error.message}); ${builder}, but the image is not compared with the base and nothing is carried from it`);
    return void 0;
  }
  const decision = decideFloor(served, { baseImage: request.baseImage, cachePath: request.cachePath, selection });
  for (const note of decision.notes) log.info(note);
  for (const warning of decision.warnings) log.warning(warning);
  return decision.floor;
}
export {
  readBaseFloor
};
