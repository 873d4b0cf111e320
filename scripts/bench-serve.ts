/**
 * npm run bench, part 2 (issue 13): what serving and importing cost, each against a floor, in one
 * run, appended to docs/benchmarks.md.
 * - scorecard and series at 50 connections against a bare Hono route serving the same bytes
 *   (separate processes; autocannon), and a revalidation (If-None-Match → 304) against the same;
 * - first visit of the scorecard: bytes on the wire (Chromium, cold cache);
 * - start-up time: first start (seeding) and a start on a seeded database;
 * - the scorecard on PostgreSQL against SQLite (first, computed answer and served answers);
 * - the police.uk import of the 28 Essex files against DuckDB reading and aggregating the same
 *   files, whole processes, alternated;
 * - the indicator import of ~400,000 rows: rows/s and peak memory (/usr/bin/time -v), as CSV and as .xlsx.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { sql } from "kysely";
import { createDb, repoRoot, sharedDataDir } from "@scrutiny/db";
import { launchBrowser } from "../tests/e2e/browser";
import { benchIndicatorFiles } from "./benchIndicatorFiles";
import { writeBenchIndicatorXlsx } from "./benchIndicatorXlsx";

const ESSEX = "E23000028";
/** BENCH_ONLY=http,web,startup,postgres,policeuk,indicators runs only those parts (all when unset). */
const onlyParts = (process.env.BENCH_ONLY ?? "").split(",").map((p) => p.trim()).filter(Boolean);
const only = (part: string) => onlyParts.length === 0 || onlyParts.includes(part);
const work = mkdtempSync(join(tmpdir(), "scrutiny-bench-"));
const out: string[] = [];
const note = (line: string) => {
  out.push(line);
  console.log(line);
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const tsx = join(repoRoot, "node_modules", ".bin", "tsx");

let nextPort = 18_700 + Math.floor(Math.random() * 1000);
const children: ChildProcess[] = [];
process.on("exit", () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
});

async function waitFor(url: string, child: ChildProcess, output: () => string, seconds = 300): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${seconds} s:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The real server (apps/api/src/main.ts) on a database; resolves once /api/health answers. */
async function startApp(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<{ url: string; ms: number; stop: () => Promise<void> }> {
  const port = nextPort++;
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "apps/api/src/main.ts")], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, NODE_ENV: "production", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/api/health`, child, () => output);
  return { url, ms: performance.now() - started, stop: () => stop(child) };
}

async function startBare(bytes: Uint8Array, headers: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = nextPort++;
  const file = join(work, `bare-${port}.bin`);
  writeFileSync(file, bytes);
  const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, "scripts/bench-bare.ts"), String(port), file, JSON.stringify(headers)], { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/`, child, () => output);
  return { url, stop: () => stop(child) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
}

interface Load {
  rps: number;
  p99: number;
  errors: number;
  non2xx: number;
  statuses: string;
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Load> {
  const result = await autocannon({ url, connections: 50, duration: seconds, headers });
  const statuses = Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => `${code}×${(s as { count: number }).count}`).join(" ");
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx: result.non2xx, statuses };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

/** HTTP runs per request kind, app and floor alternated; the figures shown are the median run's. */
const HTTP_RUNS = Number(process.env.BENCH_HTTP_RUNS ?? 3);

/**
 * The app against the floor: both warmed for 2 s (the JIT compiles each server's path), then
 * HTTP_RUNS pairs, app then floor; the ratio is the median of the pairs' ratios (a pair shares the
 * same minutes of a shared machine), the req/s and p99 shown are the median pair's.
 */
async function against(appUrl: string, floorUrl: string, headers: Record<string, string>): Promise<{ mine: Load; floor: Load; ratio: number; ratios: number[] }> {
  await load(appUrl, headers, 2);
  await load(floorUrl, headers, 2);
  const pairs: { mine: Load; floor: Load; ratio: number }[] = [];
  for (let i = 0; i < HTTP_RUNS; i++) {
    const mine = await load(appUrl, headers, SECONDS);
    const floor = await load(floorUrl, headers, SECONDS);
    pairs.push({ mine, floor, ratio: mine.rps / floor.rps });
  }
  const middle = [...pairs].sort((a, b) => a.ratio - b.ratio)[Math.floor(pairs.length / 2)]!;
  // Errors and non-2xx of every run, not just the median's.
  const mine = { ...middle.mine, errors: pairs.reduce((n, p) => n + p.mine.errors, 0), non2xx: pairs.reduce((n, p) => n + p.mine.non2xx, 0) };
  return { mine, floor: middle.floor, ratio: middle.ratio, ratios: pairs.map((p) => p.ratio) };
}

