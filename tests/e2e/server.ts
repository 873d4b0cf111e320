import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { repoRoot } from "@scrutiny/db";

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/**
 * How long a server may take to answer /api/health: a first start seeds the default dataset, which
 * took 6 s here at load 4 and over 60 s at load 26 on two cores (when 60 s was the limit, a file's
 * tests were then reported as skipped). SCRUTINY_E2E_START_SECONDS overrides it. The hooks that start
 * servers allow more than this (vitest.config.ts hookTimeout), so a slow start fails with this
 * message and the server's output.
 */
export const SERVER_START_MS = Number(process.env.SCRUTINY_E2E_START_SECONDS ?? 300) * 1000;

/**
 * Starts the real server (apps/api/src/main.ts) as the start command does, on a free port with a
 * fresh embedded database seeded from data/default on first start.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "scrutiny-e2e-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "apps/api/src/main.ts")], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `sqlite:${join(dir, "e2e.sqlite")}`, SCRUTINY_LOCAL_USER: "E2E Officer", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const deadline = started + SERVER_START_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`The server did not answer /api/health within ${SERVER_START_MS / 1000} s (load average ${loadavg().map((l) => l.toFixed(1)).join(", ")}):\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
