/**
 * Okabe–Ito colours (safe for the common colour-vision deficiencies). The force is vermilion and
 * also hatched and outlined, peers sky blue: the two differ in lightness too, so greyscale prints
 * keep them apart.
 */
export const FORCE_FILL = "#D55E00";
export const PEER_FILL = "#56B4E9";
export const LINE_FILL = "#0072B2";
export const CHART_INK = "#1b1b1b";
export const FORCE_HATCH_ID = "msg-force-hatch";