note("");
note(`## Serving and importing against a floor (issue 13)`);
note("");
note(
  `Written by \`npm run bench\` (scripts/bench-serve.ts) on ${new Date().toISOString().replace("T", " ").slice(0, 16)} UTC: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown"}), ${Math.round(totalmem() / 2 ** 30)} GiB. ` +
    `Load average ${loadavg().map((l) => l.toFixed(1)).join(", ")} (1, 5, 15 minutes) at the start${loadavg()[0]! > cpus().length ? ": **the machine was busy** with other work, so absolute figures are low and noisy" : ""}; the ratios against a floor measured in the same minutes are the figures to read.`,
);
note("");

// ---------------------------------------------------------------- HTTP: scorecard and series
const sqliteFile = join(work, "bench.sqlite");
const first = await startApp(`sqlite:${sqliteFile}`);
const firstStartMs = first.ms;
await first.stop();
const app = await startApp(`sqlite:${sqliteFile}`);
const warmStartMs = app.ms;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const endpoints = [
  { name: "scorecard `/api/overview`", path: `/api/overview?area=${ESSEX}` },
  { name: "series `/api/series`", path: `/api/series?indicator=police-uk-burglary&area=${ESSEX}` },
];
const accept = { "accept-encoding": "gzip, deflate, br" };
if (only("http")) {
  note(`### HTTP at 50 connections, ${SECONDS} s each, app and bare route alternated, median of ${HTTP_RUNS} pairs after a 2 s warm-up of each (autocannon, embedded SQLite)`);
  note("");
  note(
    "The floor is a bare Hono route on @hono/node-server (scripts/bench-bare.ts: no database, no middleware) answering with the very response the app sent, captured from it: the same status, every header it sent (the six security headers, ETag, Vary, Cache-Control, Content-Type, Content-Encoding, Content-Length; an X-Request-Id fixed at the app's length) and the same body bytes; for a revalidation, the app's 304 with its headers. Node adds Date and Connection to both.",
  );
  note("");
  note("| request | Scrutiny req/s | p99 | errors / non-2xx (all runs) | bare Hono route, same response: req/s | p99 | ratio: median (each pair) (target ≥ 0.5; 304 ≥ 0.8) |");
  note("|---|---|---|---|---|---|---|");
}
const firstRequestMs: Record<string, number> = {};
for (const endpoint of only("http") ? endpoints : []) {
  const t = performance.now();
  const response = await fetch(`${app.url}${endpoint.path}`, { headers: accept });
  const bytes = new Uint8Array(await response.arrayBuffer());
  firstRequestMs[endpoint.name] = performance.now() - t;
  // fetch decodes: take the stored encoded bytes by asking without decoding.
  const raw = await rawGet(`${app.url}${endpoint.path}`, accept);
  const etag = raw.headers["etag"] ?? "";
  const revalidated = await rawGet(`${app.url}${endpoint.path}`, { ...accept, "if-none-match": etag });
  if (raw.status !== 200 || revalidated.status !== 304) throw new Error(`${endpoint.path}: expected 200 then 304, got ${raw.status} and ${revalidated.status}`);
  // The floor serves the very answer the app sent: its status, every header (security headers,
  // ETag, Vary, Cache-Control, Content-Type/Encoding/Length, a fixed X-Request-Id of the same
  // length) and its body, captured from a real response; Node adds Date and Connection to both.
  const bare = await startBare(raw.body, floorHeaders(raw.rawHeaders, 200));
  const ok = await against(`${app.url}${endpoint.path}`, `${bare.url}${endpoint.path}`, accept);
  note(`| ${endpoint.name} (${fmt(raw.body.byteLength)} B ${raw.headers["content-encoding"] ?? "plain"}, ${fmt(bytes.byteLength)} B JSON) | ${fmt(ok.mine.rps)} | ${ok.mine.p99} ms | ${ok.mine.errors} / ${ok.mine.non2xx} | ${fmt(ok.floor.rps)} | ${ok.floor.p99} ms | **${ok.ratio.toFixed(2)}** (${ok.ratios.map((r) => r.toFixed(2)).join(", ")}) |`);
  await bare.stop();
  // Revalidation: the same request with If-None-Match, against a bare route answering the app's 304.
  const bareNotModified = await startBare(new Uint8Array(), floorHeaders(revalidated.rawHeaders, 304));
  const nm = await against(`${app.url}${endpoint.path}`, `${bareNotModified.url}${endpoint.path}`, { ...accept, "if-none-match": etag });
  note(`| ${endpoint.name} revalidated (If-None-Match → ${nm.mine.statuses}) | ${fmt(nm.mine.rps)} | ${nm.mine.p99} ms | ${nm.mine.errors} / — | ${fmt(nm.floor.rps)} | ${nm.floor.p99} ms | **${nm.ratio.toFixed(2)}** (${nm.ratios.map((r) => r.toFixed(2)).join(", ")}) |`);
  await bareNotModified.stop();
}
note("");
if (only("http")) note(`First request after start (computed, then held for the data version): scorecard ${fmt(firstRequestMs[endpoints[0]!.name]!)} ms, series ${fmt(firstRequestMs[endpoints[1]!.name]!)} ms.`);
note("");

