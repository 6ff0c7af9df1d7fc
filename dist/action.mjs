import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  actionsCache,
  defaultCacheRoot,
  readDockerConfig,
  repositoryUrl,
  runFacts,
  runGitFacts,
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
  debug,
  getInput,
  group,
  info,
  notice,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunks/chunk-3677AHND.mjs";
import "./chunks/chunk-2ZPDASUW.mjs";
import "./chunks/chunk-SH2FOLLV.mjs";
import "./chunks/chunk-YFCBWU4X.mjs";
import "./chunks/chunk-TORZOQGE.mjs";
import "./chunks/chunk-LMSPCY74.mjs";
import "./chunks/chunk-RUXLBO7T.mjs";
import "./chunks/chunk-7I65BH5E.mjs";
import "./chunks/chunk-JUBMCVBR.mjs";
import {
  redactUrl,
  stripCredentials
} from "./chunks/chunk-AMMJLJJB.mjs";
import {
  ActionError
} from "./chunks/chunk-SENFWAUD.mjs";
import "./chunks/chunk-JVZTSKKL.mjs";

// src/entries/action.ts
import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// src/action/key-value-records.ts
import { randomUUID } from "node:crypto";
import { EOL } from "node:os";
function newDelimiter() {
  return `ghadelimiter_${randomUUID()}`;
}
function keyValueRecords(entries, delimiter = newDelimiter) {
  let text = "";
  for (const [name, value] of entries) {
    const mark = delimiter();
    if (name.includes(mark) || value.includes(mark)) throw new Error(`internal: output ${name} contains its record delimiter`);
    text += `${name}<<${mark}${EOL}${value}${EOL}${mark}${EOL}`;
  }
  return text;
}

// src/pipeline/outputs.ts
function actionOutputs(result) {
  const { prepared, built, merged, verification, stamp } = result;
  return {
    "cache-dir": prepared?.cacheDir ?? "",
    // As actions/cache: 'true' when nothing had to be downloaded.
    "cache-hit": prepared ? String(prepared.cacheHit) : "",
    source: prepared?.source ?? "",
    manifest: prepared ? JSON.stringify(prepared.manifest) : "",
    drift: result.drift && result.drift.length > 0 ? "true" : "false",
    digest: merged?.digest ?? built?.digest ?? "",
    imageid: built?.imageid ?? "",
    metadata: built ? JSON.stringify(built.metadata) : "",
    version: built || merged ? stamp?.version ?? "" : "",
    tags: (merged?.tags ?? built?.tags ?? []).join("\n"),
    labels: built || merged ? (stamp?.labels ?? []).join("\n") : "",
    annotations: built || merged ? (stamp?.annotations ?? []).join("\n") : "",
    archive: built?.archive ?? "",
    verification: verification ? JSON.stringify(verification) : "",
    "cache-image": result.cacheImage?.tagged ? `${result.cacheImage.reference}@${result.cacheImage.digest}` : "",
    gateway: result.gateway?.profile.name ?? "",
    verdict: (verification?.platforms ?? []).flatMap((p) => p.verdict ? [p.verdict] : []).join("\n"),
    attestation: result.attestation?.path ?? "",
    "subject-digest": result.attestation?.subjectDigest ?? ""
  };
}

