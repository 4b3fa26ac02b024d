import { z } from 'zod';

/** A duration as people write it: `30s`, `90m`, `24h`, `2d`. */
export const DURATION = /^(\d+)(s|m|h|d)$/;

/** Milliseconds of a duration string (validated by DURATION). */
export function durationMs(text: string): number {
  const m = DURATION.exec(text);
  if (!m) throw new Error(`not a duration like 30s, 90m, 24h or 2d (got "${text}")`);
  return Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

const duration = z.string().regex(DURATION, 'a duration like 30s, 90m, 24h or 2d');

/** One check of a region's health: an HTTP(S) endpoint, or the status of a Route53 health check. */
export const healthCheckSchema = z.union([
  z.strictObject({
    name: z.string().min(1),
    /** Requested with GET; redirects are not followed. */
    url: z.string().regex(/^https?:\/\/\S+$/, 'an http(s) URL'),
    /** @default 200 */
    expectStatus: z.number().int().min(100).max(599).default(200),
  }),
  z.strictObject({
    name: z.string().min(1),
    /** Healthy when every Route53 checker reports success (`aws route53 get-health-check-status`). */
    route53HealthCheckId: z.string().min(1),
  }),
]);

/**
 * How changes roll out: waves come from each entry's `wave`; the lowest production wave is the canary. After it,
 * the canary's health checks must pass for the whole bake time before the next wave; every wave of an environment
 * in `approvals` waits for a reviewer. The fast path (critical fixes) shortens the bake, asks for approval on every
 * wave and still runs the canary first.
 */
export const rolloutSchema = z
  .strictObject({
    /** @default ['staging', 'prod'] */
    approvals: z.array(z.enum(['dev', 'staging', 'prod'])).default(['staging', 'prod']),
    /** @default '24h' */
    canaryBake: duration.default('24h'),
    /** @default '1h' */
    fastPathBake: duration.default('1h'),
    /** Time between rounds of health checks while baking. @default '5m' */
    checkInterval: duration.default('5m'),
    /** Health checks per catalogue entry id. @default {} */
    healthChecks: z.record(z.string(), z.array(healthCheckSchema).min(1, 'name at least one check')).default({}),
  })
  .default({ approvals: ['staging', 'prod'], canaryBake: '24h', fastPathBake: '1h', checkInterval: '5m', healthChecks: {} });

export type RolloutSpec = z.infer<typeof rolloutSchema>;
export type HealthCheckSpec = z.infer<typeof healthCheckSchema>;
