/**
 * The pieces every description shares (kubectl pkg/describe): multi-line labels, annotations,
 * taints and tolerations, selectors, times and ages, and the Events table.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types.js';
import { humanDuration } from '../duration.js';
import { goSort } from './gosort.js';
import type { DescribeWriter } from './writer.js';

/** What a formatter knows about time: "now" and how the client's time zone prints an instant. */
export interface DescribeClock {
  now: number;
  /** time.RFC1123Z in the client's zone: "Sun, 22 Nov 2026 08:26:10 +0000". */
  rfc1123z(ms: number): string;
  /** Go's time.Time String() in the client's zone: "2026-11-22 08:26:10 +0000 UTC". */
  goString(ms: number): string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function offsetText(offsetMin: number, colon = false): string {
  const sign = offsetMin < 0 ? '-' : '+';
  const a = Math.abs(offsetMin);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

/**
 * A clock for a time zone given as "minutes east of UTC at instant ms" (the process's local zone
 * by default). The zone's name for goString comes from zoneName.
 */
export function makeClock(now: number, offsetAt: (ms: number) => number = (ms) => -new Date(ms).getTimezoneOffset(), zoneName?: (ms: number) => string): DescribeClock {
  const parts = (ms: number) => {
    const off = offsetAt(ms);
    const d = new Date(ms + off * 60000);
    return { d, off };
  };
  return {
    now,
    rfc1123z(ms) {
      const { d, off } = parts(ms);
      return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${offsetText(off)}`;
    },
    goString(ms) {
      const { d, off } = parts(ms);
      const frac = ms % 1000 ? '.' + pad(((ms % 1000) + 1000) % 1000, 3).replace(/0+$/, '') : '';
      const zone = zoneName ? zoneName(ms) : off === 0 ? 'UTC' : offsetText(off).replace(/00$/, '');
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac} ${offsetText(off)} ${zone}`;
    },
  };
}

/** Parses a metav1.Time / MicroTime; undefined for unset. */
export function timeOf(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || !ts) return undefined;
  const t = Date.parse(ts);
  return Number.isFinite(t) ? t : undefined;
}

/** Time.Format(RFC1123Z); the zero time prints as Go's zero time. */
export function fmtTime(c: DescribeClock, ts: unknown): string {
  const t = timeOf(ts);
  if (t === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  return c.rfc1123z(t);
}

/** translateTimestampSince: HumanDuration(now − ts), "<unknown>" when unset. */
export function since(c: DescribeClock, ts: unknown): string {
  const t = timeOf(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(c.now - t);
}

/** labels.FormatLabels: "k=v,k2=v2" sorted, "<none>" when empty. */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort();
  if (!keys.length) return '<none>';
  return keys.map((k) => `${k}=${m![k]}`).join(',');
}

interface Req {
  key: string;
  op: string;
  values: string[];
}

function requirementString(r: Req): string {
  let s = r.op === 'DoesNotExist' ? '!' + r.key : r.key;
  switch (r.op) {
    case 'Exists':
    case 'DoesNotExist':
      return s;
    case '=':
      s += '=';
      break;
    case 'In':
      s += ' in ';
      break;
    case 'NotIn':
      s += ' notin ';
      break;
  }
  const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',');
  return r.op === 'In' || r.op === 'NotIn' ? `${s}(${vals})` : s + vals;
}

/**
 * metav1.LabelSelectorAsSelector(sel).String(): requirements sorted by key; "" for a nil or
 * empty selector. An unknown operator gives the error text kubectl would show.
 */
export function selectorString(sel: any): string {
  if (!sel) return '';
  const reqs: Req[] = [];
  for (const [k, v] of Object.entries<string>(sel.matchLabels ?? {})) reqs.push({ key: k, op: '=', values: [v] });
  for (const e of sel.matchExpressions ?? []) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) throw new Error(`"${e.operator}" is not a valid label selector operator`);
    reqs.push({ key: e.key, op: e.operator, values: [...(e.values ?? [])] });
  }
  goSort(reqs, (a, b) => a.key < b.key);
  return reqs.map(requirementString).join(',');
}

/** metav1.FormatLabelSelector: the selector's text, "<none>" when empty, "<error>" when invalid. */
export function formatLabelSelector(sel: any): string {
  try {
    return selectorString(sel) || '<none>';
  } catch {
    return '<error>';
  }
}

/** A label selector's text, or kubectl's "Failed to get selector" line tail. */
export function selectorOrError(sel: any): string {
  try {
    return selectorString(sel);
  } catch (e) {
    return `Failed to get selector: ${(e as Error).message}`;
  }
}

