/**
 * resource.Quantity, as apimachinery parses, compares, adds and prints it: the grammar and its three
 * error texts, rounding up to nano precision, the canonical form a stored object carries
 * ("0.5" → "500m", "1024Mi" → "1Gi", "1.5Gi" → "1536Mi"), Add with its format rule, and the
 * rounded-up Value()/MilliValue(). A value is exact: mantissa × 10^exponent as a BigInt.
 * The one implementation for the API server, kubectl's generators, describe and the scheduler.
 */

export const QUANTITY_RE_TEXT = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ERR_FORMAT = `quantities must match the regular expression '${QUANTITY_RE_TEXT}'`;
export const ERR_NUMERIC = "unable to parse quantity's numeric part";
export const ERR_SUFFIX = "unable to parse quantity's suffix";

export class QuantityError extends Error {}

/** '' is the zero Quantity's format: it takes the format of whatever is added to it. */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent' | '';

const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXP: Record<number, string> = Object.fromEntries(Object.entries(DEC_SUFFIX).map(([k, v]) => [v, k]));
const BIN_BY_EXP = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const MAX_INT64 = 9223372036854775807n;
const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Division rounded away from zero. */
function divUp(a: bigint, d: bigint): bigint {
  const neg = a < 0n;
  const abs = neg ? -a : a;
  let q = abs / d;
  if (q * d !== abs) q += 1n;
  return neg ? -q : q;
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

export class Quantity {
  private constructor(
    /** value = m × 10^e */
    readonly m: bigint,
    readonly e: number,
    readonly format: QuantityFormat,
  ) {}

  /** The zero value (Quantity{}): prints "0", takes the format of whatever is added to it. */
  static zero(): Quantity {
    return new Quantity(0n, 0, '');
  }

  static of(m: bigint, e: number, format: QuantityFormat): Quantity {
    return new Quantity(m, e, format);
  }

  /** A value given in nano-units (10^-9). */
  static fromNanos(nanos: bigint, format: QuantityFormat): Quantity {
    return new Quantity(nanos, -9, format);
  }

  /** The value in nano-units, rounded up (quantities never carry more precision than that). */
  get nanos(): bigint {
    return this.scaledValue(-9);
  }

  /** A quantity from a manifest value (string or number); undefined when it is not one. */
  static parse(input: unknown): Quantity | undefined {
    if (typeof input === 'number') input = goNumberText(input);
    if (typeof input !== 'string') return undefined;
    try {
      return parseQuantity(input.trim());
    } catch {
      return undefined;
    }
  }

  sign(): number {
    return this.m > 0n ? 1 : this.m < 0n ? -1 : 0;
  }

  isZero(): boolean {
    return this.m === 0n;
  }

  private aligned(o: Quantity): [bigint, bigint, number] {
    const e = Math.min(this.e, o.e);
    return [this.m * pow10(this.e - e), o.m * pow10(o.e - e), e];
  }

  cmp(o: Quantity): number {
    const [a, b] = this.aligned(o);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Quantity.Add: the sum keeps this quantity's format, unless this one is zero. */
  add(o: Quantity): Quantity {
    const [a, b, e] = this.aligned(o);
    const format = this.isZero() ? o.format : this.format;
    return new Quantity(a + b, e, format);
  }

  /** ScaledValue(scale): the value in units of 10^scale, rounded up (away from zero). */
  scaledValue(scale: number): bigint {
    const shift = this.e - scale;
    if (shift >= 0) return this.m * pow10(shift);
    return divUp(this.m, pow10(-shift));
  }

  value(): number {
    return Number(this.scaledValue(0));
  }

  milliValue(): number {
    return Number(this.scaledValue(-3));
  }

  /** Quantity.String(): the canonical text. */
  toString(): string {
    if (this.m === 0n) return '0';
    const nanos = this.scaledValue(-9);
    const neg = nanos < 0n;
    const abs = neg ? -nanos : nanos;
    const sign = neg ? '-' : '';
    const NANO = 1_000_000_000n;
    let format = this.format || 'DecimalExponent';
    if (format === 'BinarySI') {
      if (abs < 1024n * NANO || abs % NANO !== 0n) format = 'DecimalSI';
      else {
        const [amount, exp] = removeFactors(abs / NANO, 1024n);
        if (exp <= 6) return sign + amount.toString() + BIN_BY_EXP[exp];
        return sign + (amount * 1024n ** BigInt(exp - 6)).toString() + 'Ei';
      }
    }
    let [amount, times] = removeFactors(abs, 10n);
    let exponent = times - 9;
    const r = ((exponent % 3) + 3) % 3;
    if (r !== 0) {
      amount *= pow10(r);
      exponent -= r;
    }
    if (format === 'DecimalExponent') return sign + amount.toString() + (exponent === 0 ? '' : `e${exponent}`);
    // Past the named suffixes Go's suffixer finds none and prints the bare digits.
    return sign + amount.toString() + (DEC_BY_EXP[exponent] ?? '');
  }
}

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

/** ParseQuantity. Throws QuantityError with apimachinery's text. */
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new QuantityError(ERR_FORMAT);
  if (str === '0') return Quantity.of(0n, 0, 'DecimalSI');
  const p = split(str);
  const s = interpret(p.suffix);
  if (!s) throw new QuantityError(ERR_SUFFIX);
  let m = BigInt(p.num + p.denom);
  let e = -p.denom.length;
  if (s.base === 10) e += s.exponent;
  else m *= 1n << BigInt(s.exponent);
  // Values finer than a nano-unit round up (away from zero) to it.
  if (e < -9) {
    m = divUp(m, pow10(-9 - e));
    e = -9;
  }
  let format = s.format;
  if (format === 'BinarySI') {
    // The max is a cap; a binary value below one prints as a decimal one.
    if (Quantity.of(m, e, format).cmp(Quantity.of(MAX_INT64, 0, format)) > 0) [m, e] = [MAX_INT64, 0];
    else if (m > 0n && Quantity.of(m, e, format).cmp(Quantity.of(1n, 0, format)) < 0) format = 'DecimalSI';
  }
  return Quantity.of(p.positive ? m : -m, e, format);
}

/** Quantity.String(). */
export function formatQuantity(q: Quantity): string {
  return q.toString();
}

/** The canonical text of a quantity as given in a manifest (string or number). Throws QuantityError. */
export function canonicalQuantity(v: string | number): string {
  return parseQuantity(typeof v === 'number' ? goNumberText(v) : v.trim()).toString();
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

/** Compares two manifest quantities (for rules like requests ≤ limits). Throws QuantityError. */
export function quantityCompare(a: string | number, b: string | number): number {
  return parseQuantity(typeof a === 'number' ? goNumberText(a) : a).cmp(parseQuantity(typeof b === 'number' ? goNumberText(b) : b));
}

/** A resource list (name → quantity text) as parsed quantities; unparsable entries are skipped. */
export function parseResourceList(list: Record<string, unknown> | undefined | null): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = Quantity.parse(v);
    if (q) out.set(k, q);
  }
  return out;
}

/** The text a quantity prints as; a value that is not a quantity prints as given. */
export function quantityString(v: unknown): string {
  if (v === undefined || v === null) return '0';
  return Quantity.parse(v)?.toString() ?? String(v);
}
