/**
 * Label selectors (k8s.io/apimachinery/pkg/labels) and field selectors (pkg/fields): parsing with the
 * API server's error texts, and matching.
 */

export type Op = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

export class SelectorParseError extends Error {}

type Tok = { t: 'id' | '!' | '=' | '==' | '!=' | 'in' | 'notin' | '(' | ')' | ',' | '>' | '<' | 'end'; v: string };

function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const special = '!=(),<>';
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '=' && s[i + 1] === '=') {
      out.push({ t: '==', v: '==' });
      i += 2;
      continue;
    }
    if (c === '!' && s[i + 1] === '=') {
      out.push({ t: '!=', v: '!=' });
      i += 2;
      continue;
    }
    if (special.includes(c)) {
      out.push({ t: c as Tok['t'], v: c });
      i++;
      continue;
    }
    let j = i;
    while (j < s.length && !special.includes(s[j]) && !' \t\n\r'.includes(s[j])) j++;
    const w = s.slice(i, j);
    out.push({ t: w === 'in' ? 'in' : w === 'notin' ? 'notin' : 'id', v: w });
    i = j;
  }
  out.push({ t: 'end', v: '' });
  return out;
}

/** labels.Parse: the selector grammar kubectl -l sends and the server parses. */
export function parseLabelSelector(s: string): Requirement[] {
  const toks = lex(s);
  let p = 0;
  const peek = () => toks[p];
  const next = () => toks[p++];
  const reqs: Requirement[] = [];
  if (peek().t === 'end') return reqs;
  for (;;) {
    let tok = next();
    let negate = false;
    if (tok.t === '!') {
      negate = true;
      tok = next();
    }
    if (tok.t !== 'id') throw new SelectorParseError(`found '${tok.v}', expected: !, identifier, or 'end of string'`);
    const key = tok.v;
    validateLabelKey(key);
    const op = peek();
    if (negate) {
      if (op.t !== ',' && op.t !== 'end') throw new SelectorParseError(`found '${op.v}', expected: ',' or 'end of string'`);
      reqs.push({ key, op: '!', values: [] });
    } else if (op.t === ',' || op.t === 'end') {
      reqs.push({ key, op: 'exists', values: [] });
    } else {
      next();
      if (op.t === '=' || op.t === '==' || op.t === '!=') {
        const v = peek();
        let value = '';
        if (v.t === 'id') {
          next();
          value = v.v;
        } else if (v.t !== ',' && v.t !== 'end') throw new SelectorParseError(`found '${v.v}', expected: identifier`);
        validateLabelValue(value);
        reqs.push({ key, op: op.t, values: [value] });
      } else if (op.t === 'in' || op.t === 'notin') {
        const lp = next();
        if (lp.t !== '(') throw new SelectorParseError(`found '${lp.v}', expected: '('`);
        const values: string[] = [];
        for (;;) {
          const v = next();
          if (v.t === ')') {
            if (values.length === 0) values.push('');
            break;
          }
          if (v.t === ',') {
            values.push('');
            continue;
          }
          if (v.t !== 'id') throw new SelectorParseError(`found '${v.v}', expected: ',', ')' or identifier`);
          validateLabelValue(v.v);
          values.push(v.v);
          const sep = next();
          if (sep.t === ')') break;
          if (sep.t !== ',') throw new SelectorParseError(`found '${sep.v}', expected: ',' or ')'`);
        }
        reqs.push({ key, op: op.t, values: [...new Set(values)].sort() });
      } else if (op.t === '>' || op.t === '<') {
        const v = next();
        if (v.t !== 'id') throw new SelectorParseError(`found '${v.v}', expected: identifier`);
        if (!/^-?\d+$/.test(v.v)) throw new SelectorParseError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
        reqs.push({ key, op: op.t === '>' ? 'gt' : 'lt', values: [v.v] });
      } else {
        throw new SelectorParseError(`found '${op.v}', expected: in, notin, =, ==, !=, gt, lt`);
      }
    }
    const sep = next();
    if (sep.t === 'end') break;
    if (sep.t !== ',') throw new SelectorParseError(`found '${sep.v}', expected: ',' or 'end of string'`);
  }
  return reqs;
}

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function labelKeyErrors(key: string): string[] {
  const errs: string[] = [];
  const parts = key.split('/');
  let name = key;
  if (parts.length === 2) {
    const [prefix, n] = parts;
    name = n;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN_RE.test(prefix))
        errs.push(
          "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        );
    }
  } else if (parts.length > 2) {
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !NAME_RE.test(name))
    errs.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
  return errs;
}

