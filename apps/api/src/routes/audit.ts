import { Hono } from "hono";
import { z } from "zod";
import { listAudit } from "@scrutiny/db";
import type { AppEnv } from "../context";
import { validQuery } from "../validation";

const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  action: z.string().max(50).optional(),
  subject: z.string().max(200).optional(),
});

/** The audit log, newest first (admins only: enforced by the role middleware). */
export const auditRoutes = new Hono<AppEnv>().get("/", validQuery(AuditQuery), async (c) => {
  const rows = await listAudit(c.var.db, c.req.valid("query"));
  return c.json(
    rows.map((r) => ({
      at: r.at,
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
      after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
    })),
  );
});
