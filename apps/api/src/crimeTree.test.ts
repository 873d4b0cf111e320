import { describe, expect, it } from "vitest";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import type { CrimeTreeNode } from "@scrutiny/domain";
import type { CrimeTreeResponse } from "./services/crimeTree";

const ESSEX = "E23000028";
const api = apiOnDefaultDataset();

function walk(node: CrimeTreeNode, visit: (n: CrimeTreeNode) => void) {
  visit(node);
  for (const c of node.children) walk(c, visit);
}

describe("GET /api/crime-tree", () => {
  it("gives the Crime Tree for Essex, Dec 2025: every branch adds up to its parent exactly and the root equals stored all crime", async () => {
    const { status, body } = await api.get<CrimeTreeResponse>(`/api/crime-tree?area=${ESSEX}&month=2025-12`);
    expect(status).toBe(200);
    expect(body.root.name).toBe("All crime (excl. ASB)");
    walk(body.root, (n) => {
      if (n.children.length > 0) expect(n.value, n.name).toBe(n.children.reduce((s, c) => s + c.value!, 0));
    });
    const stored = await api.handle.db.selectFrom("observations").select("value").where("indicator_id", "=", "police-uk-all-crime").where("area_code", "=", ESSEX).where("month", "=", "2025-12").executeTakeFirstOrThrow();
    expect(body.root.value).toBe(stored.value);
    expect(body.recordedAllCrime).toBe(stored.value);
    // A leaf's count is the stored figure, its share of all crime and its year-earlier count.
    const leaves: CrimeTreeNode[] = [];
    walk(body.root, (n) => n.indicator && leaves.push(n));
    expect(leaves).toHaveLength(13);
    const violence = leaves.find((l) => l.indicator === "police-uk-violent-crime")!;
    expect(violence.value).toBe(5317);
    expect(violence.share).toBeCloseTo((5317 / stored.value) * 100, 10);
    const before = await api.handle.db.selectFrom("observations").select("value").where("indicator_id", "=", "police-uk-violent-crime").where("area_code", "=", ESSEX).where("month", "=", "2024-12").executeTakeFirst();
    expect(violence.previous).toBe(before?.value ?? null);
  });

  it("tests each change with the exact conditional test (121 vs 96 → p = 0.103, METHODS.md) via the domain builder", async () => {
    const { buildCrimeTree } = await import("@scrutiny/domain");
    const tree = buildCrimeTree(new Map([["a", 121], ["b", 0]]), new Map([["a", 96], ["b", 0]]), { name: "root", children: [{ name: "A", indicator: "a" }, { name: "B", indicator: "b" }] });
    expect(tree.children[0]!.pValue).toBeCloseTo(0.103, 3);
    expect(tree.value).toBe(121);
    expect(tree.children[0]!.share).toBe(100);
    // A missing leaf leaves its branches without a total: never treated as zero.
    const gap = buildCrimeTree(new Map([["a", 5]]), new Map(), { name: "root", children: [{ name: "A", indicator: "a" }, { name: "B", indicator: "b" }] });
    expect(gap.value).toBeNull();
  });

  it("does not total a rolling 12 months that lacks a month, and names the types", async () => {
    const { body } = await api.get<CrimeTreeResponse>(`/api/crime-tree?area=${ESSEX}&month=2025-03&period=rolling-12`);
    expect(body.root.value).toBeNull();
    expect(body.incomplete).toHaveLength(13);
    expect(body.sentence).toMatch(/cannot be totalled for 12 months to Mar 2025/);
  });
});
