/** "1 row", "2 rows". */
export function plural(n: number, noun: string): string {
  return `${n.toLocaleString("en-GB")} ${noun}${n === 1 ? "" : "s"}`;
}

/** "2 new values, 1 revised, 40 unchanged": what an import did or would do. */
export function changeCounts(counts: { created: number; revised: number; unchanged: number }): string {
  return `${plural(counts.created, "new value")}, ${counts.revised.toLocaleString("en-GB")} revised, ${counts.unchanged.toLocaleString("en-GB")} unchanged`;
}

/** A stored number as written in a file: no grouping, no rounding; "—" for none. */
export function figure(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : String(value);
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}
