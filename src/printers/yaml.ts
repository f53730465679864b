/**
 * `-o yaml` exactly as kubectl prints it. kubectl marshals the object to JSON and converts that to
 * YAML with go-yaml v2 (sigs.k8s.io/yaml): map keys in go-yaml's "natural" order, block style,
 * sequences not indented under their key, empty maps and lists as `{}` and `[]`, and go-yaml's rules
 * for choosing how each string is written (plain, single-quoted, double-quoted or literal block) and
 * for folding long scalars at 80 columns. This is our own emitter, written from those rules; it
 * loads nothing else, so printing YAML costs no start-up time.
 */

import { goFloat } from './gofmt.js';

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

// ---- What a plain string would mean in YAML 1.1 (go-yaml's resolve) ------------------------------

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's strconv.ParseInt(s, base 0, 64) (signed) or ParseUint (unsigned) succeeding. */
function goParsesInt(s: string, signed: boolean, base0 = true, fixedBase = 10): boolean {
  let neg = false;
  let t = s;
  if (signed && (t[0] === '+' || t[0] === '-')) {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  let base = fixedBase;
  if (base0) {
    base = 10;
    if (t.length >= 2 && t[0] === '0') {
      const p = t[1].toLowerCase();
      if (p === 'x') (base = 16), (t = t.slice(2));
      else if (p === 'b') (base = 2), (t = t.slice(2));
      else if (p === 'o') (base = 8), (t = t.slice(2));
      else (base = 8), (t = t.slice(1));
    }
  }
  if (t === '') return false;
  const digits = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!digits.test(t)) return false;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  let v = BigInt(prefix + t);
  if (neg) v = -v;
  return signed ? v >= INT64_MIN && v <= INT64_MAX : v <= UINT64_MAX;
}

/** Go's underscoreOK for a number without base prefix handling beyond what ParseFloat needs. */
function underscoresOk(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') i = 1;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c >= '0' && c <= '9') saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

const TS_FORMATS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})T(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[+-](\d\d):(\d\d))$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2})t(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[+-](\d\d):(\d\d))$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2}) +(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?()()$/,
  /^(\d{4})-(\d{1,2})-(\d{1,2})()()()()()$/,
];

/** go-yaml's parseTimestamp: the layouts it tries with Go's time.Parse, including its range checks. */
function isTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  for (const re of TS_FORMATS) {
    const m = re.exec(s);
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month < 1 || month > 12) continue;
    if (m[4] !== '' && (Number(m[4]) >= 24 || Number(m[5]) >= 60 || Number(m[6]) >= 60)) continue;
    if (m[7] !== undefined && m[7] !== '' && (Number(m[7]) > 24 || Number(m[8]) > 60)) continue;
    if (day < 1 || day > daysIn(month, year)) continue;
    return true;
  }
  return false;
}

/** Whether a string, written plain, would be read back as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (s === '') return true;
  const c = s[0];
  const hint =
    c === '+' || c === '-' ? 'S' : c >= '0' && c <= '9' ? 'D' : 'yYnNtTfFoO~'.includes(c) ? 'M' : c === '.' ? '.' : '';
  if (!hint) return false;
  if (RESOLVE_MAP.has(s)) return true;
  if (hint === 'M') return false;
  if (hint === '.') {
    if (s.includes('_') && !underscoresOk(s)) return false;
    const p = s.replace(/_/g, '');
    return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(p) && Number.isFinite(Number(p));
  }
  if (isTimestamp(s)) return true;
  const plain = s.replace(/_/g, '');
  if (goParsesInt(plain, true) || goParsesInt(plain, false)) return true;
  if (YAML_FLOAT.test(plain) && Number.isFinite(Number(plain))) return true;
  if (plain.startsWith('0b')) {
    const rest = plain.slice(2);
    if (goParsesInt(rest, true, false, 2) || goParsesInt(rest, false, false, 2)) return true;
  } else if (plain.startsWith('-0b')) {
    if (goParsesInt('-' + plain.slice(3), true, false, 2)) return true;
  }
  return false;
}

function isBase60Float(s: string): boolean {
  const c = s[0];
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}

// ---- Numbers as Go prints them -------------------------------------------------------------------

/** strconv.FormatFloat(f, 'g', -1, 64) with go-yaml's names for the specials. */
export function goFloatG(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  return goFloat(f);
}

/** A JSON number as it comes out of kubectl's JSON → YAML round trip. */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    const s = String(n === 0 ? 0 : n);
    const b = BigInt(s);
    if ((b >= INT64_MIN && b <= INT64_MAX) || (b >= 0n && b <= UINT64_MAX)) return s;
  }
  return goFloatG(n);
}

// ---- Key order (go-yaml's keyList.Less) ---------------------------------------------------------

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

