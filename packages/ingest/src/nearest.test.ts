import { describe, expect, it } from "vitest";
import { levenshtein, nearestMatch } from "./nearest";

describe("levenshtein", () => {
  it.each([
    ["kitten", "sitting", 3],
    ["", "abc", 3],
    ["basildon", "basildon", 0],
    ["basildn", "basildon", 1],
    ["flaw", "lawn", 2],
  ])("%s → %s: %i", (a, b, d) => expect(levenshtein(a, b)).toBe(d));
});

describe("nearestMatch", () => {
  const names = ["Basildon", "Braintree", "Brentwood", "Castle Point", "Southend-on-Sea", "Thurrock"];
  it("suggests the nearest plausible name", () => {
    expect(nearestMatch("Basildn", names)).toBe("Basildon");
    expect(nearestMatch("brentwod", names)).toBe("Brentwood");
    expect(nearestMatch("Southend", names)).toBe("Southend-on-Sea");
  });
  it("suggests nothing for a value that resembles nothing", () => {
    expect(nearestMatch("Manchester", names)).toBeUndefined();
    expect(nearestMatch("", names)).toBeUndefined();
  });
});
