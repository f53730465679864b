/** Wall clock, injected. The cluster's simulated time is this plus an offset kept in the state. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** A clock that never moves by itself (tests): waiting verbs move simulated time instead of sleeping. */
  readonly fixed?: boolean;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that always reads the same instant (golden tests). */
export function fixedClock(ms: number): Clock {
  return { now: () => ms, fixed: true };
}

/**
 * Parses KUBEMU_NOW: an RFC 3339 timestamp or epoch milliseconds. Returns undefined for "unset".
 * Throws on a value that is set but unreadable, so a typo never silently means "real time".
 */
export function parseClockEnv(v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) throw new Error(`KUBEMU_NOW: cannot read ${JSON.stringify(v)} as a time (use RFC 3339 or epoch milliseconds)`);
  return ms;
}

/** RFC 3339 with second precision, as Kubernetes' metav1.Time serialises. */
let lastSecond = NaN;
let lastText = '';

export function rfc3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  // The control plane stamps thousands of objects with the same second: format it once.
  if (sec !== lastSecond) {
    lastSecond = sec;
    lastText = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastText;
}

/** RFC 3339 with microseconds, as metav1.MicroTime serialises (event eventTime, lease renewTime). */
export function rfc3339Micro(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-22T10:00:00.123Z
  return iso.slice(0, 23) + '000Z';
}

export function parseTime(s: string | undefined | null): number | undefined {
  if (!s) return undefined;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : undefined;
}
