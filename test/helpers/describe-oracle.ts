/**
 * Differential testing of describe against the real kubectl: the same objects are described by
 * kubemu (at a fixed "now") and by kubectl against the fake API server. kubectl reads its clock
 * from the machine, so the objects it is served have every timestamp moved by (its now − our
 * now), and the absolute times it prints are moved back: ages agree and the text is comparable
 * byte for byte. Both sides print in UTC.
 */
import type { KObject } from '../../src/api/types.js';
import { makeClock } from '../../src/printers/describe/common.js';
import type { FakeApiServer } from './fake-apiserver.js';

const TIME_KEYS = new Set([
  'creationTimestamp',
  'deletionTimestamp',
  'startTime',
  'startedAt',
  'finishedAt',
  'lastTimestamp',
  'firstTimestamp',
  'eventTime',
  'lastObservedTime',
  'lastTransitionTime',
  'lastHeartbeatTime',
  'lastProbeTime',
  'lastUpdateTime',
  'renewTime',
  'acquireTime',
  'lastScheduleTime',
  'lastSuccessfulTime',
  'completionTime',
]);

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

function shiftTime(v: string, delta: number): string {
  const t = Date.parse(v);
  if (!Number.isFinite(t)) return v;
  const micro = /\.(\d+)Z$/.exec(v);
  const iso = new Date(t + delta).toISOString();
  return micro ? iso.slice(0, 19) + '.' + micro[1] + 'Z' : iso.slice(0, 19) + 'Z';
}

/** A deep copy with every timestamp field moved by delta ms (managedFields left alone). */
export function shiftTimes<T>(v: T, delta: number, key = ''): T {
  if (Array.isArray(v)) return v.map((x) => shiftTimes(x, delta)) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = k === 'managedFields' ? x : shiftTimes(x, delta, k);
    return out as T;
  }
  // Timestamps kept in other strings (annotations such as kubernetes.io/config.seen) move too, so
  // that every absolute time kubectl prints can be moved back the same way.
  if (typeof v === 'string' && (TIME_KEYS.has(key) || RFC3339.test(v))) return shiftTime(v, delta) as T;
  return v;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const utc = makeClock(0, () => 0);

/** Moves the absolute times kubectl printed (RFC1123Z and Go's Time.String, in UTC) back by delta. */
export function unshiftText(text: string, delta: number): string {
  return text
    .replace(/(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) (\w{3}) (\d{4}) (\d\d):(\d\d):(\d\d) \+0000/g, (_m, d, mon, y, h, mi, s) => {
      if (Number(y) < 1000) return _m; // Go's zero time
      const t = Date.UTC(Number(y), MONTHS.indexOf(mon), Number(d), Number(h), Number(mi), Number(s));
      return utc.rfc1123z(t - delta);
    })
    .replace(/(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) \+0000 UTC/g, (_m, y, mo, d, h, mi, s) => {
      const t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
      return utc.goString(t - delta);
    })
    .replace(/\b(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z/g, (m, _base, frac) => {
      const shifted = new Date(Date.parse(m) - delta).toISOString().slice(0, 19);
      return shifted + (frac ?? '') + 'Z';
    });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the real kubectl on objects as they are at `now` (ms): serves them shifted to the machine's
 * clock, starting just after a whole second so that kubectl's ages fall in the same second as ours.
 */
export async function kubectlAt(fake: FakeApiServer, objs: KObject[], now: number, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const frac = Date.now() % 1000;
  if (frac > 250) await sleep(1000 - frac + 2);
  const target = Math.floor(Date.now() / 1000) * 1000;
  const delta = target - now;
  fake.setObjects(shiftTimes(objs, delta));
  const r = await fake.kubectl(args, { env: { TZ: 'UTC' } });
  return { ...r, stdout: unshiftText(r.stdout, delta) };
}
