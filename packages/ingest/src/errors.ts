/** Where in a file a problem is: everything a scrutiny officer needs to find and fix it. */
export interface ImportProblem {
  file: string;
  /** 1-based line in the file (the header is line 1); for spreadsheets, the worksheet row. */
  line?: number;
  column?: string;
  value?: string;
  message: string;
  /** The nearest known value, when the value looks like a typo of one (indicator ids, area names). */
  suggestion?: string;
}

export function describeProblem(p: ImportProblem): string {
  const where = [p.file, p.line !== undefined ? `line ${p.line}` : undefined, p.column !== undefined ? `column "${p.column}"` : undefined]
    .filter(Boolean)
    .join(", ");
  const value = p.value !== undefined ? ` (value "${p.value.length > 80 ? `${p.value.slice(0, 80)}…` : p.value}")` : "";
  return `${where}: ${p.message}${value}`;
}

/** Thrown when any file of an import has a problem; nothing has been written when it is thrown. */
export class ImportRejected extends Error {
  constructor(readonly problems: readonly ImportProblem[]) {
    const shown = problems.slice(0, 20).map(describeProblem);
    const more = problems.length > 20 ? [`… and ${problems.length - 20} more problems`] : [];
    super(`Import rejected, nothing was changed:\n${[...shown, ...more].join("\n")}`);
    this.name = "ImportRejected";
  }
}

/** Collects problems while a file is read, so that one run reports them all, up to a limit. */
export class ProblemList {
  readonly problems: ImportProblem[] = [];
  /** Every problem found, including those beyond the limit. */
  total = 0;
  constructor(readonly file: string, private readonly limit = 200) {}

  add(problem: Omit<ImportProblem, "file">): void {
    this.total++;
    if (this.problems.length < this.limit) this.problems.push({ file: this.file, ...problem });
  }

  get isEmpty(): boolean {
    return this.problems.length === 0;
  }
}

/**
 * Thrown when an upload exceeds a limit that protects the server (a workbook that inflates to
 * gigabytes): nothing has been read past the limit and nothing written. `limit` names it.
 */
export class LimitExceeded extends Error {
  constructor(readonly limit: string, message: string) {
    super(message);
    this.name = "LimitExceeded";
  }
}
