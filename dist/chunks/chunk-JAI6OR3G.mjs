import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/build/git-facts.ts
import { execFile } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
function git(cwd, args, gitBin) {
  return new Promise((resolve) => {
    execFile(gitBin, [...args], { cwd, timeout: 1e4, windowsHide: true }, (error, stdout) => {
      resolve(error ? void 0 : stdout.trim() || void 0);
    });
  });
}
var EVERY_GIT_FACT = { ref: true, commitTime: true };
async function headFacts(cwd, gitBin) {
  const head = await git(cwd, ["log", "-1", "--format=%H %ct", "HEAD"], gitBin);
  const [sha, time] = head?.split(" ") ?? [];
  if (!sha || !/^[0-9a-f]{40,64}$/.test(sha)) return {};
  const commitTime = time && /^\d+$/.test(time) ? Number(time) : void 0;
  return { sha, ...commitTime !== void 0 ? { commitTime } : {} };
}
async function headRef(cwd, gitBin) {
  const [tags, branch] = await Promise.all([git(cwd, ["tag", "--points-at", "HEAD", "--sort=-version:refname"], gitBin), git(cwd, ["symbolic-ref", "-q", "HEAD"], gitBin)]);
  const tag = tags?.split("\n")[0]?.trim();
  return tag ? `refs/tags/${tag}` : branch;
}
async function gitFacts(cwd, needs = EVERY_GIT_FACT, gitBin = "git") {
  const head = await headFacts(cwd, gitBin);
  if (head.sha === void 0 || !needs.ref) return head;
  const ref = await headRef(cwd, gitBin);
  return { ...head, ...ref ? { ref } : {} };
}
async function workflowGitFacts(cwd, env, needs, gitBin = "git") {
  const ref = env.GITHUB_REF?.trim();
  const sha = env.GITHUB_SHA?.trim();
  const given = { ...ref ? { ref } : {}, ...sha ? { sha } : {} };
  if (sha && (ref || !needs.ref) && !needs.commitTime) return given;
  return { ...await gitFacts(cwd, { ref: needs.ref && !ref }, gitBin), ...given };
}
function gitFactsDir(inputs, cwd, resolvePath) {
  if (inputs.baseImage?.trim()) return cwd;
  const context = inputs.context?.trim() || ".";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@/.test(context)) return void 0;
  return resolvePath(cwd, context);
}
function checkoutRoot(dir) {
  let here;
  try {
    here = realpathSync(dir);
  } catch {
    return void 0;
  }
  for (; ; ) {
    if (existsSync(join(here, ".git"))) return here;
    const up = dirname(here);
    if (up === here) return void 0;
    here = up;
  }
}
async function repositoryFacts(dir, env, needs = EVERY_GIT_FACT, gitBin = "git") {
  const head = await headFacts(dir, gitBin);
  if (head.sha === void 0) return {};
  const workflowRef = env.GITHUB_REF?.trim();
  if (workflowRef && head.sha === env.GITHUB_SHA?.trim()) return { ...head, ref: workflowRef };
  const ref = needs.ref ? await headRef(dir, gitBin) : void 0;
  return { ...head, ...ref ? { ref } : {} };
}

export {
  EVERY_GIT_FACT,
  gitFacts,
  workflowGitFacts,
  gitFactsDir,
  checkoutRoot,
  repositoryFacts
};
