/**
 * The Crime Tree: a hierarchy of crime defined as data (crimeTree.json), each leaf a police.uk
 * crime-type indicator; a branch's count is the exact sum of its children. Pure: the counts come in.
 */
import { compareCounts } from "./stats/changes";
import definition from "./crimeTree.json";

export interface CrimeTreeDefinition {
  name: string;
  indicator?: string;
  note?: string;
  children?: CrimeTreeDefinition[];
}

export const CRIME_TREE: CrimeTreeDefinition = definition;

export interface CrimeTreeNode {
  name: string;
  /** The leaf's indicator (drill into its trend); null for a branch. */
  indicator: string | null;
  /** Crimes in the period; null when a leaf (or any leaf below a branch) has no figure. */
  value: number | null;
  /** Share of all crime in the tree's root, 0–100. */
  share: number | null;
  /** The same period a year earlier. */
  previous: number | null;
  change: number | null;
  percentChange: number | null;
  /** Exact conditional test (METHODS.md "Changes") of value against previous. */
  pValue: number | null;
  significant: boolean | null;
  children: CrimeTreeNode[];
}

/** Every leaf indicator of a tree, in order. */
export function crimeTreeIndicators(tree: CrimeTreeDefinition = CRIME_TREE): string[] {
  const out: string[] = [];
  const walk = (node: CrimeTreeDefinition, depth: number) => {
    if (depth > 10) throw new RangeError("the crime tree is deeper than 10 levels");
    if (node.indicator) out.push(node.indicator);
    for (const child of node.children ?? []) walk(child, depth + 1);
  };
  walk(tree, 0);
  return out;
}

/**
 * Fills the tree with counts: leaves from `current`/`previous` (indicator → total, null when the
 * period lacks a month), branches as exact sums (null when any leaf below is null: a missing
 * count is never treated as zero). Shares are of the root.
 */
export function buildCrimeTree(
  current: ReadonlyMap<string, number | null>,
  previous: ReadonlyMap<string, number | null>,
  tree: CrimeTreeDefinition = CRIME_TREE,
): CrimeTreeNode {
  const fill = (node: CrimeTreeDefinition, depth: number): CrimeTreeNode => {
    if (depth > 10) throw new RangeError("the crime tree is deeper than 10 levels");
    const children = (node.children ?? []).map((c) => fill(c, depth + 1));
    const sum = (pick: (n: CrimeTreeNode) => number | null) => {
      let total = 0;
      for (const c of children) {
        const v = pick(c);
        if (v === null) return null;
        total += v;
      }
      return total;
    };
    const value = node.indicator ? (current.get(node.indicator) ?? null) : sum((c) => c.value);
    const before = node.indicator ? (previous.get(node.indicator) ?? null) : sum((c) => c.previous);
    const test = value !== null && before !== null ? compareCounts(value, before) : null;
    return {
      name: node.name,
      indicator: node.indicator ?? null,
      value,
      share: null,
      previous: before,
      change: test ? test.absoluteChange : null,
      percentChange: test ? test.percentChange : null,
      pValue: test ? test.pValue : null,
      significant: test ? test.significant : null,
      children,
    };
  };
  const root = fill(tree, 0);
  const share = (node: CrimeTreeNode): CrimeTreeNode => ({
    ...node,
    share: node.value !== null && root.value ? (node.value / root.value) * 100 : null,
    children: node.children.map(share),
  });
  return share(root);
}