export function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = LETTER.test(ar[i]);
    const bl = LETTER.test(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ar[i] === '0' || br[i] === '0') {
      for (let j = i - 1; j >= 0 && DIGIT.test(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && DIGIT.test(ar[ai]); ai++) an = an * 10 + (ar[ai].codePointAt(0)! - 48);
    for (; bi < br.length && DIGIT.test(br[bi]); bi++) bn = bn * 10 + (br[bi].codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

const ASCII_KEY = /^[a-zA-Z]+$/;

function sortedKeys(o: Record<string, unknown>): string[] {
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (keys.every((k) => ASCII_KEY.test(k))) return keys.sort();
  return keys.sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

// ---- Scalar analysis (yaml_emitter_analyze_scalar) -----------------------------------------------

type Style = 'plain' | 'single' | 'double' | 'literal';

interface Analysis {
  multiline: boolean;
  flowPlain: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

const isBreak = (c: number) => c === 0x0d || c === 0x0a || c === 0x85 || c === 0x2028 || c === 0x2029;
const isPrintable = (c: number) =>
  c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
const isBlankz = (c: number | undefined) => c === undefined || c === 0x20 || c === 0x09 || isBreak(c) || c === 0;

function analyze(cps: number[]): Analysis {
  if (cps.length === 0) return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, block: false };
  let blockInd = false;
  let flowInd = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let prevSpace = false;
  let prevBreak = false;
  const ch = (i: number) => String.fromCodePoint(cps[i]);
  if (cps.length >= 3 && ((cps[0] === 45 && cps[1] === 45 && cps[2] === 45) || (cps[0] === 46 && cps[1] === 46 && cps[2] === 46))) {
    blockInd = true;
    flowInd = true;
  }
  let precededByWs = true;
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    const followedByWs = i + 1 >= cps.length || cps[i + 1] === 0x20 || cps[i + 1] === 0x09;
    const s = ch(i);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(s)) {
        flowInd = true;
        blockInd = true;
      } else if (s === '?' || s === ':') {
        flowInd = true;
        if (followedByWs) blockInd = true;
      } else if (s === '-' && followedByWs) {
        flowInd = true;
        blockInd = true;
      }
    } else if (',?[]{}'.includes(s)) {
      flowInd = true;
    } else if (s === ':') {
      flowInd = true;
      if (followedByWs) blockInd = true;
    } else if (s === '#' && precededByWs) {
      flowInd = true;
      blockInd = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === cps.length - 1) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      prevSpace = true;
      prevBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === cps.length - 1) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      prevSpace = false;
      prevBreak = true;
    } else {
      prevSpace = false;
      prevBreak = false;
    }
    precededByWs = isBlankz(c);
  }
  const a: Analysis = { multiline: lineBreaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.flowPlain = a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) a.flowPlain = a.blockPlain = a.singleQuoted = false;
  if (spaceBreak || special) a.flowPlain = a.blockPlain = a.singleQuoted = a.block = false;
  if (lineBreaks) a.flowPlain = a.blockPlain = false;
  if (flowInd) a.flowPlain = false;
  if (blockInd) a.blockPlain = false;
  return a;
}

// ---- The emitter ---------------------------------------------------------------------------------

interface Scalar {
  text: string;
  cps: number[];
  /** The style the encoder asks for (go-yaml's encoder: stringv, or plain for numbers/bools/null). */
  want: Style;
  a: Analysis;
}

function scalarOf(v: unknown): Scalar | undefined {
  let text: string;
  let want: Style = 'plain';
  if (v === null || v === undefined) text = 'null';
  else if (typeof v === 'boolean') text = v ? 'true' : 'false';
  else if (typeof v === 'number') text = numberText(v);
  else if (typeof v === 'bigint') text = v.toString();
  else if (typeof v === 'string') {
    text = v;
    if (RAW_SPECIAL.test(v)) text = throughJsonDecoder(v);
    const canPlain = !resolvesToNonString(text) && !isBase60Float(text);
    want = text.includes('\n') ? 'literal' : canPlain ? 'plain' : 'double';
  } else return undefined;
  const cps: number[] = [];
  for (const ch of text) cps.push(ch.codePointAt(0)!);
  return { text, cps, want, a: analyze(cps) };
}

/**
 * Characters Go's JSON encoder leaves raw and go-yaml's reader treats specially when kubectl converts
 * JSON to YAML: C1 controls, DEL and U+FFFE/U+FFFF are refused; NEL is a line break, folded as in any
 * double-quoted YAML scalar.
 */
const RAW_SPECIAL = /[\u007f-\u009f\ufffe\uffff]/;
const REFUSED = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

function throughJsonDecoder(s: string): string {
  if (REFUSED.test(s)) throw new Error('yaml: control characters are not allowed');
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] !== ' ' && s[i] !== '\u0085') {
      out += s[i++];
      continue;
    }
    let spaces = '';
    let breaks = 0;
    for (; i < s.length && (s[i] === ' ' || s[i] === '\u0085'); i++) {
      if (s[i] === '\u0085') breaks++;
      else if (breaks === 0) spaces += ' ';
    }
    out += breaks === 0 ? spaces : breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  }
  return out;
}

