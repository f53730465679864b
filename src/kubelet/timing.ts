/**
 * How long things take on a node, per timing profile. 'realistic': a pull of an image that is not
 * cached takes 1-3 s, a sandbox and a container start well under a second. 'instant': everything a
 * node does happens at once. Back-offs (crash loops, image pulls, mount retries) and probe periods
 * are the pod's own behaviour and keep their real durations in both profiles.
 */
import type { Profile } from '../api/state.js';
import type { Random } from '../util/random.js';

export interface Timing {
  /** Pod sandbox (network namespace, IP) ready after admission. */
  sandbox(rng: Random): number;
  /** Pulling an image of this size. */
  pull(size: number, rng: Random): number;
  /** From a container exiting to the kubelet noticing (PLEG relist). */
  pleg(rng: Random): number;
  /** The pod worker's retry after an error (image, config), and its resync while backing off. */
  resync(rng: Random): number;
}

export const REALISTIC: Timing = {
  sandbox: (rng) => 250 + rng.int(500),
  pull: (size, rng) => Math.min(3000, Math.max(1000, 900 + Math.round((size / (200 * 1024 * 1024)) * 1800) + rng.int(400))),
  pleg: (rng) => 400 + rng.int(700),
  resync: (rng) => 10_000 + rng.int(5000),
};

export const INSTANT: Timing = {
  sandbox: () => 0,
  pull: () => 0,
  pleg: () => 0,
  resync: (rng) => 10_000 + rng.int(5000),
};

export function timing(profile: Profile): Timing {
  return profile === 'instant' ? INSTANT : REALISTIC;
}

/** The pull duration the Pulled event reports: on the instant profile, what it would have taken. */
export function reportedPull(size: number, rng: Random, actual: number): number {
  return actual > 0 ? actual : REALISTIC.pull(size, rng);
}

/** Go's time.Duration.String() for whole milliseconds: "845ms", "2.345s", "1m20s", "5m0s". */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = ((ms % 60_000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return `${h ? h + 'h' : ''}${h || m ? m + 'm' : ''}${s}s`;
}

/** The kubelet's back-offs: 10 s doubling to 5 min; an entry idle for 10 min starts over. */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;

export interface BackoffEntry {
  ms: number;
  last: number;
}

/** flowcontrol.Backoff.Next. */
export function nextBackoff(b: BackoffEntry | undefined, eventTime: number, now: number): BackoffEntry {
  if (!b || eventTime - b.last > 2 * BACKOFF_MAX_MS) return { ms: BACKOFF_INITIAL_MS, last: now };
  return { ms: Math.min(b.ms * 2, BACKOFF_MAX_MS), last: now };
}

/** flowcontrol.Backoff.IsInBackOffSince. */
export function inBackoffSince(b: BackoffEntry | undefined, eventTime: number, now: number): boolean {
  if (!b || eventTime - b.last > 2 * BACKOFF_MAX_MS) return false;
  return now - eventTime < b.ms;
}

/** Volume mount retries: 500 ms doubling to 2m2s. */
export function mountRetryMs(attempt: number): number {
  return Math.min(122_000, 500 * 2 ** Math.max(0, attempt - 1));
}
