import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Context } from "hono";
import { FIRST_DATA_ID, firstVisitRequests } from "@scrutiny/domain";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** At most this many composed pages are held (one per role, session and scorecard URL; then all are dropped). */
const MAX_PAGES = 200;

/**
 * JSON answers as one JSON object keyed by path, safe inside an HTML element: every "<" is written
 * \u003c (valid JSON inside a string, and JSON has no "<" outside one), so no "</script" or "<!--"
 * can end or bend the element.
 */
export function firstDataScript(answers: ReadonlyMap<string, string>): string {
  const members = [...answers].map(([path, body]) => `${JSON.stringify(path)}:${body}`);
  return `<script type="application/json" id="${FIRST_DATA_ID}">{${members.join(",").replace(/</g, "\\u003c")}}</script>`;
}

interface Page {
  etag: string;
  raw: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/**
 * The scorecard's page (GET /) with its first answers in it (decision 115e): the dashboard's
 * index.html, and before its </body> a JSON script holding the answers the page would otherwise
 * ask for once its scripts had run (a chain of round trips on a slow phone). Each answer comes from
 * the API itself, asked with the visitor's own cookie, so what is embedded is exactly what that
 * visitor may see; one that is not a 200 is left out and the dashboard asks for it as usual. Pages
 * are composed once per set of answers (their ETags, and the session's body, are the key) and kept
 * compressed; a new import changes an ETag, so the next visit composes afresh.
 */
export function firstVisitPage(options: { webDir: string; force: string; ask: (request: Request) => Response | Promise<Response> }) {
  const pages = new Map<string, Promise<Page>>();
  return async (c: Context): Promise<Response | undefined> => {
    const url = new URL(c.req.url);
    const headers = new Headers();
    for (const name of ["cookie", "host", "user-agent"]) {
      const value = c.req.header(name);
      if (value) headers.set(name, value);
    }
    const answers = new Map<string, string>();
    const key: string[] = [];
    const requests = firstVisitRequests(url.searchParams, options.force);
    for (const path of [requests.health, requests.session, requests.areas, requests.overview.path]) {
      const response = await options.ask(new Request(new URL(path, url), { headers }));
      if (response.status !== 200 || !response.headers.get("content-type")?.startsWith("application/json")) {
        await response.body?.cancel();
        continue;
      }
      const body = await response.text();
      answers.set(path, body);
      key.push(`${path} ${response.headers.get("etag") ?? createHash("sha256").update(body).digest("base64url")}`);
    }
    const html = await readFile(join(options.webDir, "index.html"), "utf8").catch(() => undefined);
    if (html === undefined || !html.includes(`<div id="root">`)) return undefined;
    key.push(createHash("sha256").update(html).digest("base64url"));
    const id = key.join("\n");
    let page = pages.get(id);
    if (!page) {
      if (pages.size >= MAX_PAGES) pages.clear();
      page = compose(html, answers);
      pages.set(id, page);
      page.catch(() => pages.delete(id));
    }
    const { etag, raw, br, gzip: gzipped } = await page;
    const common = { "Content-Type": "text/html; charset=UTF-8", "Cache-Control": "no-cache", Vary: "Accept-Encoding, Cookie", ETag: etag };
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, common);
    const accepted = c.req.header("accept-encoding") ?? "";
    if (/\bbr\b/.test(accepted)) return c.body(new Uint8Array(br), 200, { ...common, "Content-Encoding": "br" });
    if (/\bgzip\b/.test(accepted)) return c.body(new Uint8Array(gzipped), 200, { ...common, "Content-Encoding": "gzip" });
    return c.body(new Uint8Array(raw), 200, common);
  };
}

/**
 * The page with its answers before </body>, compressed: gzip, and brotli at a fast setting so the
 * first visit after a change is not kept waiting; brotli at its smallest (a fifth fewer bytes, but
 * most of a second for a scorecard) replaces it in the background for every later visit.
 */
async function compose(html: string, answers: ReadonlyMap<string, string>): Promise<Page> {
  const at = html.lastIndexOf("</body>");
  const text = answers.size === 0 || at === -1 ? html : html.slice(0, at) + firstDataScript(answers) + html.slice(at);
  const raw = Buffer.from(text, "utf8");
  const brotli = (quality: number) => brotliAsync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
  const [br, gzipped] = await Promise.all([brotli(5), gzipAsync(raw, { level: 9 })]);
  const page: Page = { etag: `"${createHash("sha256").update(raw).digest("base64url").slice(0, 27)}"`, raw, br, gzip: gzipped };
  brotli(constants.BROTLI_MAX_QUALITY).then(
    (smallest) => (page.br = smallest),
    () => {},
  );
  return page;
}
