import { Hono } from "hono";
import { z } from "zod";
import { addMonths, formatMonth, type Month } from "@scrutiny/domain";
import { bumpDataVersion, comparisonGroupsFor, listAreas, recordAudit, startComparisonGroup, type ComparisonGroupWithMembers } from "@scrutiny/db";
import { parseMsgList } from "@scrutiny/ingest";
import type { AppEnv } from "../context";
import { BadRequestError } from "../errors";
import { validJson, validQuery } from "../validation";
import { areaCodeParam, monthParam } from "./schemas";

/** The largest MSG list accepted as CSV text (43 forces of 8 names is about 4 kB). */
const MAX_CSV_CHARS = 100_000;

const GroupBody = z.object({
  force: areaCodeParam,
  validFrom: monthParam,
  members: z.array(areaCodeParam).min(1, { message: "name at least one other force" }).max(12),
  source: z.string().trim().min(1, { message: "say where the membership is published" }).max(300),
});

const ImportBody = z.object({
  fileName: z.string().trim().min(1).max(200).default("msg-list.csv"),
  csv: z.string().min(1, { message: "the file is empty" }).max(MAX_CSV_CHARS, { message: `at most ${MAX_CSV_CHARS.toLocaleString("en-GB")} characters` }),
  validFrom: monthParam,
  source: z.string().trim().min(1, { message: "say where the list is published" }).max(300),
});

/**
 * Most Similar Groups as data (issue 12): GET a force's groups, dated; an admin starts a new
 * membership from a month (the current one then ends the month before, kept as history) or
 * imports the published list as CSV, all or nothing. Every change is audited.
 */
export const comparisonGroupRoutes = new Hono<AppEnv>()
  .get("/", validQuery(z.object({ force: areaCodeParam })), async (c) => c.json(await comparisonGroupsFor(c.var.db, c.req.valid("query").force)))
  .post("/", validJson(GroupBody), async (c) => {
    const body = c.req.valid("json");
    const areas = new Map((await listAreas(c.var.db)).map((a) => [a.code, a]));
    const force = areas.get(body.force);
    if (!force || force.kind !== "force") throw new BadRequestError(`force: ${body.force} is not a force area`);
    for (const code of body.members) {
      const area = areas.get(code);
      if (!area) throw new BadRequestError(`members: no area with code ${code}`);
      if (area.kind !== "force") throw new BadRequestError(`members: ${code} (${area.name}) is a district, not a force area`);
    }
    const group: ComparisonGroupWithMembers = {
      id: `${force.code}-msg-${body.validFrom}`,
      force_code: force.code,
      name: `${force.name} Most Similar Group`,
      valid_from: body.validFrom,
      valid_to: null,
      source: body.source,
      members: [...new Set([force.code, ...body.members])].sort(),
    };
    await apply(c.var.db, [group], c.var.user.name, "comparison-group.start");
    return c.json(group, 201);
  })
  .post("/import", validJson(ImportBody), async (c) => {
    const body = c.req.valid("json");
    // Problems are thrown as ImportRejected (422, each with its line and column); nothing is written then.
    const groups = parseMsgList(new TextEncoder().encode(body.csv), { fileName: body.fileName, validFrom: body.validFrom, source: body.source });
    await apply(c.var.db, groups, c.var.user.name, "comparison-group.import");
    return c.json({ imported: groups.length, validFrom: body.validFrom, sentence: `${groups.length} Most Similar Group${groups.length === 1 ? "" : "s"} imported, valid from ${formatMonth(body.validFrom as Month)}.`, groups }, 201);
  });

async function apply(db: AppEnv["Variables"]["db"], groups: readonly ComparisonGroupWithMembers[], actor: string, action: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const group of groups) {
      const before = await comparisonGroupsFor(trx, group.force_code);
      const ended = await startComparisonGroup(trx, group, addMonths(group.valid_from as Month, -1));
      await recordAudit(trx, { actor, action, subject: group.id, before: before.length > 0 ? before : null, after: { group, ended } });
    }
    await bumpDataVersion(trx);
  });
}
