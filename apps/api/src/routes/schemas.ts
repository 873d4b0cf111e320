import { isMonth, type Month } from "@scrutiny/domain";
import { z } from "zod";

export const monthParam = z
  .string()
  .refine(isMonth, { message: "must be a month in the form YYYY-MM, e.g. 2025-01" })
  .transform((m) => m as Month);

export const areaCodeParam = z.string().regex(/^[EWSNK]\d{8}$/, { message: "must be an ONS area code such as E23000028" });

export const indicatorIdParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: "must be an indicator id such as police-uk-burglary" });
