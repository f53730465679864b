/**
 * Label selectors (k8s.io/apimachinery/pkg/labels) and field selectors (pkg/fields): parsing with the
 * API server's error texts, and matching.
 */
import { goQuote } from './errors.js';

export type Op = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

export class SelectorParseError extends Error {}

// ---- labels.Parse ---------------------------------------------------------------------------------

type TokKind = 'error' | 'end' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';

interface Tok {
  t: TokKind;
  v: string;
}

const TOKENS: Record<string, TokKind> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(' };
const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c);

/** The selector lexer: identifiers/keywords, and the longest run of symbols that is a token. */
function lex(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && isWhitespace(s[i])) i++;
    if (i >= s.length) {
      out.push({ t: 'end', v: '' });
      return out;
    }
    if (isSpecial(s[i])) {
      let buf = '';
      let last: Tok | undefined;
      while (i < s.length && isSpecial(s[i])) {
        buf += s[i];
        if (TOKENS[buf]) {
          last = { t: TOKENS[buf], v: buf };
          i++;
        } else if (last) break;
        else i++;
      }
      out.push(last ?? { t: 'error', v: `error expected: keyword found '${buf}'` });
      continue;
    }
    let j = i;
    while (j < s.length && !isSpecial(s[j]) && !isWhitespace(s[j])) j++;
    const w = s.slice(i, j);
    out.push({ t: TOKENS[w] === 'in' || TOKENS[w] === 'notin' ? TOKENS[w] : 'id', v: w });
    i = j;
  }
}

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

/** apimachinery's field.Error text for an invalid value (path may be empty, as the parser's is). */
function invalid(path: string, value: string | string[], detail: string): string {
  const v = Array.isArray(value) ? `[]string{${value.map((x) => goQuote(x)).join(', ')}}` : goQuote(value);
  return `${path}: Invalid value: ${v}: ${detail}`;
}


/** labels.NewRequirement's checks, as one aggregated message (or undefined). */
function requirementErrors(key: string, op: Op, values: string[]): string | undefined {
  const errs: string[] = [];
  const ke = labelKeyErrors(key);
  if (ke.length) errs.push(invalid('key', key, ke.join('; ')));
  if ((op === 'in' || op === 'notin') && !values.length) errs.push(invalid('values', values, "for 'in', 'notin' operators, values set can't be empty"));
  if ((op === 'gt' || op === 'lt')) {
    if (values.length !== 1) errs.push(invalid('values', values, "for 'Gt', 'Lt' operators, exactly one value is required"));
    values.forEach((v, i) => {
      if (!/^[+-]?[0-9]+$/.test(v) || !Number.isSafeInteger(Number(v))) errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
    });
  }
  values.forEach((v, i) => {
    const ve = labelValueErrors(v);
    if (ve.length) errs.push(invalid(`values[${i}][${key}]`, v, ve.join('; ')));
  });
  if (!errs.length) return undefined;
  return errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
}

