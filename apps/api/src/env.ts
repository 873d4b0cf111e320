import { z } from "zod";

/** The environment, validated once at boot: a typo fails the start with a clear message. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  // Loopback by default: the server is reachable from this computer only until HOST says otherwise.
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.string().optional(),
  /** Comma-separated host names (the name in the browser's address bar) the server answers to. */
  SCRUTINY_ALLOWED_HOSTS: z.string().default(""),
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
