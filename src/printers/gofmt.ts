/**
 * How Go's fmt prints the values kubectl's printers hand it (decoded JSON: maps, slices, strings,
 * numbers, bools, nil): %v (fmt.Sprint) and %#v, plus strconv.Quote. Numbers are int64 when they are
 * integers (unstructured objects) unless `floats` is set (objects decoded by encoding/json into
 * interface{}, as kubectl's go-template printer does).
 */

/** strconv.FormatFloat(f, 'g', -1, 64) as fmt's %v prints a float64. */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const m = /^(-?)(\d)(?:\.(\d+))?e([-+]\d+)$/.exec(f.toExponential())!;
  const digits = m[2] + (m[3] ?? '');
  const exp = Number(m[4]);
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    return `${m[1]}${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  }
  return String(f);
}

const INT64_LIMIT = 2 ** 63;

/** Whether a decoded JSON number is an int64 (unstructured decoding) rather than a float64. */
export function isInt64(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < INT64_LIMIT;
}

function numberV(n: number, floats: boolean): string {
  if (!floats && isInt64(n)) return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  return goFloat(n);
}

function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** fmt.Sprint(v): `map[k:v]`, `[a b]`, `<nil>`. */
export function goSprint(v: unknown, floats = false): string {
  if (v === null || v === undefined) return '<nil>';
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return numberV(v, floats);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
  }
  if (Array.isArray(v)) return `[${v.map((x) => goSprint(x, floats)).join(' ')}]`;
  const o = v as Record<string, unknown>;
  return `map[${sortedKeys(o)
    .map((k) => `${k}:${goSprint(o[k], floats)}`)
    .join(' ')}]`;
}

const isPrintableRune = (c: number): boolean => {
  if (c < 0x20 || c === 0x7f) return false;
  if (c >= 0x80 && c < 0xa0) return false;
  if (c === 0xad) return false;
  // Unassigned and private-use characters are escaped by Go; they are rare enough to treat all
  // other characters as printable, except the line/paragraph separators and surrogates.
  if (c === 0x2028 || c === 0x2029) return false;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  if (c === 0xfeff || c === 0xfffe || c === 0xffff) return false;
  return true;
};

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (isPrintableRune(c)) out += ch;
    else if (c < 0x80) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c <= 0xffff) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** fmt's %#v of a decoded JSON value held in an interface{}. */
export function goSharpV(v: unknown, floats = false, top = true): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  switch (typeof v) {
    case 'string':
      return goQuote(v);
    case 'number':
      return numberV(v, floats);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
  }
  void top;
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSharpV(x, floats, false)).join(', ')}}`;
  const o = v as Record<string, unknown>;
  return `map[string]interface {}{${sortedKeys(o)
    .map((k) => `${goQuote(k)}:${goSharpV(o[k], floats, false)}`)
    .join(', ')}}`;
}

/** encoding/json's compact Marshal of a decoded value (sorted keys, HTML-safe escaping). */
export function goJsonCompact(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return escapeHtml(JSON.stringify(v));
  if (typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(goJsonCompact).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = sortedKeys(o).filter((k) => o[k] !== undefined);
  return `{${keys.map((k) => `${escapeHtml(JSON.stringify(k))}:${goJsonCompact(o[k])}`).join(',')}}`;
}

function escapeHtml(s: string): string {
  return s.replace(/[<>&\u2028\u2029]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'));
}
