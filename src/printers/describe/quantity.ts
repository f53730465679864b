/**
 * apimachinery's resource.Quantity as describe needs it: parsing, the canonical String() form,
 * Add (with its format rule), comparison, and the rounded-up Value()/MilliValue().
 * A value is exact: mantissa × 10^exp, kept as a BigInt.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent' | '';

const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DEC_BY_EXP = new Map(Object.entries(DEC_SUFFIX).map(([k, v]) => [v, k]));
const BIN_BY_EXP = new Map(Object.entries(BIN_SUFFIX).map(([k, v]) => [v, k]));

const pow10 = (n: number): bigint => 10n ** BigInt(n);

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

  /** ParseQuantity; undefined when the text is not a quantity. */
  static parse(input: unknown): Quantity | undefined {
    if (typeof input === 'number') input = String(input);
    if (typeof input !== 'string') return undefined;
    const s = input.trim();
    const match = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(s);
    if (!match) return undefined;
    const [, sign, whole, frac = '', suffix] = match;
    if (!whole && !frac) return undefined;
    let format: QuantityFormat;
    let m = BigInt((whole || '0') + frac) * (sign === '-' ? -1n : 1n);
    let e = -frac.length;
    if (suffix in DEC_SUFFIX) {
      format = 'DecimalSI';
      e += DEC_SUFFIX[suffix];
    } else if (suffix in BIN_SUFFIX) {
      format = 'BinarySI';
      m *= 1n << BigInt(BIN_SUFFIX[suffix]);
    } else if (/^[eE][+-]?\d+$/.test(suffix)) {
      format = 'DecimalExponent';
      e += Number(suffix.slice(1));
    } else {
      return undefined;
    }
    // Values finer than a nano are rounded up (away from zero) to the nano.
    if (e < -9) {
      const div = pow10(-9 - e);
      const neg = m < 0n;
      const a = neg ? -m : m;
      let q = a / div;
      if (q * div !== a) q += 1n;
      m = neg ? -q : q;
      e = -9;
    }
    if (format === 'BinarySI') {
      const q = new Quantity(m, e, format);
      if (q.sign() > 0 && q.cmp(new Quantity(1n, 0, 'DecimalSI')) < 0) format = 'DecimalSI';
    }
    return new Quantity(m, e, format);
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

  /** ScaledValue(scale): rounded up (away from zero), as Value()/MilliValue() do. */
  scaledValue(scale: number): bigint {
    const shift = this.e - scale;
    if (shift >= 0) return this.m * pow10(shift);
    const div = pow10(-shift);
    const neg = this.m < 0n;
    const a = neg ? -this.m : this.m;
    let q = a / div;
    if (q * div !== a) q += 1n;
    return neg ? -q : q;
  }

  value(): number {
    return Number(this.scaledValue(0));
  }

  milliValue(): number {
    return Number(this.scaledValue(-3));
  }

  /** The canonical text (Quantity.String). */
  toString(): string {
    if (this.m === 0n) return '0';
    let format = this.format;
    if (format === 'BinarySI') {
      const v = this.cmpInt(1024);
      if (this.cmpInt(-1024) > 0 && v < 0) format = 'DecimalSI';
      else if (!this.isInteger()) format = 'DecimalSI';
    } else if (format !== 'DecimalSI' && format !== 'DecimalExponent') {
      format = 'DecimalExponent';
    }
    if (format === 'BinarySI') {
      let n = this.scaledValue(0);
      let exp = 0;
      while (exp < 60 && n % 1024n === 0n && n !== 0n) {
        n /= 1024n;
        exp += 10;
      }
      return n.toString() + (BIN_BY_EXP.get(exp) ?? '');
    }
    let m = this.m;
    let e = this.e;
    while (m % 10n === 0n) {
      m /= 10n;
      e += 1;
    }
    const r = ((e % 3) + 3) % 3;
    if (r !== 0) {
      m *= pow10(r);
      e -= r;
    }
    if (format === 'DecimalExponent') return e === 0 ? m.toString() : `${m}e${e}`;
    // Past the named suffixes Go prints the bare digits (no suffix at all).
    return m.toString() + (DEC_BY_EXP.get(e) ?? '');
  }

  private cmpInt(n: number): number {
    return this.cmp(new Quantity(BigInt(n), 0, 'DecimalSI'));
  }

  private isInteger(): boolean {
    if (this.e >= 0) return true;
    return this.m % pow10(-this.e) === 0n;
  }
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
