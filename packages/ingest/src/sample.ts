import { monthsBetween, type Indicator, type Month } from "@scrutiny/domain";
import type { ObservationDraft } from "./observations";
import { seededRandom } from "./random";

/**
 * Synthetic, clearly labelled sample series for the indicators a force supplies privately
 * (domestic abuse, satisfaction, 101, emergency response, KSI), so every screen works before a
 * force imports its own figures. Levels and seasonality follow what the 2014–16 minutes and
 * INDICATORS.md report for Essex; the numbers themselves are invented. Deterministic by seed.
 * Force values are built from the district values (sums, or population-weighted means) so the
 * areas agree with each other as real data would.
 */
export const SAMPLE_FIRST_MONTH: Month = "2014-04";
export const SAMPLE_LAST_MONTH: Month = "2025-12";
export const SAMPLE_SEED = 20140401;
export const SAMPLE_SOURCE = "sample data";

export const SATISFACTION_CATEGORIES = [
  { slug: "ease-of-contact", name: "ease of contact", level: 0.94 },
  { slug: "actions-taken", name: "actions taken", level: 0.8 },
  { slug: "kept-informed", name: "kept informed", level: 0.72 },
  { slug: "treatment", name: "treatment", level: 0.91 },
  { slug: "whole-experience", name: "whole experience", level: 0.83 },
] as const;

export const sampleIndicatorId = {
  daIncidents: "sample-da-incidents",
  daSolvedRate: "sample-da-solved-rate",
  satisfaction: (slug: string) => `sample-satisfaction-${slug}`,
  callWait101: "sample-101-call-wait",
  emergencyResponse: "sample-emergency-response-time",
  ksi: "sample-ksi-casualties",
};

const SAMPLE_NOTE = "Sample data: synthetic figures shipped until the force imports its own.";

export function sampleIndicators(): Indicator[] {
  const base = { source: SAMPLE_SOURCE, cadence: "monthly", isSample: true } as const;
  return [
    { ...base, id: sampleIndicatorId.daIncidents, name: "Domestic abuse incidents", unit: "count", direction: "neither", priority: "Domestic abuse", definition: `Domestic abuse incidents recorded in the month. ${SAMPLE_NOTE}` },
    { ...base, id: sampleIndicatorId.daSolvedRate, name: "Domestic abuse solved rate", unit: "percentage", direction: "higher", priority: "Domestic abuse", definition: `Domestic abuse crimes solved (positive outcome) as a share of those recorded in the month. ${SAMPLE_NOTE}` },
    ...SATISFACTION_CATEGORIES.map(
      (c): Indicator => ({ ...base, id: sampleIndicatorId.satisfaction(c.slug), name: `Victim satisfaction: ${c.name}`, unit: "percentage", direction: "higher", priority: "Supporting victims", definition: `Surveyed victims satisfied with ${c.name}; the survey size n is the denominator. ${SAMPLE_NOTE}` }),
    ),
    { ...base, id: sampleIndicatorId.callWait101, name: "101 average call waiting time", unit: "minutes", direction: "lower", priority: "Supporting victims", definition: `Average time a 101 caller waited to be answered in the month. ${SAMPLE_NOTE}` },
    { ...base, id: sampleIndicatorId.emergencyResponse, name: "Emergency response time (median)", unit: "minutes", direction: "lower", priority: "Emergency response", definition: `Median time from an emergency call to arrival at the scene. ${SAMPLE_NOTE}` },
    { ...base, id: sampleIndicatorId.ksi, name: "KSI casualties", unit: "count", direction: "lower", priority: "Road safety", definition: `People killed or seriously injured in road collisions in the month. ${SAMPLE_NOTE}` },
  ];
}

export interface SampleDistrict {
  code: string;
  name: string;
  population: number;
}

/** Districts where response is slower: large rural areas. */
const RURAL = new Set(["Uttlesford", "Maldon", "Tendring", "Braintree", "Rochford", "Epping Forest"]);

// Month-of-year multipliers (Jan..Dec).
const DA_SEASON = [1.04, 0.92, 0.97, 0.98, 1.02, 1.03, 1.06, 1.05, 0.98, 0.97, 0.94, 1.12];
const KSI_SEASON = [0.85, 0.8, 0.9, 0.95, 1.05, 1.1, 1.15, 1.1, 1.05, 1.05, 1.0, 1.0];

