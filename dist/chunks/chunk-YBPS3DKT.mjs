import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);

// src/build/git-facts.ts
import { execFile } from "node:child_process";
function git(cwd, args, gitBin) {
  return new Promise((resolve) => {
    execFile(gitBin, [...args], { cwd, timeout: 1e4, windowsHide: true }, (error, stdout) => {
      resolve(error ? void 0 : stdout.trim() || void 0);
    });
  });
}
async function gitFacts(cwd, gitBin = "git") {
  const head = await git(cwd, ["log", "-1", "--format=%H %ct", "HEAD"], gitBin);
  const [sha, time] = head?.split(" ") ?? [];
  if (!sha || !/^[0-9a-f]{40,64}$/.test(sha)) return {};
  const [tags, branch] = await Promise.all([git(cwd, ["tag", "--points-at", "HEAD", "--sort=-version:refname"], gitBin), git(cwd, ["symbolic-ref", "-q", "HEAD"], gitBin)]);
  const tag = tags?.split("\n")[0]?.trim();
  const ref = tag ? `refs/tags/${tag}` : branch;
  const commitTime = time && /^\d+$/.test(time) ? Number(time) : void 0;
  return { sha, ...ref ? { ref } : {}, ...commitTime !== void 0 ? { commitTime } : {} };
}
function gitFactsDir(inputs, cwd, resolvePath) {
  if (inputs.baseImage?.trim()) return cwd;
  const context = inputs.context?.trim() || ".";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(context) || /^git@/.test(context)) return void 0;
  return resolvePath(cwd, context);
}
function repositoryRoot(dir, gitBin = "git") {
  return git(dir, ["rev-parse", "--show-toplevel"], gitBin);
}
async function repositoryFacts(dir, env, gitBin = "git") {
  const facts = await gitFacts(dir, gitBin);
  const ref = env.GITHUB_REF?.trim();
  return facts.sha !== void 0 && facts.sha === env.GITHUB_SHA?.trim() && ref ? { ...facts, ref } : facts;
}

export {
  gitFacts,
  gitFactsDir,
  repositoryRoot,
  repositoryFacts
};
