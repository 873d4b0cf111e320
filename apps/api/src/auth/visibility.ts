import type { MiddlewareHandler } from "hono";
import { crimeTreeIndicators, policeUkIndicatorId } from "@scrutiny/domain";
import { unpublishedIndicatorIds } from "@scrutiny/db";
import type { AppEnv } from "../context";
import { NotFoundError } from "../errors";
import { hasRole } from "./middleware";

const NOTHING_HIDDEN: ReadonlySet<string> = new Set();

/**
 * What the caller may see (docs/decisions/110a-published-by-source.md): a member or above (and
 * the local user) sees every indicator; the public only published ones. For the public, a request
 * naming an unpublished indicator (`?indicator=` on series, comparisons, districts, annotations)
 * is "not found" — the same answer as an indicator that does not exist — before any handler or
 * cached answer; lists (catalogue, scorecard, data status, district indicators) leave them out.
 */
export function visibility(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (hasRole(c.var.user, "member")) {
      c.set("seesUnpublished", true);
      c.set("unpublished", NOTHING_HIDDEN);
      return next();
    }
    const hidden = await unpublishedIndicatorIds(c.var.db);
    c.set("seesUnpublished", false);
    c.set("unpublished", hidden);
    for (const name of ["indicator", "indicatorId"]) {
      for (const id of c.req.queries(name) ?? []) if (hidden.has(id)) throw new NotFoundError(`No indicator with id "${id}"`);
    }
    // The crime tree adds up police.uk crime types: shown only while every one of them is published.
    if (c.req.path.replace(/\/+$/, "") === "/api/crime-tree" && [...crimeTreeIndicators(), policeUkIndicatorId.allCrime].some((id) => hidden.has(id))) {
      throw new NotFoundError("No crime tree is published");
    }
    await next();
  };
}