// ---------------------------------------------------------------- first visit bytes on the wire
if (only("web")) {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    // Every response of the visit, by kind; the count ends only once the scorecard is drawn, the
    // fonts are in and no request has been in flight for a second. (Until 113g this waited for
    // Playwright's "networkidle", which can fire while the scripts are still being evaluated,
    // before the page has asked for its data or its font: 116 KB in 10 requests was such a run.)
    const kinds = new Map<string, string>();
    const byKind = new Map<string, { bytes: number; requests: number }>();
    let inFlight = 0;
    let lastActivity = performance.now();
    cdp.on("Network.requestWillBeSent", (e: { requestId: string; type?: string }) => {
      kinds.set(e.requestId, e.type ?? "Other");
      inFlight++;
      lastActivity = performance.now();
    });
    const settle = (e: { requestId: string }, bytes: number) => {
      const kind = kinds.get(e.requestId) ?? "Other";
      const sum = byKind.get(kind) ?? { bytes: 0, requests: 0 };
      byKind.set(kind, { bytes: sum.bytes + bytes, requests: sum.requests + 1 });
      inFlight--;
      lastActivity = performance.now();
    };
    cdp.on("Network.loadingFinished", (e: { requestId: string; encodedDataLength: number }) => settle(e, e.encodedDataLength));
    cdp.on("Network.loadingFailed", (e: { requestId: string }) => settle(e, 0));
    await page.goto(`${app.url}/?area=${ESSEX}`);
    await page.locator("table.scorecard tbody tr").first().waitFor({ timeout: 120_000 });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    while (inFlight > 0 || performance.now() - lastActivity < 1000) await page.waitForTimeout(100);
    const total = [...byKind.values()].reduce((sum, k) => ({ bytes: sum.bytes + k.bytes, requests: sum.requests + k.requests }), { bytes: 0, requests: 0 });
    const parts = [...byKind].sort((a, b) => b[1].bytes - a[1].bytes).map(([kind, k]) => `${kind.toLowerCase()} ${fmt(k.bytes / 1024)} KB (${k.requests})`);
    note(`### First visit of the scorecard (Chromium, cold cache, until the scorecard is drawn, the fonts are in and the network is quiet)`);
    note("");
    note(`**${fmt(total.bytes / 1024)} KB on the wire** in ${total.requests} requests (target ≤ 150 KB; headers included): ${parts.join(", ")}. Scripts, styles and the font sent as brotli written at build time.`);
    note("");
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------- Lighthouse performance
if (only("web")) {
  const bin = join(repoRoot, "node_modules", ".bin", "lighthouse");
  note(`### Lighthouse performance of the scorecard (lighthouse ${lighthouseVersion() ?? "not installed"}, Debian Chromium, headless, no network beyond localhost)`);
  note("");
  const RUNS = 3;
  note(`Median of ${RUNS} runs each (by score); every run's score in brackets.`);
  note("");
  note("| configuration | performance score (target ≥ 0.95) | first contentful paint | largest contentful paint | total blocking time | cumulative layout shift | speed index |");
  note("|---|---|---|---|---|---|---|");
  for (const [label, extra] of [
    ["mobile (Lighthouse's default: simulated slow 4G, 4× CPU slowdown)", [] as string[]],
    ["desktop (--preset=desktop)", ["--preset=desktop"]],
  ] as const) {
    const reports: { score: number; cells: string }[] = [];
    let failure = "";
    for (let run = 0; run < RUNS; run++) {
      const output = join(work, `lighthouse-${extra.length}-${run}.json`);
      const result = spawnSync(bin, [`${app.url}/?area=${ESSEX}`, "--only-categories=performance", "--output=json", `--output-path=${output}`, "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking", ...extra], {
        env: { ...process.env, CHROME_PATH: "/usr/bin/chromium" },
        encoding: "utf8",
        timeout: 180_000,
      });
      try {
        const report = JSON.parse(readFileSync(output, "utf8")) as { categories: { performance: { score: number | null } }; audits: Record<string, { displayValue?: string }>; runtimeError?: { message: string } };
        const a = (id: string) => report.audits[id]?.displayValue ?? "—";
        if (report.categories.performance.score === null) failure = `not scored (${report.runtimeError?.message ?? "no score"})`;
        else reports.push({ score: report.categories.performance.score, cells: `${a("first-contentful-paint")} | ${a("largest-contentful-paint")} | ${a("total-blocking-time")} | ${a("cumulative-layout-shift")} | ${a("speed-index")}` });
      } catch {
        failure = `lighthouse exited ${result.status ?? result.signal} (${(result.stderr || result.error?.message || "").trim().split("\n").slice(-1)[0]?.slice(0, 200) ?? ""})`;
      }
    }
    if (reports.length === 0) {
      note(`| ${label} | not measured: ${failure} | | | | | |`);
      continue;
    }
    const middle = [...reports].sort((x, y) => x.score - y.score)[Math.floor(reports.length / 2)]!;
    note(`| ${label} | **${middle.score}** (${reports.map((r) => r.score).join(", ")}${failure ? `; ${RUNS - reports.length} failed: ${failure}` : ""}) | ${middle.cells} |`);
  }
  note("");
  note(`Lighthouse's simulated throttling scales with this machine's CPU (load average ${loadavg()[0]!.toFixed(1)} at this point).`);
  note("");
}
await app.stop();

if (only("startup")) {
  note(`### Start-up (whole process until /api/health answers)`);
  note("");
  note(`First start on an empty database, seeding the default dataset: ${(firstStartMs / 1000).toFixed(1)} s; start on the seeded database: **${(warmStartMs / 1000).toFixed(1)} s**.`);
  note("");
}

// ---------------------------------------------------------------- PostgreSQL against SQLite
if (only("postgres")) {
  let pgUrl = process.env.TEST_DATABASE_URL;
  let pgDir: string | undefined;
  if (!pgUrl) {
    const started = spawnSync("bash", [join(repoRoot, "scripts/postgres.sh"), "start"], { encoding: "utf8" });
    if (started.status === 0) {
      pgDir = /SCRUTINY_PG_DIR='([^']+)'/.exec(started.stdout)?.[1];
      pgUrl = /TEST_DATABASE_URL='([^']+)'/.exec(started.stdout)?.[1];
    }
  }
  note(`### The scorecard on PostgreSQL against SQLite`);
  note("");
  if (!pgUrl) note("PostgreSQL could not be started here: not measured.");
  else {
    const schema = `bench_${process.pid}`;
    const admin = createDb({ kind: "postgres", url: pgUrl });
    await sql`create schema ${sql.id(schema)}`.execute(admin.db);
    const separator = pgUrl.includes("?") ? "&" : "?";
    // Both in local mode (one user with every right), so both compute and serve the very same
    // scorecard: left to itself a server on PostgreSQL requires sign-in and serves the public's
    // smaller one (until 113a this compared a 10 KB public answer with SQLite's 19 KB).
    const servers: Record<string, { url: string; first: number; bytes: number; stop: () => Promise<void> }> = {};
    for (const [kind, url] of [
      ["SQLite", `sqlite:${sqliteFile}`],
      ["PostgreSQL", `${pgUrl}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`],
    ] as const) {
      const server = await startApp(url, { SCRUTINY_AUTH: "local" });
      const t = performance.now();
      await (await fetch(`${server.url}/api/overview?area=${ESSEX}`, { headers: accept })).arrayBuffer();
      const first = performance.now() - t;
      servers[kind] = { url: server.url, first, bytes: (await rawGet(`${server.url}/api/overview?area=${ESSEX}`, accept)).body.byteLength, stop: server.stop };
    }
    // Served: alternated pairs after a warm-up of each, the median pair's figures.
    const overview = (kind: string) => `${servers[kind]!.url}/api/overview?area=${ESSEX}`;
    await load(overview("SQLite"), accept, 2);
    await load(overview("PostgreSQL"), accept, 2);
    const pairs: { sqlite: Load; postgres: Load }[] = [];
    for (let i = 0; i < HTTP_RUNS; i++) pairs.push({ sqlite: await load(overview("SQLite"), accept, SECONDS), postgres: await load(overview("PostgreSQL"), accept, SECONDS) });
    const middle = [...pairs].sort((a, b) => a.postgres.rps / a.sqlite.rps - b.postgres.rps / b.sqlite.rps)[Math.floor(pairs.length / 2)]!;
    for (const server of Object.values(servers)) await server.stop();
    const results = { SQLite: { first: servers.SQLite!.first, served: middle.sqlite }, PostgreSQL: { first: servers.PostgreSQL!.first, served: middle.postgres } };
    await sql`drop schema ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
    if (pgDir) spawnSync("bash", [join(repoRoot, "scripts/postgres.sh"), "stop", pgDir]);
    const s = results.SQLite!;
    const p = results.PostgreSQL!;
    note(`Both servers in local mode (the same scorecard: ${fmt(servers.SQLite!.bytes)} B and ${fmt(servers.PostgreSQL!.bytes)} B brotli); served: ${HTTP_RUNS} alternated pairs of ${SECONDS} s after a 2 s warm-up of each, the median pair.`);
    note("");
    note("| database | scorecard computed (first request) | served at 50 connections | p99 |");
    note("|---|---|---|---|");
    note(`| SQLite | ${fmt(s.first)} ms | ${fmt(s.served.rps)} req/s | ${s.served.p99} ms |`);
    note(`| PostgreSQL | ${fmt(p.first)} ms | ${fmt(p.served.rps)} req/s | ${p.served.p99} ms |`);
    note("");
    note(`PostgreSQL/SQLite: computing the scorecard **${(p.first / s.first).toFixed(2)}×** the time (target within 2×); served at ${(p.served.rps / s.served.rps).toFixed(2)}× SQLite's requests a second (pairs: ${pairs.map((q) => (q.postgres.rps / q.sqlite.rps).toFixed(2)).join(", ")}; every answer is checked against a data version read after its request arrived, one read per batch of requests: a round trip on PostgreSQL, an SQLite read per turn of the event loop).`);
    note("");
  }
}

