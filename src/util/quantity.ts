/**
 * resource.Quantity: parsing with apimachinery's rules and error texts, and the canonical string a
 * Quantity marshals to ("1000m" → "1", "0.5Gi" → "512Mi", "1.5" → "1500m").
 */

export const QUANTITY_RE_TEXT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${QUANTITY_RE_TEXT}'`;
export const ERR_NUMERIC = 'unable to parse numeric part of quantity';
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export class QuantityError extends Error {}

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** value = n × 10^scale */
  n: bigint;
  scale: number;
  format: Format;
  /** The input, when apimachinery keeps it as the printed form. */
  cached?: string;
}

const DEC_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

function interpretSuffix(s: string): [base: number, exponent: number, format: Format] | undefined {
  if (s in DEC_SUFFIXES) return [10, DEC_SUFFIXES[s], 'DecimalSI'];
  if (s in BIN_SUFFIXES) return [2, BIN_SUFFIXES[s], 'BinarySI'];
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E') && /^[eE][-+]?\d+$/.test(s)) {
    const e = Number(s.slice(1));
    if (Number.isSafeInteger(e)) return [10, e, 'DecimalExponent'];
  }
  return undefined;
}

/** apimachinery's parseQuantityString: sign, integer part, fraction, suffix. */
function split(str: string): { positive: boolean; num: string; denom: string; suffix: string } {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (i < end && str[i] >= '0' && str[i] <= '9') i++;
  let num = str.slice(pos, i);
  pos = i;
  if (!num) num = '0';
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && str[i] >= '0' && str[i] <= '9') i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  i = pos;
  while (i < end && 'eEinumkKMGTP'.includes(str[i])) i++;
  pos = i;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  i = pos;
  while (i < end && str[i] >= '0' && str[i] <= '9') i++;
  if (i < end) throw new QuantityError(ERR_FORMAT_WRONG);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

const pow10 = (k: number) => 10n ** BigInt(k);

/** resource.ParseQuantity. Throws QuantityError with apimachinery's message. */
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new QuantityError(ERR_FORMAT_WRONG);
  if (str === '0') return { n: 0n, scale: 0, format: 'DecimalSI', cached: '0' };
  const { positive, num, denom, suffix } = split(str);
  const interp = interpretSuffix(suffix);
  if (!interp) throw new QuantityError(ERR_SUFFIX);
  const [base, exponent, format0] = interp;
  let format = format0;
  let n = BigInt(num + denom);
  let scale = -denom.length;
  if (base === 10) scale += exponent;
  else n *= 1n << BigInt(exponent);
  // Values finer than a nano-unit round up to it.
  if (scale < -9) {
    const d = pow10(-9 - scale);
    n = (n + d - 1n) / d;
    scale = -9;
  }
  if (format === 'BinarySI' && n > 0n && compare(n, scale, 1n, 0) < 0) format = 'DecimalSI';
  if (!positive) n = -n;
  // apimachinery keeps the caller's text when it is already in its canonical shape.
  let cached: string | undefined;
  const shifted = num + denom;
  if (format0 === 'BinarySI') {
    if (exponent >= 0 && !denom && exponent % 10 === 0 && (BigInt(shifted) & 7n) !== 0n) cached = str;
  } else {
    const s = (format0 === 'DecimalExponent' || format0 === 'DecimalSI' ? exponent : 0) - denom.length;
    if (s >= -9 && s % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0') cached = str;
  }
  return { n, scale, format, cached };
}

/** Compares a×10^as with b×10^bs. */
function compare(a: bigint, as: number, b: bigint, bs: number): number {
  const s = Math.min(as, bs);
  const x = a * pow10(as - s);
  const y = b * pow10(bs - s);
  return x < y ? -1 : x > y ? 1 : 0;
}

const DEC_BY_EXP: Record<number, string> = { '-9': 'n', '-6': 'u', '-3': 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BIN_BY_EXP: Record<number, string> = { 0: '', 10: 'Ki', 20: 'Mi', 30: 'Gi', 40: 'Ti', 50: 'Pi', 60: 'Ei' };

/** Quantity.String(): the canonical form. */
export function formatQuantity(q: Quantity): string {
  if (q.cached !== undefined) return q.cached;
  if (q.n === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const abs = q.n < 0n ? -q.n : q.n;
    if (compare(abs, q.scale, 1024n, 0) < 0) format = 'DecimalSI';
    else if (q.scale < 0 && abs % pow10(-q.scale) !== 0n) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let v = q.scale >= 0 ? q.n * pow10(q.scale) : q.n / pow10(-q.scale);
    let e = 0;
    while (v !== 0n && v % 1024n === 0n) {
      v /= 1024n;
      e++;
    }
    return `${v}${BIN_BY_EXP[e * 10] ?? ''}`;
  }
  let n = q.n;
  let e = q.scale;
  while (n % 10n === 0n) {
    n /= 10n;
    e++;
  }
  const r = ((e % 3) + 3) % 3;
  if (r === 1) {
    n *= 10n;
    e -= 1;
  } else if (r === 2) {
    n *= 100n;
    e -= 2;
  }
  if (format === 'DecimalExponent') return e === 0 ? `${n}` : `${n}e${e}`;
  return `${n}${DEC_BY_EXP[e] ?? ''}`;
}

/** The canonical text of a quantity string (throws QuantityError on a bad one). */
export function canonicalQuantity(s: string): string {
  return formatQuantity(parseQuantity(s));
}
