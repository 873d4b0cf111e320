import type { Unit } from "./indicators";
import type { Change } from "./change";

const integer = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });

/** A value as a briefing writes it: "1,234", "27.4%", "6.8 min", "£3,600,000". */
export function formatValue(unit: Unit, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "count":
      return integer.format(value);
    case "percentage":
      return `${oneDecimal.format(value)}%`;
    case "minutes":
      return `${oneDecimal.format(value)} min`;
    case "rate":
      return oneDecimal.format(value);
    case "currency":
      return pounds.format(value);
  }
}

/** "+191 (+5.6%)" for counts, "−6.9 pp" for percentages (never "−6.9%"). */
export function formatChange(unit: Unit, change: Change | null | undefined): string {
  if (!change) return "—";
  const sign = (x: number) => (x > 0 ? "+" : x < 0 ? "−" : "±");
  if (change.percentagePoints !== null) return `${sign(change.percentagePoints)}${oneDecimal.format(Math.abs(change.percentagePoints))} pp`;
  const absolute = `${sign(change.absolute)}${formatValue(unit, Math.abs(change.absolute))}`;
  return change.percent === null ? absolute : `${absolute} (${sign(change.percent)}${oneDecimal.format(Math.abs(change.percent))}%)`;
}

/**
 * An indicator's name inside a sentence: "Burglary" → "burglary", "All crime (excl. ASB)" →
 * "all crime (excl. ASB)", but acronyms stay ("KSI casualties", "DA incidents").
 */
export function nameInSentence(name: string): string {
  const firstWord = name.split(/\s/)[0] ?? "";
  if (firstWord.length > 1 && firstWord === firstWord.toUpperCase()) return name;
  return name.charAt(0).toLowerCase() + name.slice(1);
}
