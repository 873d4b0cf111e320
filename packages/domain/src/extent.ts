import { max, min } from "d3-array";

/**
 * The smallest and largest of any number of values, without spreading them into Math.min/Math.max
 * (a spread of a data-sized array overflows the call stack at about 125,000 values).
 * Undefined for no values, as d3-array gives.
 */
export function minOf(values: Iterable<number>): number | undefined {
  return min(values);
}

export function maxOf(values: Iterable<number>): number | undefined {
  return max(values);
}
