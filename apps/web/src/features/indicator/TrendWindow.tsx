import { useSearchParams } from "react-router";
import { formatMonth, isMonth, trendWindowFrom, type Month } from "@scrutiny/domain";

export { MAX_TREND_MONTHS, trendWindowFromUrl } from "./trendWindowUrl";

/**
 * The control that changes the window: first and last month, the last three years, or the whole
 * history held. It writes `from` and `to` into the URL, so a view is reproduced from its link.
 */
export function TrendWindow({
  from,
  to,
  held,
  keepMonth = false,
}: {
  from: Month;
  to: Month;
  held: { first: Month | null; last: Month | null };
  /** Keep ?month= (the districts and MSG views' reporting month) instead of letting ?to= replace it. */
  keepMonth?: boolean;
}) {
  const [, setParams] = useSearchParams();
  const set = (next: { from: Month; to: Month }) =>
    setParams((previous) => {
      const params = new URLSearchParams(previous);
      if (!keepMonth) params.delete("month");
      params.set("from", next.from);
      params.set("to", next.to);
      return params;
    });
  const min = held.first ?? undefined;
  const max = held.last ?? undefined;
  const whole = held.first && held.last ? { from: held.first, to: held.last } : null;
  const isWhole = whole !== null && whole.from === from && whole.to === to;
  return (
    <fieldset className="trend-window" data-testid="trend-window">
      <legend>
        Months shown: {formatMonth(from)} to {formatMonth(to)}
        {held.first && held.last ? ` (held: ${formatMonth(held.first)} to ${formatMonth(held.last)})` : ""}
      </legend>
      <label className="field">
        <span>From</span>
        <input
          type="month"
          value={from}
          min={min}
          max={to}
          data-testid="trend-from"
          onChange={(e) => {
            const value = e.target.value;
            if (isMonth(value) && value <= to) set({ from: value, to });
          }}
        />
      </label>
      <label className="field">
        <span>To</span>
        <input
          type="month"
          value={to}
          min={from}
          max={max}
          data-testid="trend-to"
          onChange={(e) => {
            const value = e.target.value;
            if (isMonth(value) && value >= from) set({ from, to: value });
          }}
        />
      </label>
      <div className="trend-window-buttons">
        {held.last && (
          <button type="button" onClick={() => set({ from: trendWindowFrom(held.last!), to: held.last! })}>
            Last 3 years
          </button>
        )}
        {whole && (
          <button type="button" aria-pressed={isWhole} data-testid="trend-whole" onClick={() => set(whole)}>
            Whole history
          </button>
        )}
      </div>
    </fieldset>
  );
}
