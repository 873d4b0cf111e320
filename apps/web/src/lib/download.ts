/** Saves text or a blob as a file the browser downloads. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** What every exported picture carries besides the chart: what it is, when, and where from. */
export interface ExportCaption {
  title: string;
  /** The period the figures cover, e.g. "Jan 2023 to Dec 2025". */
  period: string;
  /** Who publishes the figures. */
  source: string;
  /** Synthetic figures: said on the picture too. */
  isSample?: boolean;
}

/**
 * The chart's drawing surface inside a chart frame: an own <svg data-chart>, else the largest
 * recharts surface that is not a legend icon (recharts draws each legend icon as a small
 * svg.recharts-surface, and one of those came first in the document — the 28 × 28 px export bug).
 */
export function chartSurface(container: Element): SVGSVGElement | null {
  const own = container.querySelector<SVGSVGElement>("svg[data-chart]");
  if (own) return own;
  let best: SVGSVGElement | null = null;
  let bestArea = 0;
  for (const svg of container.querySelectorAll<SVGSVGElement>("svg.recharts-surface")) {
    if (svg.closest(".recharts-legend-wrapper, .chart-legend")) continue;
    const { width, height } = svg.getBoundingClientRect();
    if (width * height > bestArea) {
      best = svg;
      bestArea = width * height;
    }
  }
  return best;
}

/** Splits text into lines of at most `max` characters at spaces (a long word stays whole). */
export function wrapWords(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function svgText(doc: Document, x: number, y: number, text: string, size: number, weight = "normal"): SVGTextElement {
  const t = doc.createElementNS(SVG_NS, "text");
  t.setAttribute("x", String(x));
  t.setAttribute("y", String(y));
  t.setAttribute("font-size", String(size));
  t.setAttribute("font-weight", weight);
  t.setAttribute("fill", "#0b0c0c");
  t.textContent = text;
  return t;
}

export interface StandaloneChart {
  svg: string;
  width: number;
  height: number;
}

/**
 * A chart as a standalone SVG file at its drawn size: the title, period and source drawn above
 * and below it, the HTML legend redrawn as SVG, namespaces and the page's font set, and a white
 * background so it prints and pastes into a slide as it looks on screen.
 */
export function standaloneSvg(container: Element, caption: ExportCaption): StandaloneChart | null {
  const surface = chartSurface(container);
  if (!surface) return null;
  const box = surface.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const chartHeight = Math.max(1, Math.round(box.height));
  const doc = document;
  const root = doc.createElementNS(SVG_NS, "svg");
  root.setAttribute("xmlns", SVG_NS);
  root.setAttribute("font-family", getComputedStyle(surface).fontFamily || "sans-serif");
  const titleElement = doc.createElementNS(SVG_NS, "title");
  titleElement.textContent = `${caption.title}, ${caption.period}`;
  root.append(titleElement);
  const background = doc.createElementNS(SVG_NS, "rect");
  background.setAttribute("width", "100%");
  background.setAttribute("height", "100%");
  background.setAttribute("fill", "#ffffff");
  root.append(background);

  // Header: the title (wrapped to the width; ~0.55 em a character) and the period.
  let y = 8;
  for (const line of wrapWords(caption.title, Math.max(20, Math.floor((width - 16) / 9)))) {
    y += 20;
    root.append(svgText(doc, 8, y, line, 16, "bold"));
  }
  y += 18;
  root.append(svgText(doc, 8, y, caption.isSample ? `${caption.period} · Sample data (synthetic figures)` : caption.period, 13));

  // The legend (recharts' or our own HTML legend): each item's icon and label, wrapped into rows.
  const items = container.querySelectorAll(".recharts-legend-item, .chart-legend li");
  if (items.length > 0) {
    y += 10;
    let x = 8;
    let rowTop = y;
    for (const item of items) {
      const label = (item.textContent ?? "").trim();
      const itemWidth = 20 + label.length * 7 + 16;
      if (x > 8 && x + itemWidth > width) {
        x = 8;
        rowTop += 20;
      }
      const icon = item.querySelector("svg");
      if (icon) {
        const iconCopy = icon.cloneNode(true) as SVGSVGElement;
        iconCopy.setAttribute("x", String(x));
        iconCopy.setAttribute("y", String(rowTop + 2));
        iconCopy.setAttribute("width", "14");
        iconCopy.setAttribute("height", "14");
        iconCopy.removeAttribute("style");
        root.append(iconCopy);
      }
      root.append(svgText(doc, x + 20, rowTop + 14, label, 12));
      x += itemWidth;
    }
    y = rowTop + 20;
  }
  y += 8;

  // The chart itself, at its drawn size.
  const chart = surface.cloneNode(true) as SVGSVGElement;
  chart.setAttribute("x", "0");
  chart.setAttribute("y", String(y));
  chart.setAttribute("width", String(width));
  chart.setAttribute("height", String(chartHeight));
  if (!chart.getAttribute("viewBox")) chart.setAttribute("viewBox", `0 0 ${width} ${chartHeight}`);
  chart.removeAttribute("style");
  root.append(chart);
  y += chartHeight + 18;

  root.append(svgText(doc, 8, y, `Source: ${caption.source}`, 12));
  const height = y + 10;
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(height));
  root.setAttribute("viewBox", `0 0 ${width} ${height}`);
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const image = new Image();
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("The chart could not be drawn as an image"));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("This browser cannot draw images");
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG export failed"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}