// src/pipeline/summary-input.ts
function driftRow(d) {
  return {
    id: d.id,
    url: stripCredentials(d.url),
    expectedSha256: d.expected.sha256,
    // Extras are pinned by hash only: 0 stands for "no pinned size".
    expectedSize: d.expected.size ?? 0,
    ...d.from !== d.url ? { from: redactUrl(d.from) } : {},
    ...d.actual ? { actualSha256: d.actual.sha256, actualSize: d.actual.size } : {},
    ...d.error !== void 0 ? { error: d.error } : {}
  };
}
function summaryInput(result) {
  const { prepared, built, merged, verification, buildOptions } = result;
  const platformsOf = () => {
    if (merged) return [...merged.platforms];
    if (built?.platformDigests) return Object.keys(built.platformDigests);
    return [...buildOptions?.platforms ?? []];
  };
  const digest = merged?.digest ?? built?.digest;
  return {
    encoders: (prepared?.files ?? []).map((f) => ({ ...f, url: stripCredentials(f.url) })),
    ...prepared ? { cacheDir: prepared.cacheDir, cacheHit: prepared.cacheHit, source: prepared.source } : {},
    ...digest ? {
      image: {
        digest,
        tags: merged?.tags ?? built?.tags ?? [],
        platforms: platformsOf(),
        ...built?.archive ? { archive: built.archive } : {},
        ...result.published ? { published: result.published.map((t) => ({ ...t })) } : {},
        ...built ? { builder: { name: built.engine.builder ?? buildOptions?.builder ?? "default", driver: built.engine.driver } } : {}
      }
    } : {},
    ...buildOptions ? { cachePath: buildOptions.cachePath } : {},
    ...verification ? { verification: verification.platforms.map((p) => ({ platform: p.platform, digest: p.digest, ok: p.ok, files: p.files.map((f) => ({ cacheFile: f.cacheFile, status: f.status })), ...p.verdict ? { verdict: p.verdict } : {} })) } : {},
    ...result.gateway ? { gateway: { name: result.gateway.profile.name, by: result.gateway.by, why: result.gateway.why } } : {},
    ...buildOptions?.sourceDateEpoch !== void 0 ? { sourceDateEpoch: String(buildOptions.sourceDateEpoch) } : {},
    ...result.pinSetKey ? { pinSetKey: result.pinSetKey } : {},
    ...result.drift ? { drift: result.drift.map(driftRow) } : {},
    ...result.error !== void 0 ? { failure: result.error instanceof Error ? result.error.message : String(result.error) } : {}
  };
}

