import type { ClientResponse } from "hono/client";
import { unwrap } from "../../api/client";

/** The body type of a response's 2xx member: routes that answer 200 or 4xx with different bodies. */
export type SuccessBody<R> = R extends ClientResponse<infer T, infer S, infer _F> ? (S extends 200 | 201 ? T : never) : never;

/** unwrap() for routes with several response shapes: the success body, or an ApiError thrown. */
export function unwrapSuccess<R extends ClientResponse<unknown, number, string>>(response: R): Promise<SuccessBody<R>> {
  return unwrap(response as unknown as { ok: boolean; status: number; json(): Promise<SuccessBody<R>> });
}
