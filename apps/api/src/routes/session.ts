import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { signIn, signOut } from "../auth/accounts";
import { SESSION_COOKIE } from "../auth/middleware";
import type { AppEnv } from "../context";
import { BadRequestError, describeZodError } from "../errors";

const SignInBody = z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(200) });

/** Secure cookies over HTTPS: directly, or behind a proxy that terminates TLS and says so. */
function isHttps(url: string, forwardedProto: string | undefined) {
  return new URL(url).protocol === "https:" || forwardedProto?.split(",")[0]?.trim() === "https";
}

/** Sign in (POST), who is signed in and the mode (GET), sign out (DELETE). */
export const sessionRoutes = new Hono<AppEnv>()
  .get("/", (c) => {
    const user = c.var.user;
    return c.json({ mode: c.var.authMode, user: user.role === "public" ? null : { name: user.name, email: user.email, role: user.role }, role: user.role });
  })
  .post(
    "/",
    zValidator("json", SignInBody, (result) => {
      if (!result.success) throw new BadRequestError(describeZodError(result.error as never));
    }),
    async (c) => {
      const { email, password } = c.req.valid("json");
      const session = await signIn(c.var.db, email, password);
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: "Lax",
        secure: isHttps(c.req.url, c.req.header("x-forwarded-proto")),
        path: "/",
        expires: session.expiresAt,
        maxAge: Math.floor((session.expiresAt.getTime() - Date.now()) / 1000),
      });
      return c.json({ mode: c.var.authMode, user: { name: session.user.name, email: session.user.email, role: session.user.role }, role: session.user.role, expiresAt: session.expiresAt.toISOString() }, 200);
    },
  )
  .delete("/", async (c) => {
    await signOut(c.var.db, getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.json({ mode: c.var.authMode, user: null, role: "public" as const });
  });