/** labels.Parse: the selector grammar kubectl -l sends and the server parses, with its error texts. */
export function parseLabelSelector(s: string): Requirement[] {
  const toks = lex(s);
  let p = 0;
  // In a value position the keywords in/notin are plain identifiers.
  const look = (values = true): Tok => {
    const t = toks[p];
    return values && (t.t === 'in' || t.t === 'notin') ? { t: 'id', v: t.v } : t;
  };
  const take = (values = true): Tok => {
    const t = look(values);
    p++;
    return t;
  };
  const reqs: Requirement[] = [];
  const requirement = (): Requirement => {
    let tok = take();
    let op: Op | undefined;
    if (tok.t === '!') {
      op = '!';
      tok = take();
    }
    if (tok.t !== 'id') throw new Error(`found '${tok.v}', expected: identifier`);
    const key = tok.v;
    const ke = labelKeyErrors(key);
    if (ke.length) throw new Error(invalid('', key, ke.join('; ')));
    const next = look().t;
    if (next === 'end' || next === ',') op = op === '!' ? '!' : 'exists';
    if (op === 'exists' || op === '!') {
      const err = requirementErrors(key, op, []);
      if (err) throw new Error(err);
      return { key, op, values: [] };
    }
    const opTok = take(false);
    const OPS: Partial<Record<TokKind, Op>> = { in: 'in', '=': '=', '==': '==', '>': 'gt', '<': 'lt', notin: 'notin', '!=': '!=' };
    const o = OPS[opTok.t];
    if (!o) throw new Error(`found '${opTok.v}', expected: ${BINARY_OPERATORS}`);
    let values: Set<string>;
    if (o === 'in' || o === 'notin') {
      const lp = take();
      if (lp.t !== '(') throw new Error(`found '${lp.v}' expected: '('`);
      const first = look();
      if (first.t === 'id' || first.t === ',') {
        values = new Set();
        for (;;) {
          const t = take();
          if (t.t === 'id') {
            values.add(t.v);
            const t2 = look();
            if (t2.t === ',') continue;
            if (t2.t === ')') break;
            throw new Error(`found '${t2.v}', expected: ',' or ')'`);
          } else if (t.t === ',') {
            if (!values.size) values.add('');
            const t2 = look();
            if (t2.t === ')') {
              values.add('');
              break;
            }
            if (t2.t === ',') {
              take();
              values.add('');
            }
          } else throw new Error(`found '${t.v}', expected: ',', or identifier`);
        }
        if (take().t !== ')') throw new Error(`found '${first.v}', expected: ')'`);
      } else if (first.t === ')') {
        take();
        values = new Set(['']);
      } else throw new Error(`found '${first.v}', expected: ',', ')' or identifier`);
    } else {
      const t = look();
      if (t.t === 'end' || t.t === ',') values = new Set(['']);
      else {
        const v = take();
        if (v.t !== 'id') throw new Error(`found '${v.v}', expected: identifier`);
        values = new Set([v.v]);
      }
    }
    const list = [...values].sort();
    const err = requirementErrors(key, o, list);
    if (err) throw new Error(err);
    return { key, op: o, values: list };
  };
  for (;;) {
    const t = look();
    if (t.t === 'end') break;
    if (t.t !== 'id' && t.t !== '!') throw new SelectorParseError(`found '${t.v}', expected: !, identifier, or 'end of string'`);
    try {
      reqs.push(requirement());
    } catch (e) {
      throw new SelectorParseError(`unable to parse requirement: ${(e as Error).message}`);
    }
    const sep = take();
    if (sep.t === 'end') break;
    if (sep.t === ',') {
      const t2 = look();
      if (t2.t !== 'id' && t2.t !== '!') throw new SelectorParseError(`found '${t2.v}', expected: identifier after ','`);
      continue;
    }
    throw new SelectorParseError(`found '${sep.v}', expected: ',' or 'end of string'`);
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS1123_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** validation.IsQualifiedName. */
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
    return [`a qualified name ${QUALIFIED_NAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!NAME_RE.test(name)) errs.push(`name part ${QUALIFIED_NAME_MSG}`);
  return errs;
}

/** validation.IsValidLabelValue. */
export function labelValueErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE_RE.test(v))
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  return errs;
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

/** fields.ParseSelector: terms split on unescaped commas (sorted), each `k!=v`, `k==v` or `k=v`; values unescaped. */
export function parseFieldSelector(s: string): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  if (s === '') return out;
  const parts = splitUnescaped(s, ',').sort();
  for (const part of parts) {
    if (part === '') continue;
    let split: [string, string, string] | undefined;
    for (let i = 0; i < part.length && !split; i++) {
      for (const op of ['!=', '==', '=']) {
        if (part.startsWith(op, i)) {
          split = [part.slice(0, i), op, part.slice(i + op.length)];
          break;
        }
      }
    }
    if (!split) throw new SelectorParseError(`invalid selector: '${s}'; can't understand '${part}'`);
    out.push({ field: split[0], op: split[1] === '!=' ? '!=' : '=', value: unescapeFieldValue(split[2]) });
  }
  return out;
}

/** fields.UnescapeValue. */
function unescapeFieldValue(v: string): string {
  if (!/[\\,=]/.test(v)) return v;
  let out = '';
  let inSlash = false;
  for (const c of v) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new SelectorParseError(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new SelectorParseError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    else out += c;
  }
  if (inSlash) throw new SelectorParseError('invalid field selector: invalid escape sequence: \\');
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
