import { zValidator } from "@hono/zod-validator";
import type { ZodType } from "zod";
import { BadRequestError, describeZodError } from "./errors";

/** Query validation whose failures go through the one error handler as 400 {code, message}. */
export function validQuery<T extends ZodType>(schema: T) {
  return zValidator("query", schema, (result) => {
    if (!result.success) throw new BadRequestError(describeZodError(result.error as never));
  });
}

/** JSON-body validation with the same 400 {code, message} naming the field. */
export function validJson<T extends ZodType>(schema: T) {
  return zValidator("json", schema, (result) => {
    if (!result.success) throw new BadRequestError(describeZodError(result.error as never));
  });
}
