import type { Plugin } from "vite";
import { FOOTER_TEXT, NAV_ITEMS } from "./src/app/shell";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The page frame as static HTML, the same elements and classes Layout renders before any data:
 * skip link, header (brand, navigation, the session line kept empty), a loading message a screen
 * tall, footer. React replaces it on its first render; the header and footer do not move.
 */
export function shellHtml(): string {
  const nav = NAV_ITEMS.map((item) => `<a href="${escape(item.to)}">${escape(item.label)}</a>`).join("");
  return [
    `<a class="skip-link" href="#main">Skip to content</a>`,
    `<header class="site-header"><a class="brand" href="/">Scrutiny</a><nav aria-label="Main" class="main-nav">${nav}</nav><p class="session-status session-pending" aria-hidden="true"></p></header>`,
    `<main id="main" tabindex="-1"><p class="status status-reserve" role="status">Loading…</p></main>`,
    `<footer class="site-footer"><p>${escape(FOOTER_TEXT.before)}<em>${escape(FOOTER_TEXT.emphasised)}</em>${escape(FOOTER_TEXT.after)}</p></footer>`,
  ].join("");
}

/**
 * First paint before the scripts (decision 113g): writes the static frame into index.html's #root
 * and preloads the latin subset of the shipped font, which every page's text needs, so it arrives
 * with the scripts rather than after the first render has asked for it.
 */
export function staticShell(options: { preloadFont: RegExp }): Plugin {
  return {
    name: "scrutiny-static-shell",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const font = Object.keys(ctx.bundle ?? {}).find((file) => options.preloadFont.test(file));
        if (!font) throw new Error(`static shell: no built file matches ${options.preloadFont}`);
        if (!html.includes(`<div id="root"></div>`)) throw new Error(`static shell: index.html has no empty <div id="root"></div>`);
        return {
          html: html.replace(`<div id="root"></div>`, `<div id="root">${shellHtml()}</div>`),
          tags: [{ tag: "link", attrs: { rel: "preload", href: `/${font}`, as: "font", type: "font/woff2", crossorigin: "" }, injectTo: "head" }],
        };
      },
    },
  };
}