/** printLabelsMultilineWithIndent. */
export function labelsMultiline(w: DescribeWriter, title: string, labels: Record<string, string> | undefined | null, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort();
  if (!keys.length) {
    w.line('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(0, initialIndent);
      w.write(0, innerIndent);
    }
    w.write(0, `${k}=${labels![k]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140;
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

/** printAnnotationsMultiline: long or multi-line values go on their own lines, cut at 140 bytes. */
export function annotationsMultiline(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined | null): void {
  w.write(0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIP_ANNOTATIONS.has(k))
    .sort();
  if (!keys.length) {
    w.line('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((k, i) => {
    if (i !== 0) w.write(0, indent);
    const value = String(annotations![k]).replace(/\n$/, '');
    if (byteLen(value) + byteLen(k) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `${indent}  ${shortenBytes(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(0, `${k}: ${value}\n`);
    }
  });
}

const byteLen = (s: string) => Buffer.byteLength(s, 'utf8');

/** Go slices strings by bytes; a cut through a multi-byte rune leaves its bytes (shown as U+FFFD). */
function shortenBytes(s: string, max: number): string {
  if (byteLen(s) <= max) return s;
  const b = Buffer.from(s, 'utf8').subarray(0, max);
  return b.toString('utf8') + '...';
}

/** Taint.ToString. */
export function taintString(t: any): string {
  const key = t.key ?? '';
  const value = t.value ?? '';
  const effect = t.effect ?? '';
  if (!effect) return value ? `${key}=${value}:` : key;
  return value ? `${key}=${value}:${effect}` : `${key}:${effect}`;
}

/** printTaintsMultilineWithIndent: sorted by "effect,key". */
export function taintsMultiline(w: DescribeWriter, title: string, taints: any[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  if (!taints?.length) {
    w.line('<none>');
    return;
  }
  const key = (t: any) => `${t.effect ?? ''},${t.key ?? ''}`;
  const sorted = goSort([...taints], (a, b) => key(a) < key(b));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(0, initialIndent);
      w.write(0, innerIndent);
    }
    w.write(0, `${taintString(t)}\n`);
  });
}

/** printTolerationsMultilineWithIndent: sorted by key. */
export function tolerationsMultiline(w: DescribeWriter, title: string, tolerations: any[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations?.length) {
    w.line('<none>');
    return;
  }
  const sorted = goSort([...tolerations], (a, b) => (a.key ?? '') < (b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(0, initialIndent);
      w.write(0, innerIndent);
    }
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(0, s + '\n');
  });
}

/** printPodsMultilineWithIndent: pod names sorted. */
export function podsMultiline(w: DescribeWriter, title: string, pods: KObject[]): void {
  w.write(0, `${title}:\t`);
  if (!pods.length) {
    w.line('<none>');
    return;
  }
  const sorted = goSort([...pods], (a, b) => (a.metadata.name ?? '') < (b.metadata.name ?? ''));
  sorted.forEach((p, i) => {
    if (i !== 0) {
      w.write(0, '');
      w.write(0, '\t');
    }
    w.write(0, `${p.metadata.name}\n`);
  });
}

/** "%v" of a Go bool. */
export const goBool = (v: unknown): string => (v ? 'true' : 'false');

/** printBool: "True"/"False". */
export const printBool = (v: unknown): string => (v ? 'True' : 'False');

/** printBoolPtr: "True"/"False", "<unset>" when nil. */
export const printBoolPtr = (v: unknown): string => (v === undefined || v === null ? '<unset>' : printBool(v));

/** "%v" of a Go []string: "[a b]". */
export const goList = (v: unknown[] | undefined | null): string => `[${(v ?? []).join(' ')}]`;

/** "%v" of an IntOrString. */
export const intOrString = (v: unknown): string => (v === undefined || v === null ? '0' : String(v));

/** stringOrNone. */
export const orNone = (s: string | undefined | null): string => (s ? s : '<none>');

/** Go's %d of an optional int: 0 when unset. */
export const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** An Events section (DescribeEvents): "Events:  <none>", or the table sorted by last timestamp. */
export function describeEvents(w: DescribeWriter, events: KObject[], c: DescribeClock): void {
  if (!events.length) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  const last = (e: KObject) => timeOf(e.lastTimestamp) ?? Number.NEGATIVE_INFINITY;
  const sorted = goSort([...events], (a, b) => last(a) < last(b));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = timeOf(e.eventTime) !== undefined ? since(c, e.eventTime) : since(c, e.firstTimestamp);
    let interval: string;
    if (e.series) interval = `${since(c, e.series.lastObservedTime)} (x${num(e.series.count)} over ${first})`;
    else if (num(e.count) > 1) interval = `${since(c, e.lastTimestamp)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}
