import type { SeriesResponse } from "@scrutiny/api";
import { fytdWords } from "./fytdWords";

/** The financial year to date said in words, under the readings (issue 12). */
export function FytdWords({ data }: { data: SeriesResponse }) {
  const sentence = fytdWords(data.indicator, data.area.name, data.comparisons);
  if (!sentence) return null;
  return (
    <p className="fytd-words" data-testid="fytd-words">
      {sentence}
    </p>
  );
}
