import { describe, expect, it } from "vitest";
import { changeCounts, figure, plural } from "./importText";

describe("import wording", () => {
  it("counts in words", () => {
    expect(plural(1, "row")).toBe("1 row");
    expect(plural(100800, "row")).toBe("100,800 rows");
    expect(changeCounts({ created: 1, revised: 2, unchanged: 0 })).toBe("1 new value, 2 revised, 0 unchanged");
  });
  it("shows figures as stored", () => {
    expect(figure(90.5)).toBe("90.5");
    expect(figure(null)).toBe("—");
  });
});
