import { z } from "zod";
import { ESSEX_FORCE_CODE, FORCES } from "@scrutiny/domain";

/** The environment, validated once at boot: a typo fails the start with a clear message. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  // Loopback by default: the server is reachable from this computer only until HOST says otherwise.
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().optional(),
  /** Comma-separated host names (the name in the browser's address bar) the server answers to. */
  SCRUTINY_ALLOWED_HOSTS: z.string().default(""),
  /** "local" or "required"; unset: required when listening beyond loopback or on PostgreSQL. */
  SCRUTINY_AUTH: z.enum(["local", "required"]).optional(),
  /** The name recorded on changes in local mode (default: the operating-system user). */
  SCRUTINY_LOCAL_USER: z.string().max(100).optional(),
  /** The Chromium that prints the pack PDF. */
  SCRUTINY_CHROMIUM: z.string().min(1).default("/usr/bin/chromium"),
  /** Where that Chromium reaches this server's dashboard (default: this server on loopback). */
  SCRUTINY_RENDER_URL: z.url({ protocol: /^https?$/ }).optional(),
  /**
   * The police force area this office serves, as an ONS code (E23000030 = Hampshire): the force
   * every view and route starts from. Essex by default, because the shipped data is Essex's.
   */
  SCRUTINY_FORCE: z
    .string()
    .refine((code) => FORCES.some((f) => f.code === code), { message: "must be the ONS code of a police force area of England and Wales, e.g. E23000028 (Essex)" })
    .default(ESSEX_FORCE_CODE),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(env: NodeJS.ProcessEnv): Env {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith("127.");
}

/**
 * Local mode only when asked for or when nothing else is safe to assume: sign-in is required
 * whenever the server listens beyond this computer or runs on a shared PostgreSQL database.
 */
export function authModeOf(env: Env): "local" | "required" {
  if (env.SCRUTINY_AUTH) return env.SCRUTINY_AUTH;
  const postgres = /^postgres(ql)?:/.test(env.DATABASE_URL ?? "");
  return !isLoopback(env.HOST) || postgres ? "required" : "local";
}

/** The address headless Chromium uses to print the pack page: this server, from this computer. */
export function renderBaseUrl(env: Env): string {
  if (env.SCRUTINY_RENDER_URL) return env.SCRUTINY_RENDER_URL.replace(/\/+$/, "");
  const host = ["0.0.0.0", "::", "localhost"].includes(env.HOST) ? "127.0.0.1" : env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST;
  return `http://${host}:${env.PORT}`;
}