// ---------------------------------------------------------------- police.uk import against DuckDB
const areasBase = join(work, "areas.sqlite");
// `npm run import` is `node scripts/import.mjs` (decision 113e): this first run also builds its bundle.
const importCli = [process.execPath, join(repoRoot, "scripts/import.mjs")] as const;
spawnSync(importCli[0], [importCli[1], "areas", join(sharedDataDir, "ons/lookups/LAD23_CSP23_PFA23_lookup_EW.csv")], { env: { ...process.env, DATABASE_URL: `sqlite:${areasBase}` }, cwd: repoRoot });
if (only("policeuk")) {
  const folder = join(sharedDataDir, "police_uk", "essex_street");
  const base = areasBase;
  const env = (file: string) => ({ ...process.env, DATABASE_URL: `sqlite:${file}` });
  const ours: number[] = [];
  const duck: number[] = [];
  let duckRecords = 0;
  const RUNS = 3;
  for (let i = 0; i < RUNS; i++) {
    const file = join(work, `street-${i}.sqlite`);
    copyFileSync(base, file);
    let t = performance.now();
    const mine = spawnSync(importCli[0], [importCli[1], "police-uk-street", folder], { env: env(file), cwd: repoRoot, encoding: "utf8" });
    if (mine.status !== 0) throw new Error(`the police.uk import failed: ${mine.stderr}`);
    ours.push(performance.now() - t);
    t = performance.now();
    const theirs = spawnSync(process.execPath, [join(repoRoot, "scripts/bench-duckdb.mjs"), folder], { cwd: repoRoot, encoding: "utf8" });
    if (theirs.status !== 0) throw new Error(`DuckDB failed: ${theirs.stderr}`);
    duck.push(performance.now() - t);
    duckRecords = (JSON.parse(theirs.stdout.trim().split("\n").pop() ?? "{}") as { records: number }).records;
    rmSync(file, { force: true });
  }
  note(`### police.uk import against DuckDB (28 Essex street files, ${fmt(duckRecords)} records; whole processes, alternated, median of ${RUNS})`);
  note("");
  note("| process | median | runs |");
  note("|---|---|---|");
  note(`| Scrutiny: \`npm run import -- police-uk-street\` (parse, check every field, tally, write to SQLite in one transaction) | ${(median(ours) / 1000).toFixed(1)} s | ${ours.map((m) => (m / 1000).toFixed(1)).join(", ")} |`);
  note(`| DuckDB (@duckdb/node-api ${"1.5.6"}, \`node scripts/bench-duckdb.mjs\`, no TypeScript loader): read_csv of the 28 files and the same group-by, nothing written | ${(median(duck) / 1000).toFixed(1)} s | ${duck.map((m) => (m / 1000).toFixed(1)).join(", ")} |`);
  note("");
  note(`Scrutiny runs at **${(median(duck) / median(ours)).toFixed(2)}× DuckDB's speed** (target ≥ 1.0×).`);
  note("");
}

