/**
 * An SVG path through a monthly series with one sub-path per run of months held, so a missing
 * month is a visible gap rather than a line drawn across it; a lone month between gaps is a dot.
 * `x` and `y` place the i-th value; the callers choose the scales.
 */
export function gappedPath(values: readonly (number | null)[], x: (index: number) => number, y: (value: number) => number): string {
  const parts: string[] = [];
  let open = false;
  values.forEach((v, i) => {
    if (v === null) {
      open = false;
      return;
    }
    const point = `${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    const isolated = !open && (values[i + 1] ?? null) === null;
    parts.push(isolated ? `M${point}h0.01` : `${open ? "L" : "M"}${point}`);
    open = true;
  });
  return parts.join("");
}