export function labelValueErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (v.length > 0 && !NAME_RE.test(v))
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  return errs;
}

function validateLabelKey(k: string): void {
  const errs = labelKeyErrors(k);
  if (errs.length) throw new SelectorParseError(`unable to parse requirement: values[0][${k}]: Invalid value: "${k}": ${errs.join('; ')}`);
}

function validateLabelValue(v: string): void {
  const errs = labelValueErrors(v);
  if (errs.length) throw new SelectorParseError(`unable to parse requirement: values[0][${v}]: Invalid value: "${v}": ${errs.join('; ')}`);
}

export function matchesLabels(reqs: readonly Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of reqs) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case '=':
      case '==':
      case 'in':
        if (!has || !r.values.includes(v)) return false;
        break;
      case '!=':
      case 'notin':
        if (has && r.values.includes(v)) return false;
        break;
      case 'exists':
        if (!has) return false;
        break;
      case '!':
        if (has) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(v)) return false;
        const n = Number(v);
        const m = Number(r.values[0]);
        if (r.op === 'gt' ? !(n > m) : !(n < m)) return false;
        break;
      }
    }
  }
  return true;
}

/** A LabelSelector object (matchLabels + matchExpressions) as requirements. */
export function fromLabelSelector(sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined | null): Requirement[] | null {
  if (!sel) return null; // nil selector matches nothing
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, op: '=', values: [v] });
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator;
    if (op === 'In') reqs.push({ key: e.key, op: 'in', values: e.values ?? [] });
    else if (op === 'NotIn') reqs.push({ key: e.key, op: 'notin', values: e.values ?? [] });
    else if (op === 'Exists') reqs.push({ key: e.key, op: 'exists', values: [] });
    else if (op === 'DoesNotExist') reqs.push({ key: e.key, op: '!', values: [] });
  }
  return reqs;
}

/** metav1.LabelSelector matching: nil matches nothing, empty matches everything. */
export function selectorMatches(sel: Parameters<typeof fromLabelSelector>[0], labels: Record<string, string> | undefined): boolean {
  const reqs = fromLabelSelector(sel);
  return reqs !== null && matchesLabels(reqs, labels);
}

/** How a selector prints (metav1.FormatLabelSelector / labels.Selector.String). */
export function formatRequirements(reqs: readonly Requirement[]): string {
  const parts = [...reqs]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => {
      switch (r.op) {
        case '=':
        case '==':
          return `${r.key}=${r.values[0]}`;
        case '!=':
          return `${r.key}!=${r.values[0]}`;
        case 'in':
          return `${r.key} in (${r.values.join(',')})`;
        case 'notin':
          return `${r.key} notin (${r.values.join(',')})`;
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
        case 'gt':
          return `${r.key}>${r.values[0]}`;
        case 'lt':
          return `${r.key}<${r.values[0]}`;
      }
    });
  return parts.join(',');
}

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** fields.ParseSelector: k=v, k==v, k!=v, comma-separated; backslash escapes. */
export function parseFieldSelector(s: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  if (s.trim() === '') return out;
  for (const part of splitUnescaped(s, ',')) {
    const m = /^(.*?)(!=|==|=)(.*)$/.exec(part);
    if (!m) throw new SelectorParseError(`invalid selector: '${s}'; can't understand '${part}'`);
    out.push({ field: m[1].trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3].replace(/\\(.)/g, '$1') });
  }
  return out;
}

function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) {
      cur += s[i] + s[i + 1];
      i++;
    } else if (s[i] === sep) {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}
