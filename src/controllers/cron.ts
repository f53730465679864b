/**
 * Cron schedules as the CronJob controller reads them (robfig/cron v3's standard parser): five
 * fields (minute hour day-of-month month day-of-week) with lists, ranges, steps and names, the
 * @yearly/@monthly/@weekly/@daily/@hourly descriptors and @every <duration>, evaluated in a time
 * zone (IANA name) or UTC.
 */

export class CronParseError extends Error {}

interface Field {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MINUTE: Field = { min: 0, max: 59 };
const HOUR: Field = { min: 0, max: 23 };
const DOM: Field = { min: 1, max: 31 };
const MONTH: Field = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Field = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

export interface Schedule {
  /** The first activation strictly after t (ms), or undefined if none within five years. */
  next(t: number): number | undefined;
}

interface SpecSchedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
}

function parseInt10(s: string, f: Field): number {
  const lower = s.toLowerCase();
  if (f.names && lower in f.names) return f.names[lower];
  if (!/^\d+$/.test(s)) throw new CronParseError(`failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`);
  return Number(s);
}

/** One field: "*", "?", "a", "a-b", with "/step", comma-separated. Returns the values and whether it began with * or ?. */
function parseField(text: string, f: Field): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const [rangeText, stepText, extra] = part.split('/');
    if (extra !== undefined) throw new CronParseError(`too many slashes: ${part}`);
    let lo: number;
    let hi: number;
    let step = 1;
    if (rangeText === '*' || rangeText === '?') {
      lo = f.min;
      hi = f.max;
      star = true;
    } else {
      const bounds = rangeText.split('-');
      if (bounds.length > 2) throw new CronParseError(`too many hyphens: ${rangeText}`);
      lo = parseInt10(bounds[0], f);
      hi = bounds.length === 2 ? parseInt10(bounds[1], f) : lo;
    }
    if (stepText !== undefined) {
      step = parseInt10(stepText, { min: 0, max: 0 });
      if (step === 0) throw new CronParseError(`step of range should be a positive number: ${part}`);
      if (rangeText !== '*' && rangeText !== '?' && !rangeText.includes('-')) hi = f.max;
      if ((rangeText === '*' || rangeText === '?') && step > 1) star = false;
    }
    if (lo < f.min) throw new CronParseError(`beginning of range (${lo}) below minimum (${f.min}): ${part}`);
    if (hi > f.max) throw new CronParseError(`end of range (${hi}) above maximum (${f.max}): ${part}`);
    if (lo > hi) throw new CronParseError(`beginning of range (${lo}) beyond end of range (${hi}): ${part}`);
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return { values, star };
}

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** Go duration text ("1h30m", "90s") in ms. */
function parseGoDuration(s: string): number {
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    total += Number(m[1]) * unit[m[2]];
    pos = re.lastIndex;
  }
  if (pos !== s.length || !s.length) throw new CronParseError(`failed to parse duration ${s}: time: invalid duration "${s}"`);
  return total;
}

/** Parses a schedule; throws CronParseError with robfig's message. */
export function parseSchedule(spec: string, timeZone?: string): Schedule {
  const text = spec.trim();
  if (!text.length) throw new CronParseError('empty spec string');
  if (/^(CRON_)?TZ=/.test(text)) throw new CronParseError('CRON_TZ or TZ used in schedule is not supported');
  const tz = zone(timeZone);
  if (text.startsWith('@')) {
    if (text.startsWith('@every ')) {
      const d = Math.max(1000, Math.floor(parseGoDuration(text.slice(7).trim()) / 1000) * 1000);
      // ConstantDelaySchedule: rounded to the second, counted from the previous time.
      return { next: (t) => Math.floor(t / 1000) * 1000 + d };
    }
    const expanded = DESCRIPTORS[text.toLowerCase()];
    if (!expanded) throw new CronParseError(`unrecognized descriptor: ${text}`);
    return specSchedule(expanded, tz);
  }
  return specSchedule(text, tz);
}

