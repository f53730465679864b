/**
 * resource.Quantity as the API server parses and prints it: the grammar and its three error texts,
 * rounding up to nano precision, and the canonical form a stored object carries ("0.5" → "500m",
 * "1024Mi" → "1Gi", "1.5Gi" → "1536Mi").
 */

export const ERR_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const ERR_NUMERIC = "unable to parse quantity's numeric part";
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** The value in units of 10^-9, rounded away from zero. */
  nanos: bigint;
  format: QuantityFormat;
}

export class QuantityError extends Error {}

const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const NANO = 1_000_000_000n;
const MAX_INT64 = 9223372036854775807n;

interface Parts {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** parseQuantityString: sign, digits, fraction and suffix; throws the format error. */
function split(str: string): Parts {
  let pos = 0;
  const end = str.length;
  let positive = true;
  if (pos < end && (str[0] === '-' || str[0] === '+')) {
    positive = str[0] !== '-';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };
  const isDigit = (c: string) => c >= '0' && c <= '9';
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  pos = i;
  if (pos >= end) return { positive, num: num || '0', denom: '', suffix: '' };
  if (!num) num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    let j = pos;
    while (j < end && isDigit(str[j])) j++;
    denom = str.slice(pos, j);
    pos = j;
    if (pos >= end) return { positive, num, denom, suffix: '' };
  }
  const suffixStart = pos;
  let k = pos;
  while (k < end && 'eEinumkKMGTP'.includes(str[k])) k++;
  if (k >= end) return { positive, num, denom, suffix: str.slice(suffixStart) };
  pos = k;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  for (let m = pos; ; m++) {
    if (m >= end) return { positive, num, denom, suffix: str.slice(suffixStart) };
    if (!isDigit(str[m])) break;
  }
  throw new QuantityError(ERR_FORMAT);
}

function interpret(suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } | undefined {
  if (suffix in DEC_SUFFIX) return { base: 10, exponent: DEC_SUFFIX[suffix], format: 'DecimalSI' };
  if (suffix in BIN_SUFFIX) return { base: 2, exponent: BIN_SUFFIX[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    if (!/^[eE][-+]?\d+$/.test(suffix)) return undefined;
    const exponent = Number(suffix.slice(1));
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 2147483647) return undefined;
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return undefined;
}

const pow10 = (n: number) => 10n ** BigInt(n);

/** ParseQuantity. Throws QuantityError with the API server's text. */
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new QuantityError(ERR_FORMAT);
  if (str === '0') return { nanos: 0n, format: 'DecimalSI' };
  const p = split(str);
  const s = interpret(p.suffix);
  if (!s) throw new QuantityError(ERR_SUFFIX);
  const digits = BigInt(p.num + p.denom);
  // value = digits × 10^-len(denom) × base^exponent, in nanos rounded away from zero.
  let numer = digits * NANO;
  let denomBig = pow10(p.denom.length);
  if (s.base === 10) {
    if (s.exponent >= 0) numer *= pow10(s.exponent);
    else denomBig *= pow10(-s.exponent);
  } else {
    numer *= 1n << BigInt(s.exponent);
  }
  let nanos = numer / denomBig;
  if (numer % denomBig !== 0n) nanos += 1n;
  if (s.format === 'BinarySI' && nanos > MAX_INT64 * NANO) nanos = MAX_INT64 * NANO;
  return { nanos: p.positive ? nanos : -nanos, format: s.format };
}

function removeFactors(v: bigint, f: bigint): [bigint, number] {
  let times = 0;
  if (v === 0n) return [v, 0];
  while (v % f === 0n) {
    v /= f;
    times++;
  }
  return [v, times];
}

const DEC_BY_EXP: Record<number, string> = Object.fromEntries(Object.entries(DEC_SUFFIX).map(([k, v]) => [v, k]));
const BIN_BY_EXP = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/** Quantity.String(): the canonical text. */
export function formatQuantity(q: Quantity): string {
  if (q.nanos === 0n) return '0';
  const neg = q.nanos < 0n;
  const abs = neg ? -q.nanos : q.nanos;
  const sign = neg ? '-' : '';
  let format = q.format;
  if (format === 'BinarySI') {
    if (abs < 1024n * NANO) format = 'DecimalSI';
    else if (abs % NANO !== 0n) format = 'DecimalSI';
    else {
      const [amount, exp] = removeFactors(abs / NANO, 1024n);
      if (exp <= 6) return sign + amount.toString() + BIN_BY_EXP[exp];
      return sign + (amount * 1024n ** BigInt(exp - 6)).toString() + 'Ei';
    }
  }
  let [amount, times] = removeFactors(abs, 10n);
  let exponent = times - 9;
  const r = ((exponent % 3) + 3) % 3;
  if (r === 1) {
    amount *= 10n;
    exponent -= 1;
  } else if (r === 2) {
    amount *= 100n;
    exponent -= 2;
  }
  if (format === 'DecimalExponent') return sign + amount.toString() + (exponent === 0 ? '' : `e${exponent}`);
  const suffix = DEC_BY_EXP[exponent];
  if (suffix !== undefined) return sign + amount.toString() + suffix;
  // Past "E": the largest suffix, with the rest in the number.
  return sign + (amount * pow10(exponent - 18)).toString() + 'E';
}

/** The canonical text of a quantity as given in a manifest (string or number). Throws QuantityError. */
export function canonicalQuantity(v: string | number): string {
  return formatQuantity(parseQuantity(typeof v === 'number' ? goNumberText(v) : v.trim()));
}

/** How Go's encoding/json writes a float64 (what kubectl sends for a YAML number). */
export function goNumberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go: strconv 'e' format with at least two exponent digits.
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(n);
}

/** Milli-units of a quantity (for comparisons like requests ≤ limits). */
export function quantityCompare(a: string | number, b: string | number): number {
  const x = parseQuantity(typeof a === 'number' ? goNumberText(a) : a).nanos;
  const y = parseQuantity(typeof b === 'number' ? goNumberText(b) : b).nanos;
  return x < y ? -1 : x > y ? 1 : 0;
}