export function sampleObservations(forceCode: string, districts: readonly SampleDistrict[], seed = SAMPLE_SEED): ObservationDraft[] {
  const random = seededRandom(seed);
  const months = monthsBetween(SAMPLE_FIRST_MONTH, SAMPLE_LAST_MONTH);
  const totalPopulation = districts.reduce((sum, d) => sum + d.population, 0);
  const out: ObservationDraft[] = [];
  const push = (indicatorId: string, areaCode: string, month: string, value: number, numerator: number | null = null, denominator: number | null = null) =>
    out.push({ indicatorId, areaCode, month, value, numerator, denominator });
  const round1 = (x: number) => Math.round(x * 10) / 10;
  // A fixed, per-district character so districts differ consistently over time.
  const districtEffect = new Map(districts.map((d) => [d.code, { satisfaction: random.normal() * 0.02, solved: random.normal() * 0.02 }]));

  months.forEach((month, t) => {
    const moy = Number(month.slice(5, 7)) - 1;
    const years = t / 12;
    const share = (d: SampleDistrict) => d.population / totalPopulation;

    // Domestic abuse: ~2,600 a month in 2014 rising ~2% a year, Christmas peak.
    const daForceMean = 2600 * (1 + 0.02 * years) * (DA_SEASON[moy] ?? 1);
    let daIncidents = 0;
    let daCrimes = 0;
    let daSolved = 0;
    for (const d of districts) {
      const incidents = random.poisson(daForceMean * share(d));
      const crimes = random.binomial(incidents, 0.62);
      const solvedRate = Math.max(0.05, 0.27 - 0.008 * years + (districtEffect.get(d.code)?.solved ?? 0));
      const solved = random.binomial(crimes, solvedRate);
      daIncidents += incidents;
      daCrimes += crimes;
      daSolved += solved;
      push(sampleIndicatorId.daIncidents, d.code, month, incidents);
      if (crimes > 0) push(sampleIndicatorId.daSolvedRate, d.code, month, (100 * solved) / crimes, solved, crimes);
    }
    push(sampleIndicatorId.daIncidents, forceCode, month, daIncidents);
    push(sampleIndicatorId.daSolvedRate, forceCode, month, (100 * daSolved) / daCrimes, daSolved, daCrimes);

    // Satisfaction: about 400 surveys a month force-wide.
    for (const category of SATISFACTION_CATEGORIES) {
      let satisfied = 0;
      let surveyed = 0;
      const drift = -0.004 * years + 0.01 * Math.sin(t / 9);
      for (const d of districts) {
        const n = Math.max(1, random.poisson(400 * share(d)));
        const p = Math.min(0.99, Math.max(0.3, category.level + drift + (districtEffect.get(d.code)?.satisfaction ?? 0)));
        const yes = random.binomial(n, p);
        satisfied += yes;
        surveyed += n;
        push(sampleIndicatorId.satisfaction(category.slug), d.code, month, (100 * yes) / n, yes, n);
      }
      push(sampleIndicatorId.satisfaction(category.slug), forceCode, month, (100 * satisfied) / surveyed, satisfied, surveyed);
    }

    // 101 waiting time: force-wide only (one call centre); rose towards 7 minutes in 2015.
    const wait = 3 + 4 * Math.exp(-(((years - 1.2) / 0.8) ** 2)) + 0.6 * Math.sin(t / 5) + 0.5 * random.normal();
    push(sampleIndicatorId.callWait101, forceCode, month, round1(Math.max(0.5, wait)));

    // Emergency response: urban ~10 min, rural ~15 min; force = population-weighted.
    let weighted = 0;
    for (const d of districts) {
      const minutes = round1((RURAL.has(d.name) ? 15 : 10.5) + 0.08 * years + 0.6 * random.normal());
      weighted += minutes * d.population;
      push(sampleIndicatorId.emergencyResponse, d.code, month, minutes);
    }
    push(sampleIndicatorId.emergencyResponse, forceCode, month, round1(weighted / totalPopulation));

    // KSI: ~75 a month force-wide, more in summer.
    let ksi = 0;
    for (const d of districts) {
      const casualties = random.poisson(75 * (KSI_SEASON[moy] ?? 1) * share(d) * (RURAL.has(d.name) ? 1.3 : 0.85));
      ksi += casualties;
      push(sampleIndicatorId.ksi, d.code, month, casualties);
    }
    push(sampleIndicatorId.ksi, forceCode, month, ksi);
  });
  return out;
}
