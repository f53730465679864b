/**
 * `--sort-by`: Go's sort.Sort (pattern-defeating quicksort, so equal and unfound values land exactly
 * where kubectl puts them), kubectl's type-aware comparison of JSONPath results (numbers, strings
 * compared as resource quantities when both parse as one, nil first), and the errors it reports.
 */
import { JSONPath, relaxedJsonPath } from './jsonpath.js';
import { isInt64 } from './gofmt.js';

// ---- Go's sort.Sort ------------------------------------------------------------------------------

interface SortData {
  less(i: number, j: number): boolean;
  swap(i: number, j: number): void;
}

function insertionSort(d: SortData, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) for (let j = i; j > a && d.less(j, j - 1); j--) d.swap(j, j - 1);
}

function siftDown(d: SortData, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && d.less(first + child, first + child + 1)) child++;
    if (!d.less(first + root, first + child)) return;
    d.swap(first + root, first + child);
    root = child;
  }
}

function heapSort(d: SortData, a: number, b: number): void {
  const first = a;
  const hi = b - a;
  for (let i = Math.floor((hi - 1) / 2); i >= 0; i--) siftDown(d, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    d.swap(first, first + i);
    siftDown(d, 0, i, first);
  }
}

const bitsLen = (n: number): number => (n === 0 ? 0 : Math.floor(Math.log2(n)) + 1);

function breakPatterns(d: SortData, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  let random = BigInt(length);
  const mask = (1n << 64n) - 1n;
  const modulus = 1 << bitsLen(length);
  const next = () => {
    random ^= (random << 13n) & mask;
    random ^= random >> 7n;
    random ^= (random << 17n) & mask;
    return random;
  };
  for (let idx = a + Math.floor(length / 4) * 2 - 1; idx <= a + Math.floor(length / 4) * 2 + 1; idx++) {
    let other = Number(next() & BigInt(modulus - 1));
    if (other >= length) other -= length;
    d.swap(idx, a + other);
  }
}

const UNKNOWN = 0;
const INCREASING = 1;
const DECREASING = 2;

function choosePivot(d: SortData, a: number, b: number): [number, number] {
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.floor(l / 4);
  let j = a + Math.floor(l / 4) * 2;
  let k = a + Math.floor(l / 4) * 3;
  if (l >= 8) {
    if (l >= 50) {
      i = median(d, i - 1, i, i + 1, swaps);
      j = median(d, j - 1, j, j + 1, swaps);
      k = median(d, k - 1, k, k + 1, swaps);
    }
    j = median(d, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, INCREASING];
  if (swaps.n === 12) return [j, DECREASING];
  return [j, UNKNOWN];
}

function order2(d: SortData, a: number, b: number, swaps: { n: number }): [number, number] {
  if (d.less(b, a)) {
    swaps.n++;
    return [b, a];
  }
  return [a, b];
}

function median(d: SortData, a: number, b: number, c: number, swaps: { n: number }): number {
  [a, b] = order2(d, a, b, swaps);
  [b, c] = order2(d, b, c, swaps);
  [a, b] = order2(d, a, b, swaps);
  void a;
  void c;
  return b;
}

function reverseRange(d: SortData, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) d.swap(i, j);
}

function partialInsertionSort(d: SortData, a: number, b: number): boolean {
  let i = a + 1;
  for (let step = 0; step < 5; step++) {
    while (i < b && !d.less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < 50) return false;
    d.swap(i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!d.less(j, j - 1)) break;
        d.swap(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!d.less(j, j - 1)) break;
        d.swap(j, j - 1);
      }
    }
  }
  return false;
}

function partitionEqual(d: SortData, a: number, b: number, pivot: number): number {
  d.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !d.less(a, i)) i++;
    while (i <= j && d.less(a, j)) j--;
    if (i > j) break;
    d.swap(i, j);
    i++;
    j--;
  }
  return i;
}

function partition(d: SortData, a: number, b: number, pivot: number): [number, boolean] {
  d.swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && d.less(i, a)) i++;
  while (i <= j && !d.less(j, a)) j--;
  if (i > j) {
    d.swap(j, a);
    return [j, true];
  }
  d.swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && d.less(i, a)) i++;
    while (i <= j && !d.less(j, a)) j--;
    if (i > j) break;
    d.swap(i, j);
    i++;
    j--;
  }
  d.swap(j, a);
  return [j, false];
}

