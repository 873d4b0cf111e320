/**
 * "Did you mean …?" for indicator ids and area names typed by hand. Levenshtein distance (the
 * fewest single-character insertions, deletions and substitutions; Levenshtein 1966), computed with
 * two rows of the dynamic-programming table. Written out: twenty lines do not need a dependency.
 */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate closest to `text` (case and punctuation folded by `fold`), if it is close enough to
 * be a plausible typo: at most a third of the longer string's length (two from five characters on),
 * and at most 6 edits. A prefix
 * match ("Southend" for "Southend-on-Sea") also counts.
 */
export function nearestMatch(text: string, candidates: readonly string[], fold: (s: string) => string = (s) => s.toLowerCase().trim()): string | undefined {
  const target = fold(text);
  if (target === "") return undefined;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const folded = fold(candidate);
    const distance = folded.startsWith(target) && target.length >= 4 ? 0.5 : levenshtein(target, folded);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  // Two slips (a swapped pair of letters is two edits) are plausible from five characters on.
  const limit = Math.min(6, Math.max(target.length >= 5 ? 2 : 1, Math.floor(Math.max(target.length, fold(best.candidate).length) / 3)));
  return best.distance <= limit ? best.candidate : undefined;
}
