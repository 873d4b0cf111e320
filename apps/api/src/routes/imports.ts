import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { monthOfDate } from "@scrutiny/domain";
import { findBatch, listIndicators, recordAudit, revisionCounts, revisionsOfBatch } from "@scrutiny/db";
import {
  MAX_INDICATOR_FILE_BYTES,
  importIndicatorCatalogue,
  importIndicatorFile,
  importerName,
  indicatorImportHistory,
  indicatorTemplate,
  observationHistory,
  previewIndicatorFile,
  rollbackIndicatorBatch,
  templateCsv,
  templateXlsx,
  toHistoryEntry,
} from "@scrutiny/ingest";
import type { AppEnv } from "../context";
import { errorResponse, NotFoundError, PayloadTooLargeError } from "../errors";
import { getDataStatus } from "../services/dataStatus";
import { validForm, validJson, validQuery } from "../validation";
import { areaCodeParam, indicatorIdParam, monthParam } from "./schemas";

/**
 * The force's monthly indicator files: preview (nothing written), import, history, rollback,
 * one figure's revisions, the template, and the data-status view of what is late or missing.
 *
 * Who: the name recorded with an import or a rollback is the signed-in user's (the local user's
 * in local mode). A typed name (the old form field `user`, the `X-Scrutiny-User` header) is
 * accepted for compatibility and ignored: the record never says what a caller typed.
 * Every import, rollback and catalogue change is written to the audit log.
 */
const MB = Math.round(MAX_INDICATOR_FILE_BYTES / 1024 / 1024);

// The limit is checked before the upload is read; the multipart envelope adds a little.
const uploadLimit = bodyLimit({
  maxSize: MAX_INDICATOR_FILE_BYTES + 64 * 1024,
  onError: (c) => errorResponse(new PayloadTooLargeError(`The file is over the ${MB} MB limit for an indicator file: split it, for example by year.`), c),
});

const UploadForm = z.object({
  file: z.instanceof(File, { message: 'attach the file as the multipart form field "file"' }),
  user: z.string().max(100).optional(),
});

const validUpload = validForm(UploadForm);

const RollbackBody = z.object({ user: z.string().max(100).optional() });

const TemplateQuery = z.object({ force: areaCodeParam.optional(), month: monthParam.optional() });

const userOf = (c: Context<AppEnv>) => importerName(c.var.user.name);

async function bytesOf(file: File) {
  return { fileName: file.name || "upload", bytes: new Uint8Array(await file.arrayBuffer()) };
}

export const importRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json(await indicatorImportHistory(c.var.db)))
  .post("/preview", uploadLimit, validUpload, async (c) => c.json(await previewIndicatorFile(c.var.db, await bytesOf(c.req.valid("form").file))))
  .post("/", uploadLimit, validUpload, async (c) => {
    const form = c.req.valid("form");
    // Each change's audit entry is written in the change's own transaction (issue 11).
    const result = await importIndicatorFile(c.var.db, await bytesOf(form.file), {
      importedBy: userOf(c),
      audit: (trx, r) => recordAudit(trx, { actor: userOf(c), action: "import", subject: r.batchId ?? "", after: { file: r.file, rowsRead: r.rowsRead, counts: r.counts } }),
    });
    return c.json(result, result.status === "imported" ? 201 : 200);
  })
  .post("/catalogue", uploadLimit, validUpload, async (c) => {
    // One entry per indicator added or changed, with its old and new definition, so a changed
    // improvement direction can be seen and put back; written with the change, in its transaction.
    const result = await importIndicatorCatalogue(c.var.db, await bytesOf(c.req.valid("form").file), {
      audit: async (trx, { before }) => {
        const held = new Map(before.map((i) => [i.id, i]));
        for (const after of await listIndicators(trx)) {
          const previous = held.get(after.id);
          if (previous && JSON.stringify(previous) === JSON.stringify(after)) continue;
          await recordAudit(trx, { actor: userOf(c), action: previous ? "catalogue.change" : "catalogue.add", subject: after.id, before: previous ?? null, after });
        }
      },
    });
    return c.json(result, 200);
  })
  .get("/template.csv", validQuery(TemplateQuery), async (c) => {
    const template = await indicatorTemplate(c.var.db, { forceCode: c.req.valid("query").force ?? c.var.force, ...(c.req.valid("query").month ? { month: c.req.valid("query").month } : {}) });
    return c.body(templateCsv(template), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="indicators-${template.month}.csv"`,
    });
  })
  .get("/template.xlsx", validQuery(TemplateQuery), async (c) => {
    const template = await indicatorTemplate(c.var.db, { forceCode: c.req.valid("query").force ?? c.var.force, ...(c.req.valid("query").month ? { month: c.req.valid("query").month } : {}) });
    return c.body((await templateXlsx(template)) as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="indicators-${template.month}.xlsx"`,
    });
  })
  .get("/status", validQuery(z.object({ force: areaCodeParam.optional(), asOf: monthParam.optional() })), async (c) => {
    const { force, asOf } = c.req.valid("query");
    return c.json(await getDataStatus(c.var.db, { force: force ?? c.var.force, asOf: asOf ?? monthOfDate(new Date()) }, { publishedOnly: !c.var.seesUnpublished }));
  })
  .get("/revisions", validQuery(z.object({ indicator: indicatorIdParam, area: areaCodeParam, month: monthParam })), async (c) => {
    const { indicator, area, month } = c.req.valid("query");
    return c.json(await observationHistory(c.var.db, { indicatorId: indicator, areaCode: area, month }));
  })
  .get("/:batchId", validQuery(z.object({ offset: z.coerce.number().int().min(0).default(0) })), async (c) => {
    const batch = await findBatch(c.var.db, c.req.param("batchId"));
    if (!batch) throw new NotFoundError(`No import batch ${c.req.param("batchId")}`);
    const counts = await revisionCounts(c.var.db, [batch.id]);
    const limit = 500;
    const { offset } = c.req.valid("query");
    const changes = await revisionsOfBatch(c.var.db, batch.id, { limit, offset });
    return c.json({ batch: toHistoryEntry(batch, counts.get(batch.id)), changes, offset, limit });
  })
  .post("/:batchId/rollback", validJson(RollbackBody), async (c) => {
    const result = await rollbackIndicatorBatch(c.var.db, c.req.param("batchId"), {
      by: userOf(c),
      audit: (trx, r) => recordAudit(trx, { actor: userOf(c), action: "rollback", subject: r.batchId, before: { status: "active" }, after: { status: "rolled back", restored: r.restored, deleted: r.deleted } }),
    });
    return c.json(result, 200);
  });
