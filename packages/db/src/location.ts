import { fileURLToPath } from "node:url";
import { join } from "node:path";

/** The repository root, found from this file's place in it (packages/db/src). */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Where the embedded database lives unless DATABASE_URL says otherwise (git-ignored). */
export const defaultSqliteFile = join(repoRoot, ".scrutiny", "scrutiny.sqlite");

/** The default dataset produced by `npm run data:build`. */
export const defaultDatasetDir = join(repoRoot, "data", "default");

/** The shared raw public data, beside the repository; read-only. */
export const sharedDataDir = join(repoRoot, "..", "shared", "data");
