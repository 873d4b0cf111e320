import { addMonths } from "@scrutiny/domain";

/**
 * The indicator-file benchmark's input: 60 force indicators, 14 Essex districts, 10 years of months
 * (100,800 rows, about 4 MB of CSV), with deterministic values that pass every check.
 */
const ESSEX_DISTRICTS = ["E07000066", "E07000067", "E07000068", "E07000069", "E07000070", "E07000071", "E07000072", "E07000073", "E07000074", "E07000075", "E07000076", "E07000077", "E06000033", "E06000034"];

export function benchIndicatorFiles(options: { indicators?: number; years?: number; from?: `${number}-${number}`; fileName?: string } = {}) {
  const indicatorCount = options.indicators ?? 60;
  const months = Array.from({ length: (options.years ?? 10) * 12 }, (_, i) => addMonths(options.from ?? "2015-01", i));
  const ids = Array.from({ length: indicatorCount }, (_, i) => `bench-indicator-${String(i + 1).padStart(2, "0")}`);
  const catalogue = [
    "id,name,unit,direction,priority,source,cadence,expected_lag_months,definition",
    ...ids.map((id, i) => `${id},Benchmark indicator ${i + 1},${i % 3 === 0 ? "percentage" : "count"},lower,Crime prevention,Benchmark,monthly,1,A synthetic indicator for npm run bench.`),
  ].join("\n");
  const lines = ["indicator,area,month,value,numerator,denominator"];
  ids.forEach((id, i) => {
    for (const area of ESSEX_DISTRICTS) {
      months.forEach((month, m) => {
        const count = 50 + ((i * 7 + m * 13 + area.charCodeAt(8)) % 400);
        if (i % 3 === 0) {
          const solved = Math.floor(count / 4);
          lines.push(`${id},${area},${month},${((100 * solved) / count).toFixed(1)},${solved},${count}`);
        } else lines.push(`${id},${area},${month},${count},,`);
      });
    }
  });
  const encode = (text: string) => new TextEncoder().encode(`${text}\n`);
  return { catalogue: { fileName: "bench-catalogue.csv", bytes: encode(catalogue) }, figures: { fileName: options.fileName ?? "bench-indicators.csv", bytes: encode(lines.join("\n")) }, rows: lines.length - 1 };
}
