import { randomUUID } from "node:crypto";
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import { findPeerGroupByName, insertPeerGroup, recordAudit, listAreas, listPeerGroups, type PeerGroup } from "@scrutiny/db";
import type { AppEnv } from "../context";
import { BadRequestError, describeZodError } from "../errors";
import { areaCodeParam } from "./schemas";


const PeerGroupBody = z.object({
  name: z.string().trim().min(1, { message: "give the group a name" }).max(80),
  members: z.array(areaCodeParam).min(2, { message: "a peer group has at least 2 forces" }).max(60),
});

const validBody = zValidator("json", PeerGroupBody, (result) => {
  if (!result.success) throw new BadRequestError(describeZodError(result.error as never));
});

/** Saved sets of forces to compare ("Essex and Durham"): GET lists them, POST saves one. */
export const peerGroupRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json(await listPeerGroups(c.var.db)))
  .post("/", validBody, async (c) => {
    const body = c.req.valid("json");
    const members = [...new Set(body.members)];
    const forces = new Map((await listAreas(c.var.db)).map((a) => [a.code, a]));
    for (const code of members) {
      const area = forces.get(code);
      if (!area) throw new BadRequestError(`members: no area with code ${code}`);
      if (area.kind !== "force") throw new BadRequestError(`members: ${code} (${area.name}) is a district, not a force area`);
    }
    if (await findPeerGroupByName(c.var.db, body.name)) throw new BadRequestError(`name: a peer group called "${body.name}" already exists`);
    const group: PeerGroup = {
      id: randomUUID(),
      name: body.name,
      members,
      // The signed-in user (the local user in local mode), never a typed name.
      createdBy: c.var.user.name,
      createdAt: new Date().toISOString(),
    };
    await c.var.db.transaction().execute(async (trx) => {
      await insertPeerGroup(trx, group);
      await recordAudit(trx, { actor: c.var.user.name, action: "peer-group.add", subject: group.id, after: group });
    });
    return c.json(group, 201);
  });
