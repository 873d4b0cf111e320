import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./precompress";
import { staticShell } from "./shell";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react(), staticShell({ preloadFont: /source-sans-3-latin-wght-normal-[^/]*\.woff2$/ }), precompress()],
  // "hidden": maps are written (and moved out of dist by precompress) but not referenced by the bundles.
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: "hidden",
    rolldownOptions: {
      output: {
        // What every view needs (React, the router, react-query, the API client, the app frame, the
        // domain's formatting) in one chunk beside the entry, rather than nine small shared chunks
        // of a few hundred bytes each, every one a request with ~0.7 KB of headers (decision 113g).
        codeSplitting: {
          groups: [{ name: "app", test: /^\0rolldown\/runtime|[\\/](packages[\\/]domain[\\/]src|apps[\\/]web[\\/]src[\\/](app|api)|apps[\\/]web[\\/]src[\\/]lib[\\/]gappedPath|node_modules[\\/](d3-array|react|react-dom|scheduler|react-router|@tanstack[\\/]query-core|@tanstack[\\/]react-query|hono))[\\/.]/ }],
        },
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:8787" } },
});
