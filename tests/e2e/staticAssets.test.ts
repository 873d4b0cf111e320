import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, type ScrutinyDb } from "@scrutiny/db";
import { createApp } from "../../apps/api/src/app";
import { memoryDb } from "../support/db";

/**
 * The built dashboard as browsers expect it (issue 13): brotli or gzip written at build time and
 * chosen by Accept-Encoding with Vary, hashed assets immutable, index.html asked about every time,
 * no public source maps. Runs against apps/web/dist (npm test builds it first).
 */
const dist = join(repoRoot, "apps", "web", "dist");
const assets = existsSync(join(dist, "assets")) ? readdirSync(join(dist, "assets")) : [];
const entry = /src="\/assets\/(index-[^"]+\.js)"/.exec(existsSync(join(dist, "index.html")) ? readFileSync(join(dist, "index.html"), "utf8") : "")?.[1] ?? "";

let handle: ScrutinyDb;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  handle = await memoryDb();
  app = createApp(handle.db, "sqlite", { webDir: dist });
});
afterAll(() => handle?.close());

describe("the built dashboard", () => {
  it("has a .br and a .gz beside every script and style sheet, and no source map in dist", () => {
    expect(entry).toMatch(/^index-.+\.js$/);
    const scripts = assets.filter((a) => /\.(js|css)$/.test(a) && readFileSync(join(dist, "assets", a)).length >= 512);
    expect(scripts.length).toBeGreaterThan(5);
    for (const file of scripts) {
      const bytes = readFileSync(join(dist, "assets", file));
      expect(brotliDecompressSync(readFileSync(join(dist, "assets", `${file}.br`))).equals(bytes)).toBe(true);
      expect(gunzipSync(readFileSync(join(dist, "assets", `${file}.gz`))).equals(bytes)).toBe(true);
    }
    expect(assets.filter((a) => a.endsWith(".map"))).toEqual([]);
    expect(readFileSync(join(dist, "assets", entry), "utf8")).not.toMatch(/sourceMappingURL/);
  });

  it("sends the entry script as brotli, gzip or plain by Accept-Encoding, immutable, with Vary", async () => {
    const plain = readFileSync(join(dist, "assets", entry));
    const br = await app.request(`/assets/${entry}`, { headers: { "Accept-Encoding": "gzip, deflate, br, zstd" } });
    expect(br.status).toBe(200);
    expect(br.headers.get("Content-Encoding")).toBe("br");
    expect(br.headers.get("Content-Type")).toMatch(/javascript/);
    expect(br.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(br.headers.get("Vary")).toBe("Accept-Encoding");
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brotliDecompressSync(brBytes).equals(plain)).toBe(true);
    expect(brBytes.length).toBeLessThan(plain.length / 3);

    const gz = await app.request(`/assets/${entry}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(gz.headers.get("Content-Encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(plain)).toBe(true);

    const none = await app.request(`/assets/${entry}`);
    expect(none.headers.get("Content-Encoding")).toBeNull();
    expect(none.headers.get("Vary")).toBe("Accept-Encoding");
    expect(Buffer.from(await none.arrayBuffer()).equals(plain)).toBe(true);
  });

  it("sends index.html with no-cache, at / and at every dashboard route, compressed", async () => {
    const html = readFileSync(join(dist, "index.html"), "utf8");
    for (const path of ["/", "/indicator/police-uk-burglary?area=E23000028", "/imports"]) {
      const res = await app.request(path, { headers: { "Accept-Encoding": "br" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("Cache-Control")).toBe("no-cache");
      expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
      expect(res.headers.get("Content-Encoding")).toBe("br");
      const body = brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString();
      // The scorecard's page is index.html with its first answers before </body> (decision 115e).
      if (path === "/") expect(body.replace(/<script type="application\/json" id="first-data">.*?<\/script>/s, "")).toBe(html);
      else expect(body).toBe(html);
    }
  });

  it("does not serve source maps, and API misses stay JSON 404s", async () => {
    const map = await app.request(`/assets/${entry}.map`);
    expect(map.status).toBe(404);
    const api = await app.request("/api/no-such-thing");
    expect(api.status).toBe(404);
    expect(((await api.json()) as { code: string }).code).toBe("not_found");
  });
});