function specSchedule(text: string, tz: Zone): Schedule {
  const fields = text.split(/\s+/);
  if (fields.length !== 5) throw new CronParseError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const minute = parseField(fields[0], MINUTE);
  const hour = parseField(fields[1], HOUR);
  const dom = parseField(fields[2], DOM);
  const month = parseField(fields[3], MONTH);
  const dow = parseField(fields[4], DOW);
  const s: SpecSchedule = { minute: minute.values, hour: hour.values, dom: dom.values, month: month.values, dow: dow.values, domStar: dom.star, dowStar: dow.star };
  return { next: (t) => nextSpec(s, t, tz) };
}

// ---- time zones ---------------------------------------------------------------------------------

interface Zone {
  /** Offset (ms) of local wall time from UTC at the instant t. */
  offsetAt(t: number): number;
}

const UTC: Zone = { offsetAt: () => 0 };
const zones = new Map<string, Zone>();

/** Whether Go's time.LoadLocation would accept the name. */
export function validTimeZone(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function zone(name: string | undefined): Zone {
  if (!name || name === 'UTC' || name === 'Etc/UTC' || name === 'Local') return UTC;
  let z = zones.get(name);
  if (z) return z;
  if (!validTimeZone(name)) throw new CronParseError(`unknown time zone ${name}`);
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const cache = new Map<number, number>();
  z = {
    offsetAt(t: number): number {
      const hourKey = Math.floor(t / 3_600_000);
      const hit = cache.get(hourKey);
      if (hit !== undefined) return hit;
      const parts: Record<string, number> = {};
      for (const p of fmt.formatToParts(new Date(hourKey * 3_600_000))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
      const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
      const off = wall - hourKey * 3_600_000;
      cache.set(hourKey, off);
      return off;
    },
  };
  zones.set(name, z);
  return z;
}

export function zoneOffset(name: string | undefined, t: number): number {
  return zone(name).offsetAt(t);
}

/** Local wall time (as a UTC-based ms value) → instant. */
function wallToInstant(wall: number, tz: Zone): number {
  let guess = wall - tz.offsetAt(wall);
  guess = wall - tz.offsetAt(guess);
  return guess;
}

function nextSpec(s: SpecSchedule, after: number, tz: Zone): number | undefined {
  // Work on the local wall clock, one field at a time (robfig's Next).
  let wall = after + tz.offsetAt(after);
  wall = Math.floor(wall / 60_000) * 60_000 + 60_000;
  const yearLimit = new Date(wall).getUTCFullYear() + 5;
  let d = new Date(wall);
  const dayMatches = (x: Date) => {
    const domOk = s.dom.has(x.getUTCDate());
    const dowOk = s.dow.has(x.getUTCDay());
    if (s.domStar || s.dowStar) return domOk && dowOk;
    return domOk || dowOk;
  };
  for (let guard = 0; guard < 100_000; guard++) {
    if (d.getUTCFullYear() > yearLimit) return undefined;
    if (!s.month.has(d.getUTCMonth() + 1)) {
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      continue;
    }
    if (!dayMatches(d)) {
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
      continue;
    }
    if (!s.hour.has(d.getUTCHours())) {
      d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours() + 1));
      continue;
    }
    if (!s.minute.has(d.getUTCMinutes())) {
      d = new Date(d.getTime() + 60_000);
      continue;
    }
    const t = wallToInstant(d.getTime(), tz);
    if (t > after) return t;
    d = new Date(d.getTime() + 60_000);
  }
  return undefined;
}

/** RFC 3339 in a zone, as Go's time.Format(time.RFC3339) prints it ("Z" for UTC, else "+09:00"). */
export function rfc3339In(t: number, timeZone: string | undefined): string {
  const off = zoneOffset(timeZone, t);
  const local = new Date(Math.floor((t + off) / 1000) * 1000).toISOString().slice(0, 19);
  if (off === 0 && (!timeZone || timeZone === 'UTC' || timeZone === 'Etc/UTC')) return `${local}Z`;
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off) / 60_000;
  return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}
