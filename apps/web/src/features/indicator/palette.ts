/**
 * Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. Every series also
 * differs by dash or marker shape, so charts still read in greyscale and on a black-and-white print.
 */
export const COLOURS = {
  blue: "#0072B2",
  vermillion: "#D55E00",
  orange: "#E69F00",
  sky: "#56B4E9",
  green: "#009E73",
  purple: "#CC79A7",
  grey: "#5f6b73",
  black: "#1b1b1b",
} as const;

export const VARIATION_STYLE = {
  improvement: { fill: COLOURS.blue, shape: "circle" as const, label: "Special cause: improvement" },
  concern: { fill: COLOURS.vermillion, shape: "diamond" as const, label: "Special cause: concern" },
  neutral: { fill: COLOURS.purple, shape: "square" as const, label: "Special cause: neither" },
  common: { fill: "#ffffff", shape: "circle" as const, label: "Common cause" },
};
