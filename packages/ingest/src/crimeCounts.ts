import {
  ANTI_SOCIAL_BEHAVIOUR,
  POLICE_UK_CRIME_TYPES,
  policeUkIndicatorId,
  type OutcomeGroup,
} from "@scrutiny/domain";
import type { ObservationDraft } from "./observations";

const OUTCOME_GROUPS: readonly OutcomeGroup[] = ["solved", "not solved", "pending"];

/**
 * Tallies police.uk records by area, month, crime type and outcome group, then turns the tallies
 * into monthly observations. Shared by the street-level files and the pre-counted all-forces file,
 * so both produce the same indicators by the same rules.
 */
export class CrimeTally {
  /** Counts by area-month ("area|month"), then by "crime type|outcome group" ("" for none). */
  private readonly counts = new Map<string, Map<string, number>>();
  /** Area-months the source covers: every crime type gets a value there, zero when none was recorded. */
  private readonly covered = new Set<string>();

  cover(areaCode: string, month: string): void {
    this.covered.add(`${areaCode}|${month}`);
  }

  add(areaCode: string, month: string, crimeType: string, outcome: OutcomeGroup | null, count = 1): void {
    const areaMonth = `${areaCode}|${month}`;
    let tallies = this.counts.get(areaMonth);
    if (!tallies) this.counts.set(areaMonth, (tallies = new Map()));
    const key = `${crimeType}|${outcome ?? ""}`;
    tallies.set(key, (tallies.get(key) ?? 0) + count);
  }

  /** The area-months this source covers: a re-import replaces every police.uk figure there. */
  coveredAreaMonths(): { areaCode: string; month: string }[] {
    return [...this.covered].sort().map((key) => {
      const [areaCode, month] = key.split("|") as [string, string];
      return { areaCode, month };
    });
  }

  /** How many records the source holds for each covered area-month ("area|month"). */
  recordsByAreaMonth(): Map<string, number> {
    const out = new Map<string, number>();
    for (const key of this.covered) out.set(key, 0);
    for (const [areaMonth, tallies] of this.counts) {
      let records = 0;
      for (const count of tallies.values()) records += count;
      out.set(areaMonth, (out.get(areaMonth) ?? 0) + records);
    }
    return out;
  }

  toObservations(): ObservationDraft[] {
    const byAreaMonth = this.counts;
    const observations: ObservationDraft[] = [];
    for (const areaMonth of [...this.covered].sort()) {
      const [areaCode, month] = areaMonth.split("|") as [string, string];
      const tallies = byAreaMonth.get(areaMonth) ?? new Map<string, number>();
      const count = (crimeType: string, outcome: OutcomeGroup | "") => tallies.get(`${crimeType}|${outcome}`) ?? 0;
      const push = (indicatorId: string, value: number, numerator: number | null = null, denominator: number | null = null) =>
        observations.push({ indicatorId, areaCode, month, value, numerator, denominator });

      const allCrimeByOutcome = { solved: 0, "not solved": 0, pending: 0 } satisfies Record<OutcomeGroup, number>;
      for (const type of POLICE_UK_CRIME_TYPES) {
        if (type.name === ANTI_SOCIAL_BEHAVIOUR) {
          push(policeUkIndicatorId.crimeType(type.slug), count(type.name, ""));
          continue;
        }
        const byOutcome = OUTCOME_GROUPS.map((g) => count(type.name, g));
        const recorded = byOutcome.reduce((a, b) => a + b, 0);
        push(policeUkIndicatorId.crimeType(type.slug), recorded);
        OUTCOME_GROUPS.forEach((g, i) => (allCrimeByOutcome[g] += byOutcome[i] ?? 0));
        const solved = byOutcome[0] ?? 0;
        if (recorded > 0) push(policeUkIndicatorId.crimeTypeSolvedRate(type.slug), (100 * solved) / recorded, solved, recorded);
      }
      const allCrime = allCrimeByOutcome.solved + allCrimeByOutcome["not solved"] + allCrimeByOutcome.pending;
      push(policeUkIndicatorId.allCrime, allCrime);
      for (const g of OUTCOME_GROUPS) push(policeUkIndicatorId.outcome(g), allCrimeByOutcome[g]);
      if (allCrime > 0) push(policeUkIndicatorId.solvedRate, (100 * allCrimeByOutcome.solved) / allCrime, allCrimeByOutcome.solved, allCrime);
    }
    return observations;
  }
}