class Emitter {
  private out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  // The context of the node being emitted (set by emitNode).
  private mappingContext = false;
  private simpleKeyContext = false;

  text(): string {
    return this.out;
  }

  private put(s: string): void {
    this.out += s;
    this.column++;
  }

  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) {
      this.out += ' '.repeat(indent - this.column);
      this.column = indent;
    }
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(ind: string, needWs: boolean, isWs: boolean, isIndention: boolean): void {
    if (needWs && !this.whitespace) this.put(' ');
    this.out += ind;
    this.column += ind.length;
    this.whitespace = isWs;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  document(v: unknown): void {
    this.emitNode(v, false, false);
    this.writeIndent();
  }

  private emitNode(v: unknown, mapping: boolean, simpleKey: boolean, sc?: Scalar): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    const s = sc ?? scalarOf(v);
    if (s) return this.emitScalar(s);
    if (Array.isArray(v)) {
      if (v.length === 0) return this.emitEmpty('[', ']');
      return this.emitBlockSequence(v);
    }
    const o = v as Record<string, unknown>;
    const keys = sortedKeys(o);
    if (keys.length === 0) return this.emitEmpty('{', '}');
    return this.emitBlockMapping(o, keys);
  }

  private emitEmpty(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  private emitBlockSequence(items: unknown[]): void {
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(item, false, false);
    }
    this.popIndent();
  }

  private emitBlockMapping(o: Record<string, unknown>, keys: string[]): void {
    this.increaseIndent(false, false);
    for (const k of keys) {
      this.writeIndent();
      const ks = scalarOf(k)!;
      if (!ks.a.multiline && Buffer.byteLength(ks.text) <= 128) {
        this.emitNode(k, true, true, ks);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.emitNode(k, true, false, ks);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.emitNode(o[k], true, false);
    }
    this.popIndent();
  }

  private emitScalar(s: Scalar): void {
    let style = s.want;
    const a = s.a;
    if (this.simpleKeyContext && a.multiline) style = 'double';
    if (style === 'plain') {
      if (!a.blockPlain) style = 'single';
      if (s.cps.length === 0 && this.simpleKeyContext) style = 'single';
    }
    if (style === 'single' && !a.singleQuoted) style = 'double';
    if (style === 'literal' && (!a.block || this.simpleKeyContext)) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    switch (style) {
      case 'plain':
        this.writePlain(s.cps, allowBreaks);
        break;
      case 'single':
        this.writeSingle(s.cps, allowBreaks);
        break;
      case 'double':
        this.writeDouble(s.cps, allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(s.cps);
        break;
    }
    this.popIndent();
  }

  private writeChar(c: number): void {
    this.out += String.fromCodePoint(c);
    this.column++;
  }

  /** write_break: a '\n' is a line break; other break characters are copied and end the line too. */
  private writeBreak(c: number): void {
    if (c === 0x0a) this.putBreak();
    else {
      this.writeChar(c);
      this.column = 0;
    }
  }

  private writePlain(cps: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cps[i + 1] !== 0x20) this.writeIndent();
        else this.writeChar(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeChar(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1 && cps[i + 1] !== 0x20) this.writeIndent();
        else this.writeChar(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.writeChar(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    const bom = cps[0] === 0xfeff;
    let spaces = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (!isPrintable(c) || bom || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put('\\');
        const short: Record<number, string> = { 0: '0', 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 0x1b: 'e', 0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P' };
        const sh = short[c];
        if (sh !== undefined) this.put(sh);
        else {
          const [p, w] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
          this.put(p as string);
          const hex = c.toString(16).toUpperCase().padStart(w as number, '0');
          this.out += hex;
          this.column += hex.length;
        }
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          this.writeIndent();
          if (cps[i + 1] === 0x20) this.put('\\');
        } else this.writeChar(c);
        spaces = true;
      } else {
        this.writeChar(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(cps: number[]): void {
    this.writeIndicator('|', true, false, false);
    // Block scalar hints: an indentation indicator when the text starts with a space or a break,
    // then the chomping indicator.
    if (cps[0] === 0x20 || isBreak(cps[0])) this.writeIndicator(String(BEST_INDENT), false, false, false);
    const n = cps.length;
    let chomp = '';
    if (!isBreak(cps[n - 1])) chomp = '-';
    else if (n === 1 || isBreak(cps[n - 2])) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of cps) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeChar(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/** kubectl's YAML for an object (a JSON-compatible value): always ends with a newline. */
export function printYaml(obj: unknown): string {
  const e = new Emitter();
  e.document(obj);
  return e.text();
}