// ---------------------------------------------------------------- indicator import, 400,000 rows
if (only("indicators")) {
  // One file of 399,840 rows (238 indicators × 14 districts × 10 years; a file may hold 420,000),
  // imported by the CLI as an officer would, then the same file again (a no-op), then a copy with
  // every 100th count changed (a revision: every row restated, the changed ones revised).
  const bench = benchIndicatorFiles({ indicators: 238, years: 10, from: "2015-01", fileName: "bench-indicators.csv" });
  const rows = bench.rows;
  const catalogue = join(work, bench.catalogue.fileName);
  writeFileSync(catalogue, bench.catalogue.bytes);
  const figures = join(work, bench.figures.fileName);
  writeFileSync(figures, bench.figures.bytes);
  const file = join(work, "indicators.sqlite");
  copyFileSync(areasBase, file);
  const env = { ...process.env, DATABASE_URL: `sqlite:${file}` };
  spawnSync(tsx, [join(repoRoot, "packages/ingest/src/cli.ts"), "indicator-catalogue", catalogue], { env, cwd: repoRoot });
  const run = (paths: string[]) => {
    const load = loadavg()[0]!;
    const t = performance.now();
    const r = spawnSync("/usr/bin/time", ["-v", tsx, join(repoRoot, "packages/ingest/src/cli.ts"), "indicators", ...paths], { env, cwd: repoRoot, encoding: "utf8" });
    const wall = performance.now() - t;
    if (r.status !== 0) throw new Error(`the indicator import failed: ${r.stdout} ${r.stderr}`);
    const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
    const done = Number(/done in ([\d.]+) s/.exec(r.stdout)?.[1] ?? NaN);
    const lines = r.stdout.split("\n").filter((l) => /^(imported|unchanged)/.test(l.trim()));
    return { wall, rss, done, load, line: lines.map((l) => l.trim().replace(/\|/g, "/")).join("; ") };
  };
  const first = run([figures]);
  const again = run([figures]);
  const revisedPath = join(work, "bench-indicators-revised.csv");
  let changed = 0;
  const revisedText = new TextDecoder()
    .decode(bench.figures.bytes)
    .split("\n")
    .map((line, i) => {
      if (i === 0 || line === "" || i % 100 !== 0) return line;
      const cells = line.split(",");
      if (cells[4] !== "") return line;
      changed++;
      cells[3] = String(Number(cells[3]) + 1);
      return cells.join(",");
    });
  writeFileSync(revisedPath, revisedText.join("\n"));
  const revised = run([revisedPath]);
  // The same rows as an .xlsx workbook (decision 114c: read as it inflates), imported once into a
  // database holding none of them, as the first import above.
  const xlsxPath = join(work, "bench-indicators.xlsx");
  await writeBenchIndicatorXlsx(bench.figures.bytes, xlsxPath);
  const xlsxBytes = statSync(xlsxPath).size;
  copyFileSync(areasBase, file);
  spawnSync(tsx, [join(repoRoot, "packages/ingest/src/cli.ts"), "indicator-catalogue", catalogue], { env, cwd: repoRoot });
  const workbook = run([xlsxPath]);
  note(`### Indicator file import, one file of ${fmt(rows)} rows (${(bench.figures.bytes.length / 2 ** 20).toFixed(1)} MB CSV), whole CLI process`);
  note("");
  note("| run | import (CLI's own timer) | whole process | rows/s | peak memory (max RSS) | load average (1 min) before |");
  note("|---|---|---|---|---|---|");
  note(`| first import (${first.line}) | ${first.done.toFixed(1)} s | ${(first.wall / 1000).toFixed(1)} s | **${fmt(rows / first.done)}** | **${fmt(first.rss)} MB** | ${first.load.toFixed(1)} |`);
  note(`| the same file again (a no-op: ${again.line.slice(0, 160)}) | ${again.done.toFixed(1)} s | ${(again.wall / 1000).toFixed(1)} s | ${fmt(rows / again.done)} | ${fmt(again.rss)} MB | ${again.load.toFixed(1)} |`);
  note(`| the file revised (${fmt(changed)} values changed, every other row restated: ${revised.line.slice(0, 160)}) | ${revised.done.toFixed(1)} s | ${(revised.wall / 1000).toFixed(1)} s | ${fmt(rows / revised.done)} | ${fmt(revised.rss)} MB | ${revised.load.toFixed(1)} |`);
  note(`| the same rows as an .xlsx workbook (${(xlsxBytes / 2 ** 20).toFixed(1)} MB; first import into a fresh database: ${workbook.line.slice(0, 120)}) | ${workbook.done.toFixed(1)} s | ${(workbook.wall / 1000).toFixed(1)} s | ${fmt(rows / workbook.done)} | ${fmt(workbook.rss)} MB | ${workbook.load.toFixed(1)} |`);
  note("");
  note(`Targets: 400,000 rows under 10 s and under 500 MB (whole process: the "whole process" column includes Node starting and compiling the CLI's TypeScript).`);
  note("");
}

