import { EARLIEST_MONTH, isMonth, isMonthInRange, LATEST_MONTH, type Month } from "@scrutiny/domain";
import { z } from "zod";

/**
 * The one month parameter every route uses: the form YYYY-MM and a month from 1990-01 to 2100-12
 * (issue 11: ?asOf=0000-01 once sent the server into an endless loop). The length is checked
 * first so a megabyte of text is refused without a regular expression running over it.
 */
export const monthParam = z
  .string()
  .max(7, { message: "must be a month in the form YYYY-MM, e.g. 2025-01" })
  .refine(isMonth, { message: "must be a month in the form YYYY-MM, e.g. 2025-01" })
  .refine(isMonthInRange, { message: `must be a month from ${EARLIEST_MONTH} to ${LATEST_MONTH}` })
  .transform((m) => m as Month);

export const areaCodeParam = z.string().regex(/^[EWSNK]\d{8}$/, { message: "must be an ONS area code such as E23000028" });

export const indicatorIdParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: "must be an indicator id such as police-uk-burglary" });

/** A query's force, or the deployment's own (SCRUTINY_FORCE, `c.var.force`) when none is given. */
export function withForce<Q extends { force?: string | undefined }>(query: Q, force: string): Omit<Q, "force"> & { force: string } {
  return { ...query, force: query.force ?? force };
}
