import { useId } from "react";

export interface IndicatorChoice {
  id: string;
  name: string;
  source: string;
}

/** The label for a source's group of indicators: Home Office figures are rolling 12 months, published quarterly. */
function sourceLabel(source: string): string {
  return source === "Home Office" ? "Home Office (rolling 12 months, quarterly)" : `${source} (monthly)`;
}

/**
 * An indicator chooser grouped by source (the MSG and force comparison views). A value that is not
 * among the choices (an old URL) stays selected and is named "(not comparable)".
 */
export function IndicatorSelect({ value, choices, onChange, testId }: { value: string; choices: IndicatorChoice[]; onChange: (id: string) => void; testId: string }) {
  const id = useId();
  const sources = [...new Set(choices.map((c) => c.source))];
  const known = choices.some((c) => c.id === value);
  return (
    <div className="msg-field">
      <label htmlFor={id}>Indicator</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {!known && <option value={value}>{value} (not comparable)</option>}
        {sources.map((source) => (
          <optgroup key={source} label={sourceLabel(source)}>
            {choices
              .filter((c) => c.source === source)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
