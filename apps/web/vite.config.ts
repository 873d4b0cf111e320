import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { precompress } from "./precompress";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react(), precompress()],
  // "hidden": maps are written (and moved out of dist by precompress) but not referenced by the bundles.
  build: { outDir: "dist", emptyOutDir: true, sourcemap: "hidden" },
  server: { proxy: { "/api": "http://localhost:8787" } },
});
