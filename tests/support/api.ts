import { afterAll, beforeAll } from "vitest";
import { createDb, defaultDatasetDir, migrateToLatest, type ScrutinyDb } from "@scrutiny/db";
import { loadDataset } from "@scrutiny/ingest";
import { createApp } from "../../apps/api/src/app";

type App = ReturnType<typeof createApp>;

/**
 * The API over an in-memory embedded database seeded with the default dataset, created before
 * the file's tests and closed after them: what every API test file starts from.
 */
export function apiOnDefaultDataset() {
  let handle: ScrutinyDb | undefined;
  let app: App | undefined;
  beforeAll(async () => {
    handle = createDb({ kind: "sqlite", file: ":memory:" });
    await migrateToLatest(handle.db);
    await loadDataset(handle.db, defaultDatasetDir);
    app = createApp(handle.db, "sqlite");
  });
  afterAll(() => handle?.close());
  const ready = () => {
    if (!handle || !app) throw new Error("the API is not ready yet: use it inside a test");
    return { handle, app };
  };
  return {
    get handle(): ScrutinyDb {
      return ready().handle;
    },
    get app(): App {
      return ready().app;
    },
    /** GET a path and parse its JSON body. */
    async get<T>(path: string) {
      const response = await ready().app.request(path);
      return { status: response.status, headers: response.headers, body: (await response.json()) as T };
    },
  };
}
