import { describe, expect, it } from "vitest";
import { seriesIssue } from "./plausibility";
import type { Month } from "./months";

const pts = (values: (number | null)[]) => values.map((value, i) => ({ month: `2017-${String(i + 1).padStart(2, "0")}` as Month, value }));

describe("seriesIssue", () => {
  it.each([
    ["Home Office domestic burglary after April 2017", [7233, 5453, 3706, 1595, 0, 0], "discontinued", "2017-05"],
    ["fraud recorded by forces, -22 after Action Fraud", [2007, 1510, 962, 438, -22], "negative count", "2017-05"],
    ["a small count that is zero this month", [3, 1, 0], null, null],
    ["an ordinary series", [100, 120, 110], null, null],
  ] as const)("%s", (_name, values, kind, since) => {
    const issue = seriesIssue(pts([...values]), "count");
    expect(issue?.kind ?? null).toBe(kind);
    expect(issue?.since ?? null).toBe(since);
  });

  it("leaves percentages alone", () => {
    expect(seriesIssue(pts([50, 0]), "percentage")).toBeNull();
  });
});
