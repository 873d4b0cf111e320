import { join } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./precompress";
import { staticShell } from "./shell";

const root = fileURLToPath(new URL(".", import.meta.url));
const entry = join(root, "src", "main.tsx");
let staticallyFromEntry: Set<string> | undefined;

/** Whether the entry reaches the module by static imports alone (the code every first view runs). */
function firstView(id: string, info: (id: string) => { importedIds: readonly string[] } | null): boolean {
  if (!staticallyFromEntry) {
    staticallyFromEntry = new Set();
    const stack = Array.from(info(entry)?.importedIds ?? []);
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (staticallyFromEntry.has(next)) continue;
      staticallyFromEntry.add(next);
      for (const imported of info(next)?.importedIds ?? []) stack.push(imported);
    }
  }
  return staticallyFromEntry.has(id);
}

export default defineConfig({
  root,
  plugins: [react(), staticShell({ preloadFont: /scrutiny-sans-latin-wght-[^/]*\.woff2$/ }), precompress()],
  // "hidden": maps are written (and moved out of dist by precompress) but not referenced by the bundles.
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: "hidden",
    rolldownOptions: {
      output: {
        // Everything the entry imports statically (React, the router, react-query, the API client,
        // the page frame, the scorecard) in one chunk beside the entry, rather than shared chunks of a
        // few hundred bytes each, every one a request with ~0.7 KB of headers; the other views and
        // the charts stay lazy (decision 113g).
        codeSplitting: { groups: [{ debugName: "first view", name: (id, ctx) => (firstView(id, (m) => ctx.getModuleInfo(m)) ? "app" : null) }] },
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:8787" } },
});
