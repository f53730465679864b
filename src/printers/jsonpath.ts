/**
 * kubectl's JSONPath dialect (client-go util/jsonpath): templates mixing literal text and {actions},
 * fields with backslash-escaped dots, [n] and slices with negative indexes and steps, [*] and .*,
 * unions [a,b], recursive descent .., filters [?(@.x == "y")] and existence filters, {range}…{end},
 * quoted literals, and kubectl's error texts. Results print as Go does: strings raw, numbers and bools
 * bare, maps and lists as compact JSON, one space between the values of one action.
 */
import { goFloat, goJsonCompact, goSharpV, goQuote, goSprint, isInt64 } from './gofmt.js';
import { printJson } from './output.js';

// ---- Values ---------------------------------------------------------------------------------------

/** A float64 literal from the template (so that 2.0 stays a float, as Go keeps it). */
class F64 {
  constructor(readonly v: number) {}
}

/** One byte of a string, as ranging over a Go string by index yields (uint8). */
class U8 {
  constructor(readonly v: number) {}
}

type Value = unknown;

type GoKind = 'map' | 'slice' | 'string' | 'int' | 'float' | 'bool' | 'uint' | 'nil';

function kindOf(v: Value): GoKind {
  if (v === null || v === undefined) return 'nil';
  if (v instanceof F64) return 'float';
  if (v instanceof U8) return 'uint';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return isInt64(v) ? 'int' : 'float';
  }
  return Array.isArray(v) ? 'slice' : 'map';
}

const TYPE_NAME: Record<GoKind, string> = {
  map: 'map[string]interface {}',
  slice: '[]interface {}',
  string: 'string',
  int: 'int64',
  float: 'float64',
  bool: 'bool',
  uint: 'uint8',
  nil: 'interface {}',
};

function numOf(v: Value): number {
  return v instanceof F64 || v instanceof U8 ? v.v : (v as number);
}

/** fmt.Sprint of a result value. */
function textOf(v: Value): string {
  if (v instanceof F64) return goFloat(v.v);
  if (v instanceof U8) return String(v.v);
  if (v === undefined) return '<no value>';
  if (v === null) return 'null';
  return goSprint(v);
}

function plain(v: Value): unknown {
  if (v instanceof F64 || v instanceof U8) return v.v;
  return v;
}

function bytesOf(s: string): U8[] {
  return Array.from(Buffer.from(s, 'utf8'), (b) => new U8(b));
}

function children(v: Value): Value[] {
  if (typeof v === 'string') return bytesOf(v);
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object' && !(v instanceof F64) && !(v instanceof U8)) {
    const o = v as Record<string, unknown>;
    return Object.keys(o)
      .sort()
      .map((k) => o[k]);
  }
  return [];
}

// ---- Comparison (the forked text/template funcs) ------------------------------------------------

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: Value): BasicKind {
  const k = kindOf(v);
  if (k === 'bool' || k === 'int' || k === 'uint' || k === 'float' || k === 'string') return k;
  throw new JsonPathError('invalid type for comparison');
}

function goEqual(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return numOf(a) === numOf(b);
    throw new JsonPathError('incompatible types for comparison');
  }
  if (k1 === 'string' || k1 === 'bool') return a === b;
  return numOf(a) === numOf(b);
}

function goLess(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return numOf(a) < numOf(b);
    throw new JsonPathError('incompatible types for comparison');
  }
  if (k1 === 'bool') throw new JsonPathError('invalid type for comparison');
  if (k1 === 'string') return (a as string) < (b as string);
  return numOf(a) < numOf(b);
}

// ---- Nodes ----------------------------------------------------------------------------------------

interface Params {
  known: boolean;
  value: number;
  derived: boolean;
}

type Node =
  | { t: 'list'; nodes: Node[] }
  | { t: 'text'; text: string }
  | { t: 'field'; name: string }
  | { t: 'array'; params: [Params, Params, Params] }
  | { t: 'filter'; left: ListNode; right: ListNode; op: string }
  | { t: 'int'; value: number }
  | { t: 'float'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'wildcard' }
  | { t: 'recursive' }
  | { t: 'union'; nodes: ListNode[] }
  | { t: 'identifier'; name: string };

type ListNode = { t: 'list'; nodes: Node[] };

export class JsonPathError extends Error {}

// ---- Parser ---------------------------------------------------------------------------------------

const EOF = -1;
const isDigit = (r: number) => r >= 0 && /\p{Nd}/u.test(String.fromCodePoint(r));
const isLetter = (r: number) => r >= 0 && /\p{L}/u.test(String.fromCodePoint(r));
const isAlphaNumeric = (r: number) => r === 0x5f || isLetter(r) || isDigit(r);
const isSpace = (r: number) => r === 0x20 || r === 0x09;
const isEndOfLine = (r: number) => r === 0x0d || r === 0x0a;
const isTerminator = (r: number) => isSpace(r) || isEndOfLine(r) || r === EOF || '.,[]$@{}'.includes(String.fromCodePoint(r));