function pdqsort(d: SortData, a: number, b: number, limit: number): void {
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= 12) {
      insertionSort(d, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(d, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(d, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(d, a, b);
    if (hint === DECREASING) {
      reverseRange(d, a, b);
      pivot = b - 1 - (pivot - a);
      hint = INCREASING;
    }
    if (wasBalanced && wasPartitioned && hint === INCREASING && partialInsertionSort(d, a, b)) return;
    if (a > 0 && !d.less(a - 1, pivot)) {
      a = partitionEqual(d, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(d, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.floor(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(d, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(d, mid + 1, b, limit);
      b = mid;
    }
  }
}

/** Go's sort.Sort on an array with a less function (not stable, exactly as Go orders). */
export function goSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  const n = items.length;
  if (n <= 1) return items;
  pdqsort({ less: (i, j) => less(items[i], items[j]), swap: (i, j) => ([items[i], items[j]] = [items[j], items[i]]) }, 0, n, bitsLen(n));
  return items;
}

// ---- Resource quantities (enough to compare them) ------------------------------------------------

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** resource.ParseQuantity's value in nano units (rounded up, as the API does), or undefined if invalid. */
export function parseQuantityNanos(str: string): bigint | undefined {
  if (str === '') return undefined;
  if (str === '0') return 0n;
  let pos = 0;
  let positive = true;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') pos++;
  while (pos < str.length && str[pos] === '0') pos++;
  if (pos >= str.length) return 0n;
  let i = pos;
  while (i < str.length && str[i] >= '0' && str[i] <= '9') i++;
  const num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (pos < str.length && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < str.length && str[i] >= '0' && str[i] <= '9') i++;
    denom = str.slice(pos, i);
    pos = i;
  }
  const suffixStart = pos;
  while (pos < str.length && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos < str.length && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < str.length && str[pos] >= '0' && str[pos] <= '9') pos++;
  if (pos < str.length) return undefined;
  const suffix = str.slice(suffixStart);
  let base = 10;
  let exp: number;
  if (suffix in BINARY) {
    base = 2;
    exp = BINARY[suffix];
  } else if (suffix in DECIMAL) exp = DECIMAL[suffix];
  else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) exp = Number(suffix.slice(1));
  else return undefined;
  // value = num.denom × base^exp, in nano units, rounded away from zero.
  let n = BigInt(num + denom);
  let scale = -denom.length; // power of ten
  if (base === 2) n *= 1n << BigInt(exp);
  else scale += exp;
  scale += 9;
  let v: bigint;
  if (scale >= 0) v = n * 10n ** BigInt(scale);
  else {
    const d = 10n ** BigInt(-scale);
    v = n / d + (n % d === 0n ? 0n : 1n);
  }
  return positive ? v : -v;
}

// ---- kubectl's isLess ----------------------------------------------------------------------------

export class SortError extends Error {
  constructor(
    message: string,
    /** 'unsortable': kubectl exits through klog (see klogLine) instead of returning an error. */
    readonly kind: 'notFound' | 'path' | 'unsortable' = 'notFound',
  ) {
    super(message);
  }
}

function typeName(v: unknown): string {
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** kubectl's isLess for two decoded JSON values (an interface{} each). */
export function sortLess(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return false;
  if (a === null || a === undefined) return true;
  if (b === null || b === undefined) return false;
  if (typeof a === 'number') {
    if (typeof b !== 'number' || isInt64(a) !== isInt64(b)) throw new SortError('unsortable interface: interface');
    return a < b;
  }
  if (typeof a === 'string') {
    if (typeof b !== 'string') throw new SortError('unsortable interface: interface');
    const qa = parseQuantityNanos(a);
    const qb = qa === undefined ? undefined : parseQuantityNanos(b);
    if (qa === undefined || qb === undefined) return a < b;
    return qa < qb;
  }
  throw new SortError(`unsortable type: ${typeName(a)}`);
}

/** A parsed --sort-by field: evaluates the first value of the path on an object. */
export class SortField {
  readonly field: string;
  private readonly jp = new JSONPath();

  /**
   * The field as kubectl's sorters take it: relaxed (`.a.b` → `{.a.b}`), or — where kubectl falls
   * back to the raw text (`raw`) — as given. Throws a SortError('path') when it cannot be used.
   */
  constructor(sortBy: string, raw = false) {
    let field: string;
    try {
      field = relaxedJsonPath(sortBy);
    } catch (e) {
      if (!raw) throw new SortError((e as Error).message, 'path');
      field = sortBy;
    }
    this.field = field;
    this.jp.allowMissingKeys = true;
    try {
      this.jp.parse(this.field);
    } catch (e) {
      throw new SortError(`sorting error: ${(e as Error).message}`, 'path');
    }
  }

  /** [found, value] */
  value(obj: unknown): [boolean, unknown] {
    const r = this.jp.findResults(obj);
    if (!r.length || !r[0].length) return [false, undefined];
    return [true, r[0][0]];
  }

  notFoundError(): SortError {
    return new SortError(`couldn't find any field with path ${JSON.stringify(this.field)} in the list of objects`);
  }

  /**
   * Sorts objects as kubectl's sorters do (missing values sort first, unstably); throws when no
   * object has the field, or (kind 'unsortable') when two values cannot be compared.
   */
  sort<T>(items: T[], objOf: (t: T) => unknown = (t) => t): T[] {
    const keyed = items.map((item) => ({ item, v: this.value(objOf(item)) }));
    if (keyed.length && !keyed.some((k) => k.v[0])) throw this.notFoundError();
    goSort(keyed, (x, y) => {
      if (!x.v[0]) return true;
      if (!y.v[0]) return false;
      try {
        return sortLess(x.v[1], y.v[1]);
      } catch (e) {
        throw new SortError((e as Error).message, 'unsortable');
      }
    });
    return keyed.map((k) => k.item);
  }
}

/**
 * The line klog writes before kubectl exits on an unsortable field:
 * `F1122 11:55:09.495138   10238 sorter.go:375] Field {.x} in [][][]reflect.Value is an unsortable type: …`.
 */
export function klogLine(now: Date, pid: number, where: 'table' | 'objects', field: string, err: string): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const stamp = `${p2(now.getMonth() + 1)}${p2(now.getDate())} ${p2(now.getHours())}:${p2(now.getMinutes())}:${p2(now.getSeconds())}.${String(now.getMilliseconds() * 1000).padStart(6, '0')}`;
  const [file, type] = where === 'table' ? ['sorter.go:375', '[][][]reflect.Value'] : ['sorter.go:329', '*unstructured.Unstructured'];
  return `F${stamp} ${String(pid).padStart(7, ' ')} ${file}] Field ${field} in ${type} is an unsortable type: interface, err: ${err}\n`;
}
