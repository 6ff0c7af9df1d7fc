import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  redactArgv
} from "./chunk-EVVRLWBB.mjs";
import {
  BuildError
} from "./chunk-SENFWAUD.mjs";

// src/build/run.ts
import { spawn } from "node:child_process";

// src/build/buildx-error.ts
var STEP = /^#\d+\s+/;
function buildxFailure(stderr, maxLines = 6) {
  const lines = stderr.split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line.trim() !== "");
  const errors = [...new Set(lines.map((line) => line.replace(STEP, "")).filter((line) => /^(ERROR|error)\b/.test(line)))];
  const picked = errors.length > 0 ? errors.slice(-maxLines) : lines.slice(-maxLines);
  return picked.join("\n") || "(no output)";
}

// src/build/run.ts
var KEEP = 256 * 1024;
function lineSink(emit) {
  let rest = "";
  return {
    push(chunk) {
      const text = rest + chunk.toString("utf8");
      const lines = text.split(/\r?\n/);
      rest = lines.pop() ?? "";
      for (const line of lines) if (line.trim() !== "") emit(line);
    },
    end() {
      if (rest.trim() !== "") emit(rest);
      rest = "";
    }
  };
}
function runDocker(args, deps, options = {}) {
  const direct = deps.buildx !== void 0 && args[0] === "buildx";
  const docker = direct ? deps.buildx : deps.docker ?? "docker";
  if (direct) args = args.slice(1);
  const shown = `${docker} ${redactArgv(args).join(" ")}`;
  deps.log.info(`$ ${shown}`);
  return new Promise((resolve, reject) => {
    const child = spawn(docker, [...args], { stdio: ["ignore", "pipe", "pipe"], ...deps.env ? { env: { ...deps.env } } : {} });
    const out = [];
    let err = "";
    const stdoutLines = lineSink((line) => deps.log.info(line));
    const stderrLines = lineSink((line) => options.quiet?.test(line) ? deps.log.debug(line) : deps.log.info(line));
    child.stdout.on("data", (chunk) => {
      out.push(chunk);
      if (options.echo !== false) stdoutLines.push(chunk);
    });
    child.stderr.on("data", (chunk) => {
      err = (err + chunk.toString("utf8")).slice(-KEEP);
      stderrLines.push(chunk);
    });
    child.on(
      "error",
      (error) => reject(
        new BuildError(
          { what: `cannot run ${docker}`, got: error.message, expected: "the docker CLI with the buildx plugin", fix: "install Docker (with buildx) or pass the path of the docker CLI" },
          { cause: error }
        )
      )
    );
    child.on("close", (code, signal) => {
      stdoutLines.end();
      stderrLines.end();
      if (code === 0) {
        resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: err });
        return;
      }
      reject(
        new BuildError({
          what: `${options.what ?? "docker"} failed (exit ${code ?? signal}): ${shown}`,
          got: buildxFailure(err),
          fix: "read the buildx error above; fix the Dockerfile, the inputs or the engine and run again"
        })
      );
    });
  });
}

export {
  runDocker
};
