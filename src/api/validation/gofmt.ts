/**
 * How Go prints values the API server's messages embed: %+v of decoded JSON (map[k:v] with sorted
 * keys), %#v of a few API structs, and float64 as %v writes it.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

/** strconv.FormatFloat(f, 'g', -1, 64) with %v's exponent threshold (shortest digits; exponent when < -4 or ≥ 21). */
export function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(n);
}

/** fmt's %+v (and %v) of a value decoded from JSON into interface{}. */
export function goPlusV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goPlusV).join(' ')}]`;
  const keys = Object.keys(v as object).filter((k) => (v as any)[k] !== undefined).sort();
  return `map[${keys.map((k) => `${k}:${goPlusV((v as any)[k])}`).join(' ')}]`;
}

/** %#v of map[string]string: map[string]string{"a":"b"} (sorted keys), or map[string]string(nil). */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (!m) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`).join(', ')}}`;
}

/** %#v of a []string: []string{"a", "b"} or []string(nil). */
export function goStringSlice(a: string[] | undefined | null): string {
  if (!a) return '[]string(nil)';
  return `[]string{${a.map((s) => JSON.stringify(s)).join(', ')}}`;
}

/** %#v of a *metav1.LabelSelector's value: v1.LabelSelector{MatchLabels:map[string]string{...}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}. */
export function goLabelSelector(sel: any): string {
  const exprs = sel?.matchExpressions;
  const ex = exprs
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map((e: any) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key ?? '')}, Operator:${JSON.stringify(e.operator ?? '')}, Values:${goStringSlice(e.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel?.matchLabels)}, MatchExpressions:${ex}}`;
}

/** A value field errors print verbatim (Go's %#v text computed by the caller). */
export class GoLiteral {
  constructor(readonly text: string) {}
  toGoString(): string {
    return this.text;
  }
}
