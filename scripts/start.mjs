#!/usr/bin/env node
/**
 * npm start — the one command a new user runs: installs dependencies if missing, builds the
 * dashboard if it is missing or older than its sources, then starts the server, which creates and
 * seeds the embedded database on first start. Plain Node: it runs before anything is installed.
 */
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (command, args) => {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);
const newestIn = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestIn(path) : mtime(path));
  }, 0);

if (!existsSync(join(root, "node_modules", ".bin")) || mtime(join(root, "package-lock.json")) > mtime(join(root, "node_modules", ".package-lock.json"))) {
  console.log("Installing dependencies (npm ci; the SQLite driver compiles on first install, about 2 minutes)…");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}
const web = join(root, "apps", "web");
const builtAt = mtime(join(web, "dist", "index.html"));
if (builtAt === 0 || Math.max(newestIn(join(web, "src")), newestIn(join(root, "packages", "domain", "src"))) > builtAt) {
  console.log("Building the dashboard…");
  run("npx", ["vite", "build", "--config", "apps/web/vite.config.ts", "--logLevel", "warn"]);
}
const server = spawn(process.execPath, ["--import", "tsx", join(root, "apps", "api", "src", "main.ts")], { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
