import type { Variation } from "@scrutiny/domain";

/**
 * Making Data Count variation icons, drawn (not font glyphs) with a text alternative: grey for
 * common cause; blue for special-cause improvement, orange for concern, purple for neither, each
 * with H (high) or L (low) — the same set on the scorecard, the XmR chart and its legend.
 * Colours are Okabe–Ito; the letter and the text carry the meaning without colour.
 */
export const VARIATION_ICON = {
  common: { fill: "#8a959c", text: "Common cause variation" },
  improvement: { fill: "#0072B2", text: "Special cause variation: improvement" },
  concern: { fill: "#D55E00", text: "Special cause variation: concern" },
  neutral: { fill: "#CC79A7", text: "Special cause variation: neither improvement nor concern" },
} as const;

export function variationIconText(variation: Variation, side: "high" | "low" | null): string {
  const base = VARIATION_ICON[variation].text;
  return variation === "common" || !side ? base : `${base} (${side === "high" ? "high" : "low"})`;
}

export function VariationIcon({ variation, side, size = 28 }: { variation: Variation; side: "high" | "low" | null; size?: number }) {
  const { fill } = VARIATION_ICON[variation];
  const label = variationIconText(variation, side);
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" role="img" aria-label={label} className="variation-icon" data-variation={variation} data-side={side ?? ""}>
      <title>{label}</title>
      <circle cx="16" cy="16" r="14" fill="#fff" stroke={fill} strokeWidth="3" />
      {variation === "common" || !side ? (
        <polyline points="7,18 11,13 15,19 19,12 23,17 26,14" fill="none" stroke={fill} strokeWidth="2.2" strokeLinejoin="round" />
      ) : (
        <text x="16" y="21.5" textAnchor="middle" fontSize="15" fontWeight="700" fill={fill} fontFamily="system-ui, sans-serif">
          {side === "high" ? "H" : "L"}
        </text>
      )}
    </svg>
  );
}
