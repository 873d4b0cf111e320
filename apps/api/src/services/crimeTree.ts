import type { Kysely } from "kysely";
import { addMonths, buildCrimeTree, crimeTreeIndicators, windowFigure, type CrimeTreeNode, type Month } from "@scrutiny/domain";
import { latestMonthFor, observationsInWindow, type Database } from "@scrutiny/db";
import { NotFoundError } from "../errors";
import { requireArea } from "./series";
import { periodFor, type PeriodInfo } from "./forces";
import type { ComparisonPeriod } from "@scrutiny/domain";

export interface CrimeTreeResponse {
  area: { code: string; name: string };
  month: Month;
  period: PeriodInfo;
  /** The same months a year earlier, for the change and its test. */
  previousPeriod: { from: Month; to: Month };
  root: CrimeTreeNode;
  /** The stored all-crime figure for the period, to check the tree against: equal when the types add up. */
  recordedAllCrime: number | null;
  /** Leaf indicators with no complete figure for the period (their branches have no total). */
  incomplete: string[];
  sentence: string;
}

const ALL_CRIME = "police-uk-all-crime";

/** The Crime Tree for an area and period: each node's count, share, change on a year earlier and its exact test. */
export async function crimeTree(db: Kysely<Database>, query: { area: string; month?: Month; period: ComparisonPeriod }): Promise<CrimeTreeResponse> {
  const area = await requireArea(db, query.area);
  const month = query.month ?? ((await latestMonthFor(db, ALL_CRIME, area.code)) as Month | undefined);
  if (!month) throw new NotFoundError(`No police.uk crime figures are held for ${area.name}`);
  const window = periodFor({ id: ALL_CRIME, name: "All crime" } as never, month, query.period);
  const previous = { from: addMonths(window.from, -12), to: addMonths(window.to, -12) };
  const indicators = [...crimeTreeIndicators(), ALL_CRIME];
  const totals = async (from: Month, to: Month) => {
    const result = new Map<string, number | null>();
    for (const id of indicators) {
      const rows = await observationsInWindow(db, { indicatorId: id, from, to, areaCodes: [area.code] });
      result.set(id, windowFigure(rows, { from, to }, "rate").numerator);
    }
    return result;
  };
  const [now, before] = [await totals(window.from, window.to), await totals(previous.from, previous.to)];
  const root = buildCrimeTree(now, before);
  const incomplete = crimeTreeIndicators().filter((id) => now.get(id) === null);
  const recordedAllCrime = now.get(ALL_CRIME) ?? null;
  const sentence =
    root.value === null
      ? `The Crime Tree for ${area.name} cannot be totalled for ${window.label}: ${incomplete.length} crime type${incomplete.length === 1 ? " has" : "s have"} no complete figure.`
      : `${area.name}, ${window.label}: ${root.value.toLocaleString("en-GB")} crimes${
          root.previous !== null && root.change !== null
            ? `, ${Math.abs(root.change).toLocaleString("en-GB")} ${root.change >= 0 ? "more" : "fewer"} than a year earlier (${root.previous.toLocaleString("en-GB")}; ${root.significant ? "a significant change" : "not a significant change"}, exact test p = ${root.pValue!.toFixed(3)})`
            : "; no complete figure a year earlier"
        }.`;
  return { area: { code: area.code, name: area.name }, month, period: window, previousPeriod: previous, root, recordedAllCrime, incomplete, sentence };
}
