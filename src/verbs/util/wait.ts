import type { ClusterSession } from '../../cli/types.js';
import type { ApiServer } from '../../api/server.js';

/** Parses a Go duration ("30s", "1m30s", "500ms", "2h") into milliseconds. */
export function parseDuration(s: string): number {
  if (s === '0' || s === '') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) total += Number(m[1]) * unit[m[2]];
  return (s.startsWith('-') ? -1 : 1) * total;
}

/**
 * Polls the cluster until pred holds, letting simulated time pass between polls. Gives up after
 * timeout (a Go duration; "0s" means 60 s of simulated time). Returns whether pred held.
 */
export async function waitUntil(session: ClusterSession, pred: (api: ApiServer) => boolean, timeout: string, defaultMs = 60_000): Promise<boolean> {
  const limit = parseDuration(timeout) || defaultMs;
  const start = await session.tx((api) => api.now);
  for (;;) {
    const { ok, now } = await session.tx((api) => ({ ok: pred(api), now: api.now }));
    if (ok) return true;
    const left = start + limit - now;
    if (left <= 0) return false;
    if (!(await session.step(Math.min(left, 250)))) return false;
  }
}
