import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|xml|webmanifest|ico|map)$/;

/**
 * Writes file.br (brotli quality 11) and file.gz (gzip level 9) beside every compressible file of
 * the build, so the server sends the smallest encoding the browser accepts without compressing per
 * request; moves source maps out of the served folder (to dist-sourcemaps/, for debugging a
 * production build) so that they are never public. No dependency: node:zlib.
 */
export function precompress(options: { minBytes?: number } = {}): Plugin {
  const minBytes = options.minBytes ?? 512;
  let outDir = "";
  return {
    name: "scrutiny-precompress",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const mapsDir = join(outDir, "..", "dist-sourcemaps");
      rmSync(mapsDir, { recursive: true, force: true });
      for (const path of walk(outDir)) {
        if (path.endsWith(".map")) {
          const target = join(mapsDir, relative(outDir, path));
          mkdirSync(dirname(target), { recursive: true });
          renameSync(path, target);
          continue;
        }
        if (!COMPRESSIBLE.test(path) || statSync(path).size < minBytes) continue;
        const bytes = readFileSync(path);
        writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (!entry.name.endsWith(".br") && !entry.name.endsWith(".gz")) yield path;
  }
}
