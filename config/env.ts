import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65_535);

/** Every environment variable Signalbox reads, in one place; parsed once at start-up by each process. */
export const EnvSchema = z.object({
  /** External PostgreSQL; when unset, an embedded PostgreSQL runs under SIGNALBOX_HOME. */
  DATABASE_URL: z.url().optional(),
  /** Where the embedded PostgreSQL keeps its data, log and password. */
  SIGNALBOX_HOME: z.string().default(resolve(process.cwd(), '.signalbox')),
  /** Port of the embedded PostgreSQL. */
  SIGNALBOX_PG_PORT: port.default(54329),
  /** Port and interface of the console. */
  PORT: port.default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** Where people reach the console; an https URL turns on Secure cookies. Alerts link to it. */
  PUBLIC_URL: z.url().optional(),
  /** Signs session cookies (32+ characters); generated into SIGNALBOX_HOME/auth-secret when unset. */
  SIGNALBOX_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** A session unused this long ends. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** No session lives longer than this. */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Steps one worker process runs at once. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(4),
  /** A stopping worker lets running steps finish this long, then aborts them (they run again elsewhere). */
  WORKER_GRACE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(10),
  /** Steps of a run a worker runs itself after the one it fetched (0: every step through the queue). */
  WORKER_MAX_CHAINED_STEPS: z.coerce.number().int().min(0).max(10_000).default(100),
  /** `signalbox worker` serves /health, /ready and /metrics on this port (same as `--health-port`). */
  WORKER_HEALTH_PORT: port.optional(),
  /**
   * The worker's daily prune deletes finished runs older than this many days (with their
   * transitions, attempts and ingestion records; audit rows stay). Unset: runs are kept, except
   * for pipelines that declare their own `retention`.
   */
  SIGNALBOX_RETENTION_DAYS: z.coerce.number().int().min(1).optional(),
  /** Quarantined records (raw values of rejected health records) are kept this many days; 0 keeps them. */
  SIGNALBOX_QUARANTINE_RETENTION_DAYS: z.coerce.number().int().min(0).default(30),
  /** Turns on the console's /api/metrics, for callers sending `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Default `info` for long-running processes, `warn` for one-shot commands. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** `pretty` for people, `json` for log shippers; `auto` picks pretty on a terminal. */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
});
export type Env = z.infer<typeof EnvSchema>;

/** The deployment's retention, as the worker's daily prune applies it. */
export function retentionPolicy(env: Env): {
  finishedRunsDays: number | null;
  quarantineDays: number | null;
} {
  return {
    finishedRunsDays: env.SIGNALBOX_RETENTION_DAYS ?? null,
    quarantineDays: env.SIGNALBOX_QUARANTINE_RETENTION_DAYS || null,
  };
}

/** Where people reach the console, for links in alerts: PUBLIC_URL, else this machine's console port. */
export function consoleUrl(env: Pick<Env, 'PUBLIC_URL' | 'PORT'>): string {
  return (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}

/** Parses the environment, failing with one line per bad variable. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
