/**
 * The floor for the HTTP benchmark: a bare Hono route that serves fixed bytes with fixed headers,
 * nothing else (no database, no middleware). bench-serve.ts gives it the very response the app
 * sent, captured from it: the status (header "x-status", not sent), every header the app sent
 * (an X-Request-Id fixed at the app's length; Node adds Date and Connection to both) and the body.
 * Usage: tsx scripts/bench-bare.ts <port> <file> <headers JSON>
 */
import { readFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const [port, file, headersJson] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(file!));
const headers = JSON.parse(headersJson ?? "{}") as Record<string, string>;
const status = Number(headers["x-status"] ?? 200);
delete headers["x-status"];
const app = new Hono().get("*", () => (status === 304 ? new Response(null, { status, headers }) : new Response(bytes, { headers })));
serve({ fetch: app.fetch, port: Number(port), hostname: "127.0.0.1" }, () => console.log("ready"));
