#!/usr/bin/env node
/**
 * `npm run import`: runs packages/ingest/src/cli.ts from one bundled JavaScript file (decision 113e).
 * Loading the CLI through tsx's module hooks cost about a second of CPU before any file was read
 * (some 450 modules, kysely alone 262, each resolved and loaded through the hooks' thread); the
 * bundle is loaded by Node directly. It is built by esbuild (tsx's own compiler) into
 * node_modules/.cache/scrutiny-cli/ and rebuilt whenever any source file that went into it has
 * changed (size or modification time); packages from node_modules stay outside it (but kysely, 262 small files, is bundled), and each bundled
 * module keeps its own `import.meta.url`, so paths computed from it (the repository root, the
 * street scanner's worker) are those of the sources. Should the bundle not build (no esbuild, a
 * read-only checkout), the CLI runs through tsx as before.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "packages/ingest/src/cli.ts");
const cacheDir = join(root, "node_modules/.cache/scrutiny-cli");
const manifestFile = join(cacheDir, "inputs.json");

/** The bundle recorded in the manifest when its inputs are each still the same size and age; undefined when any is not. */
function upToDate() {
  try {
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8"));
    if (typeof manifest.build !== "string" || !manifest.inputs["scripts/import.mjs"]) return undefined;
    const bundle = join(cacheDir, manifest.build, "cli.mjs");
    statSync(bundle);
    for (const [file, [mtimeMs, size]] of Object.entries(manifest.inputs)) {
      const info = statSync(join(root, file));
      if (info.mtimeMs !== mtimeMs || info.size !== size) return undefined;
    }
    // The folder's time is its last use, so a later build removes only builds unused for an hour,
    // never one a long-running import may still load a chunk from.
    try {
      const now = new Date();
      utimesSync(dirname(bundle), now, now);
    } catch {
      // A cache that cannot be written is still used as it is.
    }
    return bundle;
  } catch {
    return undefined;
  }
}

/**
 * Builds the bundle into a folder of its own (cli.mjs and the chunks it imports when a command
 * needs them: code splitting, so that a police.uk import starts its scanning threads before
 * better-sqlite3, kysely and the database code are even loaded), records it in the manifest, and
 * removes builds unused for more than an hour (a run touches the build it uses).
 */
async function build() {
  const { build: esbuild } = await import("esbuild");
  const started = Date.now();
  const name = `build-${started.toString(36)}-${process.pid}`;
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outdir: join(cacheDir, name),
    entryNames: "cli",
    chunkNames: "chunk-[hash]",
    outExtension: { ".js": ".mjs" },
    metafile: true,
    logLevel: "error",
    plugins: [
      {
        name: "scrutiny-cli",
        setup(b) {
          // Packages from node_modules are imported as they are; the workspace's own are bundled.
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@scrutiny/") || args.path === "kysely" ? undefined : { external: true }));
          // Each module keeps the URL of its own source file.
          b.onLoad({ filter: /\.m?ts$/ }, (args) => {
            const text = readFileSync(args.path, "utf8");
            if (!text.includes("import.meta.url")) return undefined;
            return { contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" };
          });
        },
      },
    ],
  });
  const inputs = {};
  // This file's own build options are an input too.
  for (const file of [...Object.keys(result.metafile.inputs), "scripts/import.mjs"]) {
    const info = statSync(join(root, file));
    // A file changed while the bundle was being built makes the next run build again.
    inputs[file] = info.mtimeMs >= started ? [-1, -1] : [info.mtimeMs, info.size];
  }
  writeFileSync(`${manifestFile}.${process.pid}.tmp`, JSON.stringify({ build: name, inputs }));
  renameSync(`${manifestFile}.${process.pid}.tmp`, manifestFile);
  for (const entry of readdirSync(cacheDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === name || !entry.name.startsWith("build-")) continue;
    const folder = join(cacheDir, entry.name);
    if (Date.now() - statSync(folder).mtimeMs > 3_600_000) rmSync(folder, { recursive: true, force: true });
  }
  return join(cacheDir, name, "cli.mjs");
}

let bundle = upToDate();
if (!bundle) {
  try {
    mkdirSync(cacheDir, { recursive: true });
    bundle = await build();
  } catch (error) {
    console.error(`(running the import CLI through tsx: its bundle could not be built: ${error instanceof Error ? error.message.split("\n")[0] : error})`);
  }
}
if (bundle) await import(pathToFileURL(bundle).href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(entry).href);
}
