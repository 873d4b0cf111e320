import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { ImportRejected } from "./errors";

export const IMPORT_KINDS = ["areas", "police-uk-street", "police-uk-counts", "home-office-recorded-crime", "ons-population"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

const FILE_TYPES: Record<ImportKind, readonly string[]> = {
  areas: [".csv"],
  "police-uk-street": [".csv"],
  "police-uk-counts": [".csv"],
  "home-office-recorded-crime": [".csv"],
  "ons-population": [".csv", ".xlsx"],
};

/** A file or a folder of files (taken in name order), as the CLI and the data build pass them. */
export async function expandPaths(kind: ImportKind, paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new ImportRejected([{ file: path, message: "no such file or folder" }]);
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((n) => FILE_TYPES[kind].includes(extname(n).toLowerCase())).sort();
      if (names.length === 0) throw new ImportRejected([{ file: path, message: `the folder holds no ${FILE_TYPES[kind].join(" or ")} files` }]);
      for (const n of names) files.push(join(path, n));
    } else files.push(path);
  }
  return files;
}
