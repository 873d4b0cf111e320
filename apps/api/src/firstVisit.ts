import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { Context } from "hono";
import { chooseEncoding, matches } from "./answerCache";
import { FIRST_DATA_ID, firstVisitRequests } from "@scrutiny/domain";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** At most this many composed pages are held (one per set of answers), the least recently used dropped first. */
const MAX_PAGES = 100;

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
  /** Whether the page holds a signed-in user's answers (their name and what only members see). */
  personal: boolean;
  /** Times served; a page asked for twice is worth brotli's smallest setting. */
  served: number;
  smallest: boolean;
}

/**
 * The scorecard's page (GET /) with its first answers in it (decision 115e): the dashboard's
 * index.html, and before its </body> a JSON script holding the answers the page would otherwise
 * ask for once its scripts had run (a chain of round trips on a slow phone). Each answer comes from
 * the API itself, asked with the visitor's own cookie, so what is embedded is exactly what that
 * visitor may see; one that is not a 200 (or that fails) is left out and the dashboard asks for it
 * as usual. Pages are composed once per set of answers — the key is a hash of each answer's body, so
 * a page is only ever sent to a visitor whose own answers are the same bytes — and kept compressed
 * (the most recently used 100); a new import changes an answer, so the next visit composes afresh.
 */
export function firstVisitPage(options: { webDir: string; force: string; ask: (request: Request) => Response | Promise<Response> }) {
  const pages = new Map<string, Promise<Page>>();
  let smallestRunning = false;
  const answer = async (url: URL, path: string, headers: Headers): Promise<[string, string] | undefined> => {
    try {
      const response = await options.ask(new Request(new URL(path, url), { headers }));
      if (response.status !== 200 || !response.headers.get("content-type")?.startsWith("application/json")) {
        await response.body?.cancel();
        return undefined;
      }
      return [path, await response.text()];
    } catch {
      // The page is still the dashboard: it asks for what is missing, and shows that answer's error.
      return undefined;
    }
  };
  return async (c: Context): Promise<Response | undefined> => {
    const url = new URL(c.req.url);
    const headers = new Headers();
    for (const name of ["cookie", "host", "user-agent"]) {
      const value = c.req.header(name);
      if (value) headers.set(name, value);
    }
    const requests = firstVisitRequests(url.searchParams, options.force);
    const [html, ...asked] = await Promise.all([
      readFile(join(options.webDir, "index.html"), "utf8").catch(() => undefined),
      ...[requests.health, requests.session, requests.areas, requests.overview.path].map((path) => answer(url, path, headers)),
    ]);
    if (html === undefined) return undefined;
    const answers = new Map(asked.filter((a) => a !== undefined));
    const id = [html, ...answers].map((part) => createHash("sha256").update(typeof part === "string" ? part : `${part[0]} ${part[1]}`).digest("base64url")).join(" ");
    let pending = pages.get(id);
    if (pending) {
      // Most recently used last: the oldest goes first when the map is full.
      pages.delete(id);
    } else {
      if (pages.size >= MAX_PAGES) pages.delete(pages.keys().next().value!);
      pending = compose(html, answers);
      pending.catch(() => pages.delete(id));
    }
    pages.set(id, pending);
    const page = await pending;
    page.served += 1;
    // brotli at its smallest (a fifth fewer bytes, but a second or more of CPU for a scorecard) only
    // for a page asked for again, and one at a time: a run of one-off URLs cannot queue up that work.
    if (page.served >= 2 && !page.smallest && !smallestRunning) {
      smallestRunning = true;
      page.smallest = true;
      brotli(page.raw, constants.BROTLI_MAX_QUALITY)
        .then((smallest) => (page.br = smallest))
        .catch(() => (page.smallest = false))
        .finally(() => (smallestRunning = false));
    }
    // Never kept by a shared cache; a signed-in user's page is not stored at all (their name and
    // unpublished figures are in it), so no browser shows it again after they sign out.
    const common = { "Content-Type": "text/html; charset=UTF-8", "Cache-Control": page.personal ? "private, no-store" : "private, no-cache", Vary: "Accept-Encoding, Cookie", ETag: page.etag };
    const ifNoneMatch = c.req.header("if-none-match");
    if (ifNoneMatch && matches(ifNoneMatch, page.etag)) return c.body(null, 304, common);
    const encoding = chooseEncoding(c.req.header("accept-encoding"));
    if (encoding === "br") return c.body(new Uint8Array(page.br), 200, { ...common, "Content-Encoding": "br" });
    if (encoding === "gzip") return c.body(new Uint8Array(page.gzip), 200, { ...common, "Content-Encoding": "gzip" });
    return c.body(new Uint8Array(page.raw), 200, common);
  };
}

const brotli = (raw: Buffer, quality: number) => brotliAsync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });

/** The page with its answers before </body>, compressed with gzip and with brotli at a fast setting (~20 ms). */
async function compose(html: string, answers: ReadonlyMap<string, string>): Promise<Page> {
  const at = html.lastIndexOf("</body>");
  const text = answers.size === 0 || at === -1 ? html : html.slice(0, at) + firstDataScript(answers) + html.slice(at);
  const raw = Buffer.from(text, "utf8");
  const [br, gzipped] = await Promise.all([brotli(raw, 5), gzipAsync(raw, { level: 9 })]);
  return { etag: `"${createHash("sha256").update(raw).digest("base64url").slice(0, 27)}"`, raw, br, gzip: gzipped, personal: signedIn(answers.get("/api/session")), served: 0, smallest: false };
}

/** Whether a session answer names a signed-in user (in local mode the one local user is no secret). */
function signedIn(session: string | undefined): boolean {
  if (session === undefined) return false;
  try {
    const answer = JSON.parse(session) as { mode?: string; user?: unknown };
    return answer.mode !== "local" && answer.user != null;
  } catch {
    return true;
  }
}