/** fmt's %#U of a rune. */
function sharpU(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  const ch = String.fromCodePoint(r);
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch) ? `U+${hex} '${ch}'` : `U+${hex}`;
}

const DICT_KEY = /^'([^']*)'$/;
const SLICE = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/s;

class Parser {
  root: ListNode = { t: 'list', nodes: [] };
  private input = '';
  private pos = 0;
  private start = 0;
  private width = 0;

  parse(text: string): void {
    this.input = text;
    this.root = { t: 'list', nodes: [] };
    this.pos = 0;
    this.start = 0;
    this.parseText();
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) this.root.nodes.push({ t: 'text', text: this.consume() });
        this.pos += 1;
        this.consume();
        const list: ListNode = { t: 'list', nodes: [] };
        this.root.nodes.push(list);
        if (this.parseInsideAction(list)) continue;
        return;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) this.root.nodes.push({ t: 'text', text: this.consume() });
  }

  /** Parses one action's contents; returns true when its closing brace was reached. */
  private parseInsideAction(cur: ListNode): boolean {
    for (;;) {
      const rest = this.input.slice(this.pos, this.pos + 3);
      if (rest.startsWith('}')) {
        this.pos += 1;
        this.consume();
        return true;
      }
      if (rest === '[?(') {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JsonPathError('unclosed action');
      if (r === 0x20 || r === 0x40 || r === 0x24) this.consume();
      else if (r === 0x5b) this.parseArray(cur);
      else if (r === 0x22 || r === 0x27) this.parseQuote(cur, r);
      else if (r === 0x2e) this.parseField(cur);
      else if (r === 0x2b || r === 0x2d || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else throw new JsonPathError(`unrecognized character in action: ${sharpU(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (value === 'true' || value === 'false') cur.nodes.push({ t: 'bool', value: value === 'true' });
    else cur.nodes.push({ t: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.t === 'recursive') throw new JsonPathError('invalid multiple recursive descent');
    this.pos += 2;
    this.consume();
    cur.nodes.push({ t: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    let r = this.peek();
    if (r === 0x2b || r === 0x2d) this.next();
    for (;;) {
      r = this.next();
      if (r !== 0x2e && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (/^[+-]?[0-9]+$/.test(value) && Math.abs(Number(value)) < 2 ** 63) {
      cur.nodes.push({ t: 'int', value: Number(value) });
      return;
    }
    if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) {
      cur.nodes.push({ t: 'float', value: Number(value) });
      return;
    }
    throw new JsonPathError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError('unterminated array');
      if (r === 0x5d) break;
    }
    let text = this.consume();
    text = text.slice(1, -1);
    if (text === '*') text = ':';
    const strs = text.split(',');
    if (strs.length > 1) {
      const union: ListNode[] = [];
      for (const s of strs) union.push(parseAction(`[${s.replace(/^ +| +$/g, '')}]`));
      cur.nodes.push({ t: 'union', nodes: union });
      return;
    }
    const dict = DICT_KEY.exec(text);
    if (dict) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return;
    }
    const m = SLICE.exec(text);
    if (!m) throw new JsonPathError(`invalid array index ${text}`);
    const value = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: [Params, Params, Params] = [
      { known: false, value: 0, derived: false },
      { known: false, value: 0, derived: false },
      { known: false, value: 0, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      if (value[i] !== '') {
        if (i > 0) value[i] = value[i].slice(1);
        if (i > 0 && value[i] === '') params[i].known = false;
        else {
          if (!/^[+-]?[0-9]+$/.test(value[i])) throw new JsonPathError(`array index ${value[i]} is not a number`);
          params[i].known = true;
          params[i].value = Number(value[i]);
        }
      } else if (i === 1) {
        params[i] = { known: true, value: params[0].value + 1, derived: true };
      }
    }
    cur.nodes.push({ t: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === 0x29) {
        if (begin === end) break;
      }
    }
    if (this.next() !== 0x5d) throw new JsonPathError('unclosed array expect ]');
    let text = this.consume();
    text = text.slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) cur.nodes.push({ t: 'filter', left: parseAction(text), right: { t: 'list', nodes: [] }, op: 'exists' });
    else cur.nodes.push({ t: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
  }

  private parseQuote(cur: ListNode, end: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consume();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch {
      throw new JsonPathError(`unquote string ${value} error invalid syntax`);
    }
    cur.nodes.push({ t: 'text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === 0x5c) this.next();
      else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (value === '*') cur.nodes.push({ t: 'wildcard' });
    else cur.nodes.push({ t: 'field', name: value.replace(/\\/g, '') });
  }
}

function parseAction(text: string): ListNode {
  const p = new Parser();
  p.parse(`{${text}}`);
  return p.root.nodes[0] as ListNode;
}

/** strconv.UnquoteChar-based unquoting of a '…' or "…" literal (UnquoteExtend). */
function unquoteExtend(s: string): string {
  if (s.length < 2) throw new Error('invalid syntax');
  const quote = s[0];
  if (quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) throw new Error('invalid syntax');
  s = s.slice(1, -1);
  if (!s.includes('\\') && !s.includes(quote)) return s;
  let out = '';
  let i = 0;
  const hex = (n: number) => {
    const h = s.slice(i, i + n);
    if (h.length < n || !/^[0-9a-fA-F]+$/.test(h)) throw new Error('invalid syntax');
    i += n;
    return parseInt(h, 16);
  };
  while (i < s.length) {
    const c = s[i];
    if (c === quote) throw new Error('invalid syntax');
    if (c !== '\\') {
      const cp = s.codePointAt(i)!;
      out += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    i++;
    const e = s[i++];
    switch (e) {
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
        out += '\\';
        break;
      case "'":
      case '"':
        if (e !== quote) throw new Error('invalid syntax');
        out += e;
        break;
      case 'x':
        out += String.fromCharCode(hex(2));
        break;
      case 'u':
        out += String.fromCodePoint(hex(4));
        break;
      case 'U': {
        const v = hex(8);
        if (v > 0x10ffff) throw new Error('invalid syntax');
        out += String.fromCodePoint(v);
        break;
      }
      default: {
        if (e === undefined || e < '0' || e > '7') throw new Error('invalid syntax');
        const o = e + s.slice(i, i + 2);
        if (!/^[0-7]{3}$/.test(o)) throw new Error('invalid syntax');
        i += 2;
        const v = parseInt(o, 8);
        if (v > 255) throw new Error('invalid syntax');
        out += String.fromCharCode(v);
      }
    }
  }
  return out;
}

// ---- Evaluation -----------------------------------------------------------------------------------

export class JSONPath {
  private nodes: Node[] = [];
  /** Where the template's top-level nodes start (ranges move it, as client-go's parser does). */
  private rootStart = 0;
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode = -1;
  allowMissingKeys = false;
  outputJSON = false;

  parse(text: string): void {
    const p = new Parser();
    p.parse(text);
    this.nodes = p.root.nodes;
    this.rootStart = 0;
  }

  /** The results of each top-level node (text or action), in order. */
  findResults(data: Value): Value[][] {
    const cur = [data];
    const nodes = this.nodes;
    const full: Value[][] = [];
    for (let i = this.rootStart; i < nodes.length; i++) {
      const results = this.walk(cur, nodes[i]);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = i;
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length) {
          for (const value of results) {
            this.rootStart = i + 1;
            // A null element reaches the range body as Go's invalid value ("<no value>").
            full.push(...this.findResults(value === null ? undefined : value));
          }
        } else {
          this.rootStart = i + 1;
          this.findResults(undefined);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  execute(data: Value): string {
    return this.findResults(data)
      .map((r) => this.printResults(r))
      .join('');
  }

  printResults(results: Value[]): string {
    if (this.outputJSON) return printJson(results.map(plain));
    return results
      .map((r) => {
        const k = kindOf(r);
        return k === 'map' || k === 'slice' ? goJsonCompact(r) : textOf(r);
      })
      .join(' ');
  }

  private walk(values: Value[], node: Node): Value[] {
    switch (node.t) {
      case 'list':
        return this.evalList(values, node);
      case 'text':
        return [node.text];
      case 'field':
        return this.evalField(values, node.name);
      case 'array':
        return this.evalArray(values, node.params);
      case 'filter':
        return this.evalFilter(values, node);
      case 'int':
        return values.map(() => node.value);
      case 'float':
        return values.map(() => new F64(node.value));
      case 'bool':
        return values.map(() => node.value);
      case 'wildcard':
        return values.flatMap((v) => (v === null || v === undefined ? [] : children(v)));
      case 'recursive':
        return this.evalRecursive(values);
      case 'union':
        return node.nodes.flatMap((l) => this.evalList(values, l));
      case 'identifier':
        return this.evalIdentifier(values, node.name);
    }
  }

  private evalList(values: Value[], node: ListNode): Value[] {
    let cur = values;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: Value[], name: string): Value[] {
    if (name === 'range') {
      this.beginRange++;
      return input;
    }
    if (name === 'end') {
      if (this.inRange > 0) {
        this.endRange++;
        return [];
      }
      throw new JsonPathError('not in range, nothing to end');
    }
    throw new JsonPathError(`unrecognized identifier ${name}`);
  }

  private evalField(input: Value[], name: string): Value[] {
    const results: Value[] = [];
    if (!input.length) return results;
    for (const v of input) {
      if (kindOf(v) !== 'map') continue;
      const o = v as Record<string, unknown>;
      if (Object.prototype.hasOwnProperty.call(o, name) && o[name] !== undefined) results.push(o[name]);
    }
    if (!results.length && !this.allowMissingKeys) throw new JsonPathError(`${name} is not found`);
    return results;
  }

  private evalArray(input: Value[], params: [Params, Params, Params]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      if (!Array.isArray(v)) throw new JsonPathError(`${TYPE_NAME[kindOf(v)]} is not array or slice`);
      const len = v.length;
      let p0 = params[0].known ? params[0].value : 0;
      if (p0 < 0) p0 += len;
      let p1 = params[1].known ? params[1].value : len;
      if (p1 < 0 || (p1 === 0 && params[1].derived)) p1 += len;
      if (p1 === p0) return result;
      if (p0 >= len || p0 < 0) throw new JsonPathError(`array index out of bounds: index ${p0}, length ${len}`);
      if (p1 > len || p1 < 0) throw new JsonPathError(`array index out of bounds: index ${p1 - 1}, length ${len}`);
      if (p0 > p1) throw new JsonPathError(`starting index ${p0} is greater than ending index ${p1}`);
      const slice = v.slice(p0, p1);
      let step = 1;
      if (params[2].known) {
        if (params[2].value <= 0) throw new JsonPathError('step must be > 0');
        step = params[2].value;
      }
      for (let i = 0; i < slice.length; i += step) result.push(slice[i]);
    }
    return result;
  }

  private evalRecursive(input: Value[]): Value[] {
    const result: Value[] = [];
    for (const v of input) {
      if (v === null || v === undefined) continue;
      const kids = children(v);
      if (kids.length) {
        result.push(v);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: Value[], node: { left: ListNode; right: ListNode; op: string }): Value[] {
    const results: Value[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new JsonPathError(`${v === null || v === undefined ? '<nil>' : textOf(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        const temp = [item];
        if (node.op === 'exists') {
          let lefts: Value[] = [];
          try {
            lefts = this.evalList(temp, node.left);
          } catch {
            lefts = [];
          }
          if (lefts.length) results.push(item);
          continue;
        }
        const lefts = this.evalList(temp, node.left);
        if (!lefts.length) continue;
        if (lefts.length > 1) throw new JsonPathError('can only compare one element at a time');
        const rights = this.evalList(temp, node.right);
        if (!rights.length) continue;
        if (rights.length > 1) throw new JsonPathError('can only compare one element at a time');
        const [left, right] = [lefts[0], rights[0]];
        let pass: boolean;
        switch (node.op) {
          case '<':
            pass = goLess(left, right);
            break;
          case '>':
            pass = !(goLess(left, right) || goEqual(left, right));
            break;
          case '==':
            pass = goEqual(left, right);
            break;
          case '!=':
            pass = !goEqual(left, right);
            break;
          case '<=':
            pass = goLess(left, right) || goEqual(left, right);
            break;
          case '>=':
            pass = !goLess(left, right);
            break;
          default:
            throw new JsonPathError(`unrecognized filter operator ${node.op}`);
        }
        if (pass) results.push(item);
      }
    }
    return results;
  }
}

/** kubectl's RelaxedJSONPathExpression: `name.x`, `.name.x`, `{name.x}` or `{.name.x}` → `{.name.x}`. */
export function relaxedJsonPath(expr: string): string {
  if (!expr) return expr;
  const m = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/.exec(expr);
  if (!m) throw new JsonPathError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] || m[2]}}`;
}

/** The -o jsonpath= / jsonpath-file= / jsonpath-as-json= printer. */
export class JsonPathPrinter {
  private readonly jp = new JSONPath();

  /** Throws "error parsing jsonpath …" for a bad template. */
  constructor(
    private readonly template: string,
    allowMissingKeys: boolean,
    asJson: boolean,
  ) {
    try {
      this.jp.parse(template);
    } catch (e) {
      throw new JsonPathError(`error parsing jsonpath ${template}, ${(e as Error).message}`);
    }
    this.jp.allowMissingKeys = allowMissingKeys;
    this.jp.outputJSON = asJson;
  }

  print(obj: unknown): string {
    try {
      return this.jp.execute(obj);
    } catch (e) {
      if (!(e instanceof JsonPathError)) throw e;
      const debug =
        `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${this.template}\n` +
        `\tobject given to jsonpath engine was:\n\t\t${goSharpV(obj)}\n\n`;
      throw new JsonPathError(`error executing jsonpath ${goQuote(this.template)}: ${debug}\n`);
    }
  }
}