note(`Load average at the end of the run: ${loadavg().map((l) => l.toFixed(1)).join(", ")}.`);
note("");

for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
rmSync(work, { recursive: true, force: true });
appendFileSync(join(repoRoot, "docs", "benchmarks.md"), out.join("\n") + "\n");

/** GET without decoding, to take the exact bytes and headers the server sends. */
async function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string>; rawHeaders: string[]; body: Uint8Array }> {
  const { request } = await import("node:http");
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), rawHeaders: res.rawHeaders, body: new Uint8Array(Buffer.concat(chunks)) }),
      );
      res.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

/**
 * The headers the floor sends: the app's own, in its order and spelling, but for those Node's
 * server adds to every answer itself (Date, Connection, Keep-Alive) and the request id, which the
 * floor sends fixed, as long as the app's.
 */
function floorHeaders(rawHeaders: string[], status: number): Record<string, string> {
  const headers: Record<string, string> = { "x-status": String(status) };
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const lower = name.toLowerCase();
    if (lower === "date" || lower === "connection" || lower === "keep-alive") continue;
    headers[name] = lower === "x-request-id" ? "f".repeat(rawHeaders[i + 1]!.length) : rawHeaders[i + 1]!;
  }
  return headers;
}

function lighthouseVersion(): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(repoRoot, "node_modules", "lighthouse", "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return undefined;
  }
}
