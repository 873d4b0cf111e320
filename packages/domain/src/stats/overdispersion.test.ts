import { describe, expect, it } from "vitest";
import { adjustedFunnelLimitsAt, normalFunnelLimitsAt, overdispersion } from "./overdispersion";
import { countInterval } from "./rates";
import { wilsonInterval } from "./changes";

// Worked example computed independently in Python (statistics.NormalDist, R type-7 quantiles for
// the 10th/90th percentile winsorisation), following Spiegelhalter (2005) as METHODS.md writes it.
const counts = [900, 1500, 400, 2100, 650, 1200, 300, 1800, 700, 950, 1100, 500];
const pops = [180000, 190000, 90000, 200000, 110000, 180000, 60000, 170000, 130000, 120000, 140000, 90000];
const target = (counts.reduce((a, b) => a + b) / pops.reduce((a, b) => a + b)) * 1000;
const units = counts.map((c, i) => ({ value: (c / pops[i]!) * 1000, denominator: pops[i]! }));

describe("overdispersion (Spiegelhalter 2005, METHODS.md)", () => {
  const od = overdispersion(units, { kind: "poisson", target, per: 1000 });

  it("estimates φ and the additive τ²", () => {
    expect(target).toBeCloseTo(7.289156626506024, 10);
    expect(od.phi).toBeCloseTo(68.89401676547949, 8);
    expect(od.tau2).toBeCloseTo(3.943392422831651, 8);
    expect(od.overDispersed).toBe(true);
    expect(od.rough).toBe(false);
  });

  it.each([
    ["additive 99.8%", "additive", "lower998", "upper998", 1.1148857798330374, 13.46342747317901],
    ["multiplicative 95%", "multiplicative", "lower95", "upper95", 3.702978512095331, 10.875334740916717],
  ] as const)("%s limits at 150,000", (_name, method, lowKey, highKey, low, high) => {
    const row = adjustedFunnelLimitsAt(150000, { kind: "poisson", target, per: 1000 }, od, method);
    expect(row[lowKey]).toBeCloseTo(low, 8);
    expect(row[highKey]).toBeCloseTo(high, 8);
  });

  it("gives the normal-approximation limits", () => {
    const row = normalFunnelLimitsAt(150000, { kind: "poisson", target, per: 1000 });
    expect(row.lower95).toBeCloseTo(6.857099569947421, 8);
    expect(row.upper95).toBeCloseTo(7.721213683064628, 8);
  });

  it("is not over-dispersed when units agree with chance, and then τ² is 0", () => {
    const calm = overdispersion(
      [1000, 1010, 990, 1005, 995].map((c) => ({ value: c / 100, denominator: 100000 })),
      { kind: "poisson", target: 10, per: 1000 },
    );
    expect(calm.overDispersed).toBe(false);
    expect(calm.tau2).toBe(0);
    expect(calm.rough).toBe(true);
  });
});

describe("method choices for reproducing published tables", () => {
  it("Byar below 10 only on request", () => {
    expect(countInterval(5, 0.95).method).toBe("exact");
    const byar = countInterval(5, 0.95, { byarBelowTen: true });
    expect(byar.method).toBe("byar");
    expect(byar.lower).toBeCloseTo(1.6113477157471938, 9);
    expect(byar.upper).toBeCloseTo(11.668164123398595, 9);
  });

  it("Wilson for weighted (non-integer) survey counts", () => {
    expect(() => wilsonInterval(40.5, 60.2)).toThrow();
    const w = wilsonInterval(40.5, 60.2, 0.95, { weighted: true });
    expect(w.lower).toBeCloseTo(0.5470122210103365, 9);
    expect(w.upper).toBeCloseTo(0.7777773822096133, 9);
  });
});
