import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { Role } from "@scrutiny/db";
import type { AppEnv, AuthMode } from "../context";
import { ForbiddenError, UnauthorizedError } from "../errors";
import { PUBLIC_USER, userOfToken, type SignedInUser } from "./accounts";

export const SESSION_COOKIE = "scrutiny_session";

const RANK: Record<Role, number> = { public: 0, member: 1, analyst: 2, admin: 3 };

/**
 * The least role a request needs, decided before any handler (a new route is covered by default):
 * reads are public except the meeting cycle (a published pack aside) and the import records (member: history, batches, revisions — the data
 * status, which the overview shows, stays public) and the audit log and accounts (admin);
 * signing in and out is open; any other change needs an analyst, and catalogue, comparison-group
 * and account changes an admin.
 */
export function requiredRole(method: string, path: string): Role {
  const p = path.replace(/\/+$/, "");
  if (p === "/api/session") return "public";
  if (p.startsWith("/api/audit") || p.startsWith("/api/users")) return "admin";
  if (method === "GET" || method === "HEAD") {
    if (p.startsWith("/api/imports") && p !== "/api/imports/status") return "member";
    // The meeting cycle is the office's working papers; only a published briefing pack is public
    // (and then only when published: the route answers "not found" otherwise, decision 110a).
    if (/^\/api\/meetings\/[^/]+\/pack$/.test(p)) return "public";
    if (p.startsWith("/api/meetings") || p.startsWith("/api/questions") || p.startsWith("/api/actions")) return "member";
    return "public";
  }
  if (/^\/api\/meetings\/[^/]+\/pack\/published$/.test(p)) return "admin";
  if (p === "/api/imports/catalogue" || p.startsWith("/api/indicators") || p.startsWith("/api/comparison-groups") || p.startsWith("/api/peer-groups")) return "admin";
  return "analyst";
}

export function hasRole(user: SignedInUser, role: Role): boolean {
  return RANK[user.role] >= RANK[role];
}

/**
 * Who is asking. Local mode: the one local user, with every right (the server listens on
 * loopback only). Required mode: the account behind the session cookie, or the public.
 */
export function authenticate(mode: AuthMode, localUserName: string): MiddlewareHandler<AppEnv> {
  const localUser: SignedInUser = { name: localUserName, email: null, role: "admin", accountId: null };
  return async (c, next) => {
    c.set("authMode", mode);
    c.set("user", mode === "local" ? localUser : ((await userOfToken(c.var.db, getCookie(c, SESSION_COOKIE))) ?? PUBLIC_USER));
    await next();
  };
}

export function authorize(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const needed = requiredRole(c.req.method, c.req.path);
    const user = c.var.user;
    if (!hasRole(user, needed)) {
      if (user.role === "public") throw new UnauthorizedError(`Sign in as ${needed === "admin" ? "an admin" : `a ${needed}`} to do this.`);
      throw new ForbiddenError(`Your role (${user.role}) may not do this: it needs ${needed === "admin" ? "an admin" : `a ${needed}`}.`);
    }
    await next();
  };
}
