import { describe, expect, it } from "vitest";
import { actionReference, comparePackItems, defaultPapersDue, draftQuestion, isIsoDate, isOverdue, ownerNamesOfEmail, ownerParts, parseActionReference, unknownOwnerParts } from "./meetings";

describe("action references", () => {
  it("write and read the minutes' NN/YY", () => {
    expect(actionReference(89, 2014)).toBe("89/14");
    expect(actionReference(7, 2015)).toBe("7/15");
    expect(actionReference(3, 2009)).toBe("3/09");
    expect(parseActionReference("89/14")).toEqual({ number: 89, year: 2014 });
    expect(parseActionReference(" 17 / 15 ")).toEqual({ number: 17, year: 2015 });
    expect(parseActionReference("0/15")).toBeNull();
    expect(parseActionReference("13-16/15")).toBeNull();
  });
});

describe("dates", () => {
  it("checks calendar dates and puts papers a week before the meeting", () => {
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("26/03/2015")).toBe(false);
    expect(defaultPapersDue("2015-03-26")).toBe("2015-03-19");
    expect(defaultPapersDue("2026-01-05")).toBe("2025-12-29");
  });

  it("flags open actions past their due date only", () => {
    expect(isOverdue({ status: "open", dueDate: "2015-04-30" }, "2015-05-01")).toBe(true);
    expect(isOverdue({ status: "carried forward", dueDate: "2015-04-30" }, "2015-04-30")).toBe(false);
    expect(isOverdue({ status: "complete", dueDate: "2015-04-30" }, "2016-01-01")).toBe(false);
    expect(isOverdue({ status: "open", dueDate: null }, "2016-01-01")).toBe(false);
  });
});

describe("drafted questions", () => {
  it("reads the issue's example aloud", () => {
    expect(
      draftQuestion({ kind: "significant change", subject: "The domestic abuse solved rate", change: "fell 6.9 percentage points", against: "against the same period last year", movement: "fall", worse: true }),
    ).toBe("The domestic abuse solved rate fell 6.9 percentage points against the same period last year, more than chance would explain: what is driving the fall, and what is the plan to recover it?");
    expect(draftQuestion({ kind: "late or missing", subject: "KSI casualties", sender: "Essex County Council", months: ["Nov 2025"] })).toBe(
      "KSI casualties: Essex County Council has not sent Nov 2025. When will the figures arrive, and will the months already reported be revised?",
    );
    expect(draftQuestion({ kind: "district beyond funnel limit", subject: "burglary per 1,000", districts: ["Basildon", "Harlow"], month: "Dec 2025", higherOrLower: "higher" })).toMatch(
      /^Basildon and Harlow are above the 99\.8% funnel limit for burglary per 1,000 in Dec 2025:/,
    );
  });

  it("orders the pack by plan priority, then severity", () => {
    const items = [
      { priority: "Crime prevention", severity: 5, name: "Burglary" },
      { priority: "Domestic abuse", severity: 1, name: "DA solved rate" },
      { priority: "Domestic abuse", severity: 4, name: "DA incidents" },
    ];
    expect([...items].sort(comparePackItems).map((i) => i.name)).toEqual(["DA incidents", "DA solved rate", "Burglary"]);
  });
});

describe("owners", () => {
  it("splits joint owners and names accounts by email and initials", () => {
    expect(ownerParts("SH/LW")).toEqual(["SH", "LW"]);
    expect(ownerParts(" sh & Jane  Smith ")).toEqual(["SH", "JANE SMITH"]);
    expect(ownerNamesOfEmail("william.kirk@opcc.example")).toEqual(["WILLIAM.KIRK@OPCC.EXAMPLE", "WK"]);
    expect(ownerNamesOfEmail("admin@opcc.example")).toEqual(["ADMIN@OPCC.EXAMPLE"]);
    const known = new Set(["SH", "WK"]);
    expect(unknownOwnerParts("SH/WK", known)).toEqual([]);
    expect(unknownOwnerParts("sh/LW", known)).toEqual(["LW"]);
  });
});
