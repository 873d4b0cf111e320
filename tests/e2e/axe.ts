import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { settled } from "./browser";

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve("axe-core/axe.min.js");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core on the page at WCAG 2.2 AA and returns the violations, readable in a failure. */
export async function axeViolations(page: Page): Promise<string[]> {
  // On the page as it is once loaded, not while parts of it are still arriving.
  await settled(page);
  // Evaluated through the DevTools protocol, not added as an inline <script>: the dashboard's
  // Content-Security-Policy (no inline script) would refuse that, and rightly.
  await page.evaluate(readFileSync(AXE_PATH, "utf8"));
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
    return result.violations;
  })) as AxeViolation[];
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
}