// src/report/markdown.ts
function cell(text) {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}
function code(text) {
  const flat = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
function table(header, rows) {
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
function bytes(size) {
  const grouped = String(Math.trunc(size)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  if (size < 1024) return `${grouped} B`;
  const [unit, scaled] = size < 1024 * 1024 ? ["KiB", size / 1024] : ["MiB", size / (1024 * 1024)];
  return `${grouped} B (${scaled.toFixed(2)} ${unit})`;
}
function shortDigest(digest, keep = 12) {
  const [algo, hex] = digest.includes(":") ? digest.split(":", 2) : ["", digest];
  const body = hex ?? "";
  const short = body.length > keep ? `${body.slice(0, keep)}\u2026` : body;
  return algo ? `${algo}:${short}` : short;
}

// src/report/summary.ts
var SUMMARY_TITLE = "tiktoken offline images";
function renderSummary(input) {
  const sections = [
    `## ${SUMMARY_TITLE}`,
    statusLine(input),
    input.drift !== void 0 ? driftSection(input.drift) : "",
    input.encoders.length === 0 && input.drift !== void 0 && input.drift.length > 0 ? "" : encodersSection(input),
    input.image ? imageSection(input.image) : "",
    input.verification ? verificationSection(input.verification, input.cachePath, input.gateway) : "",
    reproducibilitySection(input)
  ];
  return `${sections.filter((s) => s !== "").join("\n\n")}
`;
}
function statusLine(input) {
  const failing = (input.verification ?? []).filter((v) => !v.ok);
  const parts = [];
  if (input.drift && input.drift.length > 0) parts.push(`\u274C **drift**: ${input.drift.length} pinned file(s) changed upstream`);
  if (failing.length > 0) parts.push(`\u274C **verification failed** on ${failing.map((v) => code(v.platform)).join(", ")}`);
  if (input.failure !== void 0 && parts.length === 0) parts.push(`\u274C **failed**: ${cell(input.failure.split("\n")[0] ?? "")}`);
  if (parts.length > 0) return [parts.join(" \xB7 "), ...input.failure !== void 0 ? ["", "```", input.failure, "```"] : []].join("\n");
  const done = [`\u2705 ${input.encoders.length} encoder file(s) verified`];
  if (input.image) done.push(`image for ${input.image.platforms.length} platform(s)`);
  if (input.verification && input.verification.length > 0) done.push("checked offline on every platform");
  return done.join(" \xB7 ");
}
function driftSection(drift) {
  if (drift.length === 0) return "### Drift\n\nRefresh downloaded every pinned file again: upstream still serves the pinned bytes.";
  const rows = drift.map((d) => [
    cell(d.id),
    code(d.url),
    d.from === void 0 || d.from === d.url ? "\u2014" : code(d.from),
    code(d.expectedSha256),
    d.actualSha256 !== void 0 ? code(d.actualSha256) : cell(d.error ?? "no bytes"),
    d.expectedSize > 0 ? cell(bytes(d.expectedSize)) : "\u2014",
    d.actualSize !== void 0 ? cell(bytes(d.actualSize)) : "\u2014"
  ]);
  return [
    "### \u274C Drift: upstream encoder bytes no longer match the pins",
    table(["File", "URL", "Fetched from", "Pinned sha256", "Upstream now", "Pinned size", "Upstream size"], rows),
    [
      "The cached, verified files keep working; nothing unverified was cached or shipped.",
      "Review the change upstream (tiktoken release notes), then move to an action release whose pins include the new bytes; meanwhile keep building from the verified files (`source:` or the warm cache)."
    ].join(" ")
  ].join("\n\n");
}
function encodersSection(input) {
  const rows = input.encoders.map((f) => [
    cell(f.encodings.join(", ")),
    cell(f.id),
    code(f.cacheFile),
    cell(f.source),
    cell(bytes(f.size)),
    code(f.sha256)
  ]);
  const total = input.encoders.reduce((sum, f) => sum + f.size, 0);
  const facts = [`${input.encoders.length} file(s), ${bytes(total)}`];
  if (input.cacheHit !== void 0) facts.push(`cache-hit: ${code(String(input.cacheHit))}`);
  if (input.source) facts.push(`source: ${code(input.source)}`);
  if (input.cacheDir) facts.push(`cache-dir: ${code(input.cacheDir)}`);
  return [
    "### Encoder files",
    rows.length > 0 ? table(["Encodings", "File", "Cache file (sha1 of URL)", "Source", "Size", "sha256"], rows) : "_No encoder files._",
    facts.join(" \xB7 ")
  ].join("\n\n");
}
function imageSection(image) {
  const rows = [
    ["Digest", code(image.digest)],
    ["Platforms", image.platforms.map(code).join(", ") || "\u2014"]
  ];
  if (image.builder) rows.push(["Builder", `${code(image.builder.name)} (driver ${code(image.builder.driver)})`]);
  if (image.published === void 0) rows.push(["Tags", image.tags.map(code).join("<br>") || "_none (pushed by digest)_"]);
  else if (image.published.length === 0) rows.push(["Tags", image.tags.length === 0 ? "_none (pushed by digest)_" : "_none created (no push or load)_"]);
  if (image.archive) rows.push(["OCI archive", code(image.archive)]);
  const sections = ["### Image", table(["", ""], rows)];
  if (image.published && image.published.length > 0) {
    const tagRows = image.published.map((t) => [code(t.ref), cell(t.where), t.published ? "\u2705 published" : `\u274C not published${t.reason ? `: ${cell(t.reason.split("\n")[0] ?? "")}` : ""}`]);
    sections.push(table(["Tag", "Where", "Published"], tagRows));
  }
  return sections.join("\n\n");
}
function verificationSection(reports, cachePath, gateway) {
  const rows = reports.map((r) => {
    const good = r.files.filter((f) => f.status === "ok").length;
    return [code(r.platform), code(shortDigest(r.digest)), r.ok ? "\u2705 offline-ready" : "\u274C failed", cell(`${good}/${r.files.length} files match their pin`)];
  });
  const problems = reports.flatMap((r) => r.files.filter((f) => f.status !== "ok").map((f) => `- ${code(r.platform)} ${code(f.cacheFile)}: ${cell(f.status)}`));
  const where = cachePath ? ` under ${code(cachePath)}` : "";
  return [
    "### Offline verification",
    `Read from each platform's image layers (no container, no network): every file${where} against its pinned sha256, and \`TIKTOKEN_CACHE_DIR\`/\`DATA_GYM_CACHE_DIR\`.`,
    rows.length > 0 ? table(["Platform", "Manifest", "Result", "Files"], rows) : "_No platform was verified._",
    ...problems.length > 0 ? [problems.join("\n")] : [],
    ...gatewayLines(reports, gateway)
  ].join("\n\n");
}
function gatewayLines(reports, gateway) {
  const verdicts = reports.flatMap((r) => r.verdict ? [`- ${r.ok ? "\u2705" : "\u274C"} ${code(r.verdict)}`] : []);
  if (!gateway && verdicts.length === 0) return [];
  const head = gateway ? `**Gateway:** ${code(gateway.name)}${gateway.by === "auto" ? ` (auto: ${code(gateway.why)})` : ""}` : "**Gateway verdict**";
  return [head, ...verdicts.length > 0 ? [verdicts.join("\n")] : []];
}
function reproducibilitySection(input) {
  const rows = [];
  if (input.sourceDateEpoch !== void 0) rows.push(["source-date-epoch", `${code(input.sourceDateEpoch)}${epochDate(input.sourceDateEpoch)}`]);
  if (input.pinSetKey !== void 0) rows.push(["Pin set", code(input.pinSetKey)]);
  if (rows.length === 0) return "";
  return ["### Reproducibility", table(["Input", "Value"], rows), "The same inputs rebuild the same per-platform manifest digests."].join("\n\n");
}
function epochDate(epoch) {
  if (!/^\d{1,12}$/.test(epoch)) return "";
  return ` (${new Date(Number(epoch) * 1e3).toISOString().replace(".000Z", "Z")})`;
}

// src/entries/action.ts
function actionsLogger(secrets) {
  const m = (message) => secrets.mask(message);
  return {
    info: (message) => info(m(message)),
    notice: (message) => notice(m(message)),
    warning: (message) => warning(m(message)),
    debug: (message) => debug(m(message)),
    group: (title, body) => group(m(title), body)
  };
}
function failureText(error) {
  if (error instanceof ActionError) return error.message;
  return `unexpected error (please report it): ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
}
async function setOutputs(outputs, file) {
  if (file) {
    await appendFile(file, keyValueRecords(Object.entries(outputs)), "utf8");
    return;
  }
  for (const [name, value] of Object.entries(outputs)) setOutput(name, value);
}
async function runAction() {
  const env = process.env;
  const secrets = secretMask();
  const log = actionsLogger(secrets);
  const runnerTemp = env.RUNNER_TEMP?.trim() || void 0;
  const workDir = await mkdtemp(join(runnerTemp ?? tmpdir(), "oneapi-offline-run-"));
  try {
    const result = await runPipeline(
      (name) => getInput(name),
      {
        runnerTemp,
        defaultCacheRoot: defaultCacheRoot(env),
        workDir,
        cwd: process.cwd(),
        processEnv: env,
        git: (needs) => runGitFacts(env.GITHUB_WORKSPACE ?? process.cwd(), env, needs),
        repositoryUrl: repositoryUrl(env),
        dockerConfig: await readDockerConfig(env),
        run: runFacts(env)
      },
      {
        log,
        addSecret: (secret) => {
          setSecret(secret);
          secrets.add(secret);
        },
        applyEnvironment: (vars) => Object.assign(process.env, vars),
        toolCache: runnerToolCache(log, env),
        actionsCache: actionsCache(log, env)
      }
    );
    const outputs = Object.fromEntries(Object.entries(actionOutputs(result)).map(([name, value]) => [name, secrets.mask(value)]));
    await setOutputs(outputs, env.GITHUB_OUTPUT);
    if (env.GITHUB_STEP_SUMMARY) {
      await summary.addRaw(secrets.mask(renderSummary(summaryInput(result)))).write();
    }
    if (result.error !== void 0) setFailed(secrets.mask(failureText(result.error)));
  } catch (error) {
    setFailed(secrets.mask(failureText(error)));
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
await runAction();
