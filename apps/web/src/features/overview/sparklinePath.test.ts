import { describe, expect, it } from "vitest";
import { sparklinePath } from "./sparklinePath";

describe("sparklinePath", () => {
  it.each([
    ["nothing held", [null, null], ""],
    ["a straight rise", [0, 5, 10], "M2.0,12.0L52.0,7.0L102.0,2.0"],
    ["a gap breaks the line", [0, null, 10], "M2.0,12.0h0.01M102.0,2.0h0.01"],
    ["a run after a gap starts a new sub-path", [10, 0, null, 0, 10], "M2.0,2.0L27.0,12.0M77.0,12.0L102.0,2.0"],
    ["all equal sits in the middle", [4, 4], "M2.0,7.0L102.0,7.0"],
  ] as const)("%s", (_name, values, expected) => {
    expect(sparklinePath(values, 104, 14)).toBe(expected);
  });
});
