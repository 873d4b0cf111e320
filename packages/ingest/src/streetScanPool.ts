import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { StreetScan } from "./streetScan.mjs";

export type StreetFileScan = StreetScan & { checksum: string };
/** A scan of each street file by its path, as it will be (decision 113e). */
export type StreetScans = ReadonlyMap<string, Promise<StreetFileScan>>;

/**
 * Reads and counts police.uk street files on worker threads (one per core, at most one per file),
 * handing each worker the next file as it finishes one. Started as early as the CLI knows its files,
 * so the scanning runs while the main thread loads the database code. Nothing is written here: the
 * caller checks every file before its one transaction, as before.
 */
export function startStreetScans(paths: readonly string[], threads = Math.min(paths.length, availableParallelism())): StreetScans {
  const scans = new Map<string, Promise<StreetFileScan>>();
  const waiting: { path: string; resolve: (scan: StreetFileScan) => void; reject: (error: Error) => void }[] = [];
  for (const path of paths) {
    if (scans.has(path)) continue;
    const promise = new Promise<StreetFileScan>((resolve, reject) => waiting.push({ path, resolve, reject }));
    // A scan nobody awaits (the import stopped at an earlier file) must not end the process.
    promise.catch(() => undefined);
    scans.set(path, promise);
  }
  const queue = [...waiting];
  for (let t = 0; t < Math.max(1, Math.min(threads, queue.length)); t++) {
    // No TypeScript loader in the worker (execArgv: []): streetScan.mjs needs Node alone.
    const worker = new Worker(new URL("./streetScan.mjs", import.meta.url), { workerData: { streetScan: true }, execArgv: [] });
    let current: (typeof waiting)[number] | undefined;
    const next = () => {
      current = queue.shift();
      if (current) worker.postMessage({ id: 0, path: current.path });
      else void worker.terminate();
    };
    worker.on("message", (message: { result?: StreetFileScan; error?: string }) => {
      if (message.result) current?.resolve(message.result);
      else current?.reject(new Error(message.error ?? "the street file scan failed"));
      next();
    });
    worker.on("error", (error) => {
      // A worker that dies is a fault, not a problem in a file: the import stops with it.
      current?.reject(error);
      current = undefined;
      for (const item of queue.splice(0)) item.reject(error);
    });
    next();
  }
  return scans;
}
