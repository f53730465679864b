/**
 * YAML as kubectl reads it: a TypeScript port of the scanner, parser and decoder of go-yaml v2 (the
 * copy in sigs.k8s.io/yaml that kubectl v1.32 uses), so that syntax errors carry go-yaml's words and
 * line numbers ("yaml: line 5: mapping values are not allowed in this context") and values resolve by
 * YAML 1.1 rules as there (yes/no/on/off booleans, 0644 octal, timestamps kept as strings), then
 * sigs.k8s.io/yaml's conversion to JSON values (map keys to strings).
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

export class GoYamlError extends Error {}

interface Mark {
  index: number;
  line: number;
  column: number;
}

type TokenType =
  | 'STREAM_START'
  | 'STREAM_END'
  | 'VERSION_DIRECTIVE'
  | 'TAG_DIRECTIVE'
  | 'DOCUMENT_START'
  | 'DOCUMENT_END'
  | 'BLOCK_SEQUENCE_START'
  | 'BLOCK_MAPPING_START'
  | 'BLOCK_END'
  | 'FLOW_SEQUENCE_START'
  | 'FLOW_SEQUENCE_END'
  | 'FLOW_MAPPING_START'
  | 'FLOW_MAPPING_END'
  | 'BLOCK_ENTRY'
  | 'FLOW_ENTRY'
  | 'KEY'
  | 'VALUE'
  | 'ALIAS'
  | 'ANCHOR'
  | 'TAG'
  | 'SCALAR';

type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

interface Token {
  typ: TokenType;
  start: Mark;
  end: Mark;
  value?: string;
  suffix?: string;
  prefix?: string;
  style?: ScalarStyle;
  major?: number;
  minor?: number;
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

type ErrorKind = 'reader' | 'scanner' | 'parser';

/** Thrown inside the scanner and parser; turned into go-yaml's message by fail(). */
class Stop extends Error {}

const cloneMark = (m: Mark): Mark => ({ index: m.index, line: m.line, column: m.column });

class Scanner {
  readonly buf: string[];
  pos = 0;
  mark: Mark = { index: 0, line: 0, column: 0 };
  tokens: Token[] = [];
  tokensHead = 0;
  tokensParsed = 0;
  tokenAvailable = false;
  streamStartProduced = false;
  streamEndProduced = false;
  indent = -1;
  indents: number[] = [];
  simpleKeyAllowed = false;
  simpleKeys: SimpleKey[] = [];
  simpleKeysByTok = new Map<number, number>();
  flowLevel = 0;
  error: ErrorKind | undefined;
  context = '';
  contextMark: Mark = { index: 0, line: 0, column: 0 };
  problem = '';
  problemMark: Mark = { index: 0, line: 0, column: 0 };

  constructor(input: string) {
    this.buf = [...input, '\0', '\0', '\0', '\0'];
  }

  // ---- character classes --------------------------------------------------------------------

  at(i = 0): string {
    return this.buf[this.pos + i] ?? '\0';
  }
  isZ(i = 0) {
    return this.at(i) === '\0';
  }
  isBlank(i = 0) {
    const c = this.at(i);
    return c === ' ' || c === '\t';
  }
  isBreak(i = 0) {
    const c = this.at(i);
    return c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
  }
  isBreakZ(i = 0) {
    return this.isBreak(i) || this.isZ(i);
  }
  isBlankZ(i = 0) {
    return this.isBlank(i) || this.isBreakZ(i);
  }
  isSpace(i = 0) {
    return this.at(i) === ' ';
  }
  isTab(i = 0) {
    return this.at(i) === '\t';
  }
  isAlpha(i = 0) {
    return /^[0-9A-Za-z_-]$/.test(this.at(i));
  }
  isDigit(i = 0) {
    return /^[0-9]$/.test(this.at(i));
  }
  isHex(i = 0) {
    return /^[0-9A-Fa-f]$/.test(this.at(i));
  }

  skip(): void {
    this.mark.index++;
    this.mark.column++;
    this.pos++;
  }

  skipLine(): void {
    if (this.at() === '\r' && this.at(1) === '\n') {
      this.mark.index += 2;
      this.mark.column = 0;
      this.mark.line++;
      this.pos += 2;
    } else if (this.isBreak()) {
      this.mark.index++;
      this.mark.column = 0;
      this.mark.line++;
      this.pos++;
    }
  }

  read(s: string[]): void {
    s.push(this.at());
    this.pos++;
    this.mark.index++;
    this.mark.column++;
  }

  readLine(s: string[]): void {
    const c = this.at();
    if (c === '\r' && this.at(1) === '\n') {
      s.push('\n');
      this.pos += 2;
      this.mark.index++;
    } else if (c === '\r' || c === '\n' || c === '\u0085') {
      s.push('\n');
      this.pos++;
    } else if (c === '\u2028' || c === '\u2029') {
      s.push(c);
      this.pos++;
    } else return;
    this.mark.index++;
    this.mark.column = 0;
    this.mark.line++;
  }

  // ---- errors -------------------------------------------------------------------------------

  scannerError(context: string, contextMark: Mark, problem: string): never {
    this.error = 'scanner';
    this.context = context;
    this.contextMark = cloneMark(contextMark);
    this.problem = problem;
    this.problemMark = cloneMark(this.mark);
    throw new Stop();
  }

  parserError(problem: string, problemMark: Mark, context = '', contextMark?: Mark): never {
    this.error = 'parser';
    this.context = context;
    if (contextMark) this.contextMark = cloneMark(contextMark);
    this.problem = problem;
    this.problemMark = cloneMark(problemMark);
    throw new Stop();
  }

  // ---- token queue --------------------------------------------------------------------------

  insertToken(pos: number, token: Token): void {
    if (pos < 0) this.tokens.push(token);
    else this.tokens.splice(this.tokensHead + pos, 0, token);
  }

  fetchMoreTokens(): void {
    for (;;) {
      if (this.tokensHead !== this.tokens.length) {
        const idx = this.simpleKeysByTok.get(this.tokensParsed);
        if (idx === undefined) break;
        if (!this.simpleKeyIsValid(this.simpleKeys[idx])) break;
      }
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  peekToken(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.tokensHead];
  }

  skipToken(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    this.streamEndProduced = this.tokens[this.tokensHead].typ === 'STREAM_END';
    this.tokensHead++;
  }

  fetchNextToken(): void {
    if (!this.streamStartProduced) return this.fetchStreamStart();
    this.scanToNextToken();
    this.unrollIndent(this.mark.column);
    const c = this.at();
    if (this.isZ()) return this.fetchStreamEnd();
    if (this.mark.column === 0 && c === '%') return this.fetchDirective();
    if (this.mark.column === 0 && c === '-' && this.at(1) === '-' && this.at(2) === '-' && this.isBlankZ(3)) return this.fetchDocumentIndicator('DOCUMENT_START');
    if (this.mark.column === 0 && c === '.' && this.at(1) === '.' && this.at(2) === '.' && this.isBlankZ(3)) return this.fetchDocumentIndicator('DOCUMENT_END');
    if (c === '[') return this.fetchFlowCollectionStart('FLOW_SEQUENCE_START');
    if (c === '{') return this.fetchFlowCollectionStart('FLOW_MAPPING_START');
    if (c === ']') return this.fetchFlowCollectionEnd('FLOW_SEQUENCE_END');
    if (c === '}') return this.fetchFlowCollectionEnd('FLOW_MAPPING_END');
    if (c === ',') return this.fetchFlowEntry();
    if (c === '-' && this.isBlankZ(1)) return this.fetchBlockEntry();
    if (c === '?' && (this.flowLevel > 0 || this.isBlankZ(1))) return this.fetchKey();
    if (c === ':' && (this.flowLevel > 0 || this.isBlankZ(1))) return this.fetchValue();
    if (c === '*') return this.fetchAnchor('ALIAS');
    if (c === '&') return this.fetchAnchor('ANCHOR');
    if (c === '!') return this.fetchTag();
    if (c === '|' && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === '>' && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === "'") return this.fetchFlowScalar(true);
    if (c === '"') return this.fetchFlowScalar(false);
    if (
      !(this.isBlankZ() || '-?:,[]{}#&*!|>\'"%@`'.includes(c)) ||
      (c === '-' && !this.isBlank(1)) ||
      (this.flowLevel === 0 && (c === '?' || c === ':') && !this.isBlankZ(1))
    ) {
      return this.fetchPlainScalar();
    }
    this.scannerError('while scanning for the next token', this.mark, 'found character that cannot start any token');
  }

  simpleKeyIsValid(k: SimpleKey): boolean {
    if (!k.possible) return false;
    if (k.mark.line < this.mark.line || k.mark.index + 1024 < this.mark.index) {
      if (k.required) this.scannerError('while scanning a simple key', k.mark, "could not find expected ':'");
      k.possible = false;
      return false;
    }
    return true;
  }

  saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (this.simpleKeyAllowed) {
      const k: SimpleKey = { possible: true, required, tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead), mark: cloneMark(this.mark) };
      this.removeSimpleKey();
      this.simpleKeys[this.simpleKeys.length - 1] = k;
      this.simpleKeysByTok.set(k.tokenNumber, this.simpleKeys.length - 1);
    }
  }

  removeSimpleKey(): void {
    const i = this.simpleKeys.length - 1;
    const k = this.simpleKeys[i];
    if (k.possible) {
      if (k.required) this.scannerError('while scanning a simple key', k.mark, "could not find expected ':'");
      k.possible = false;
      this.simpleKeysByTok.delete(k.tokenNumber);
    }
  }

  increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: this.tokensParsed + (this.tokens.length - this.tokensHead), mark: cloneMark(this.mark) });
    this.flowLevel++;
    if (this.flowLevel > 10000) this.scannerError('while increasing flow level', this.simpleKeys[this.simpleKeys.length - 1].mark, 'exceeded max depth of 10000');
  }

  decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      const last = this.simpleKeys.pop()!;
      this.simpleKeysByTok.delete(last.tokenNumber);
    }
  }

  rollIndent(column: number, number: number, typ: TokenType, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > 10000) this.scannerError('while increasing indent level', this.simpleKeys[this.simpleKeys.length - 1].mark, 'exceeded max depth of 10000');
      const token: Token = { typ, start: cloneMark(mark), end: cloneMark(mark) };
      if (number > -1) number -= this.tokensParsed;
      this.insertToken(number, token);
    }
  }

  unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.insertToken(-1, { typ: 'BLOCK_END', start: cloneMark(this.mark), end: cloneMark(this.mark) });
      this.indent = this.indents.pop()!;
    }
  }

  fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: cloneMark(this.mark) });
    this.simpleKeyAllowed = true;
    this.streamStartProduced = true;
    this.insertToken(-1, { typ: 'STREAM_START', start: cloneMark(this.mark), end: cloneMark(this.mark) });
  }

  fetchStreamEnd(): void {
    if (this.mark.column !== 0) {
      this.mark.column = 0;
      this.mark.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, { typ: 'STREAM_END', start: cloneMark(this.mark), end: cloneMark(this.mark) });
  }

  fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanDirective());
  }

  fetchDocumentIndicator(typ: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = cloneMark(this.mark);
    this.skip();
    this.skip();
    this.skip();
    this.insertToken(-1, { typ, start, end: cloneMark(this.mark) });
  }

  fetchFlowCollectionStart(typ: TokenType): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = cloneMark(this.mark);
    this.skip();
    this.insertToken(-1, { typ, start, end: cloneMark(this.mark) });
  }

  fetchFlowCollectionEnd(typ: TokenType): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = cloneMark(this.mark);
    this.skip();
    this.insertToken(-1, { typ, start, end: cloneMark(this.mark) });
  }

  fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = cloneMark(this.mark);
    this.skip();
    this.insertToken(-1, { typ: 'FLOW_ENTRY', start, end: cloneMark(this.mark) });
  }

  fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.scannerError('', this.mark, 'block sequence entries are not allowed in this context');
      this.rollIndent(this.mark.column, -1, 'BLOCK_SEQUENCE_START', this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = cloneMark(this.mark);
    this.skip();
    this.insertToken(-1, { typ: 'BLOCK_ENTRY', start, end: cloneMark(this.mark) });
  }

  fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.scannerError('', this.mark, 'mapping keys are not allowed in this context');
      this.rollIndent(this.mark.column, -1, 'BLOCK_MAPPING_START', this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = cloneMark(this.mark);
    this.skip();
    this.insertToken(-1, { typ: 'KEY', start, end: cloneMark(this.mark) });
  }

  fetchValue(): void {
    const k = this.simpleKeys[this.simpleKeys.length - 1];
    if (this.simpleKeyIsValid(k)) {
      this.insertToken(k.tokenNumber - this.tokensParsed, { typ: 'KEY', start: cloneMark(k.mark), end: cloneMark(k.mark) });
      this.rollIndent(k.mark.column, k.tokenNumber, 'BLOCK_MAPPING_START', k.mark);
      k.possible = false;
      this.simpleKeysByTok.delete(k.tokenNumber);
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.scannerError('', this.mark, 'mapping values are not allowed in this context');
        this.rollIndent(this.mark.column, -1, 'BLOCK_MAPPING_START', this.mark);
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = cloneMark(this.mark);
    this.skip();
    this.insertToken(-1, { typ: 'VALUE', start, end: cloneMark(this.mark) });
  }

  fetchAnchor(typ: TokenType): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanAnchor(typ));
  }

  fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanTag());
  }

  fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insertToken(-1, this.scanBlockScalar(literal));
  }

  fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanFlowScalar(single));
  }

  fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insertToken(-1, this.scanPlainScalar());
  }

  scanToNextToken(): void {
    for (;;) {
      while (this.at() === ' ' || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.at() === '\t')) this.skip();
      if (this.at() === '#') while (!this.isBreakZ()) this.skip();
      if (this.isBreak()) {
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else break;
    }
  }

  // ---- directives, anchors, tags ---------------------------------------------------------------

  scanDirective(): Token {
    const start = cloneMark(this.mark);
    this.skip();
    const name: string[] = [];
    while (this.isAlpha()) this.read(name);
    if (!name.length) this.scannerError('while scanning a directive', start, 'could not find expected directive name');
    if (!this.isBlankZ()) this.scannerError('while scanning a directive', start, 'found unexpected non-alphabetical character');
    let token: Token;
    if (name.join('') === 'YAML') {
      while (this.isBlank()) this.skip();
      const major = this.scanVersionNumber(start);
      if (this.at() !== '.') this.scannerError('while scanning a %YAML directive', start, "did not find expected digit or '.' character");
      this.skip();
      const minor = this.scanVersionNumber(start);
      token = { typ: 'VERSION_DIRECTIVE', start, end: cloneMark(this.mark), major, minor };
    } else if (name.join('') === 'TAG') {
      while (this.isBlank()) this.skip();
      const handle = this.scanTagHandle(true, start);
      if (!this.isBlank()) this.scannerError('while scanning a %TAG directive', start, 'did not find expected whitespace');
      while (this.isBlank()) this.skip();
      const prefix = this.scanTagUri(true, '', start);
      if (!this.isBlankZ()) this.scannerError('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
      token = { typ: 'TAG_DIRECTIVE', start, end: cloneMark(this.mark), value: handle, prefix };
    } else {
      this.scannerError('while scanning a directive', start, 'found unknown directive name');
    }
    while (this.isBlank()) this.skip();
    if (this.at() === '#') while (!this.isBreakZ()) this.skip();
    if (!this.isBreakZ()) this.scannerError('while scanning a directive', start, 'did not find expected comment or line break');
    if (this.isBreak()) this.skipLine();
    return token;
  }

  scanVersionNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (this.isDigit()) {
      length++;
      if (length > 2) this.scannerError('while scanning a %YAML directive', start, 'found extremely long version number');
      value = value * 10 + Number(this.at());
      this.skip();
    }
    if (length === 0) this.scannerError('while scanning a %YAML directive', start, 'did not find expected version number');
    return value;
  }

  scanAnchor(typ: TokenType): Token {
    const s: string[] = [];
    const start = cloneMark(this.mark);
    this.skip();
    while (this.isAlpha()) this.read(s);
    const end = cloneMark(this.mark);
    if (!s.length || !(this.isBlankZ() || '?:,]}%@`'.includes(this.at()))) {
      this.scannerError(typ === 'ANCHOR' ? 'while scanning an anchor' : 'while scanning an alias', start, 'did not find expected alphabetic or numeric character');
    }
    return { typ, start, end, value: s.join('') };
  }

  scanTag(): Token {
    const start = cloneMark(this.mark);
    let handle: string;
    let suffix: string;
    if (this.at(1) === '<') {
      handle = '';
      this.skip();
      this.skip();
      suffix = this.scanTagUri(false, '', start);
      if (this.at() !== '>') this.scannerError('while scanning a tag', start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle[0] === '!' && handle.length > 1 && handle.endsWith('!')) {
        suffix = this.scanTagUri(false, '', start);
      } else {
        suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (!suffix.length) [handle, suffix] = [suffix, handle];
      }
    }
    if (!this.isBlankZ()) this.scannerError('while scanning a tag', start, 'did not find expected whitespace or line break');
    return { typ: 'TAG', start, end: cloneMark(this.mark), value: handle, suffix };
  }

  tagError(directive: boolean, start: Mark, problem: string): never {
    this.scannerError(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, problem);
  }

  scanTagHandle(directive: boolean, start: Mark): string {
    if (this.at() !== '!') this.tagError(directive, start, "did not find expected '!'");
    const s: string[] = [];
    this.read(s);
    while (this.isAlpha()) this.read(s);
    if (this.at() === '!') this.read(s);
    else if (directive && s.join('') !== '!') this.tagError(directive, start, "did not find expected '!'");
    return s.join('');
  }

  scanTagUri(directive: boolean, head: string, start: Mark): string {
    const s: string[] = head.length > 1 ? [...head.slice(1)] : [];
    let hasTag = head.length > 0;
    while (this.isAlpha() || ";/?:@&=+$,.!~*'()[]%".includes(this.at())) {
      if (this.at() === '%') {
        if (!(this.isHex(1) && this.isHex(2))) this.tagError(directive, start, 'did not find URI escaped octet');
        s.push(String.fromCharCode(parseInt(this.at(1) + this.at(2), 16)));
        this.skip();
        this.skip();
        this.skip();
      } else this.read(s);
      hasTag = true;
    }
    if (!hasTag) this.tagError(directive, start, 'did not find expected tag URI');
    return s.join('');
  }

  // ---- scalars ------------------------------------------------------------------------------

  scanBlockScalar(literal: boolean): Token {
    const start = cloneMark(this.mark);
    this.skip();
    let chomping = 0;
    let increment = 0;
    if (this.at() === '+' || this.at() === '-') {
      chomping = this.at() === '+' ? 1 : -1;
      this.skip();
      if (this.isDigit()) {
        if (this.at() === '0') this.scannerError('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
        increment = Number(this.at());
        this.skip();
      }
    } else if (this.isDigit()) {
      if (this.at() === '0') this.scannerError('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
      increment = Number(this.at());
      this.skip();
      if (this.at() === '+' || this.at() === '-') {
        chomping = this.at() === '+' ? 1 : -1;
        this.skip();
      }
    }
    while (this.isBlank()) this.skip();
    if (this.at() === '#') while (!this.isBreakZ()) this.skip();
    if (!this.isBreakZ()) this.scannerError('while scanning a block scalar', start, 'did not find expected comment or line break');
    if (this.isBreak()) this.skipLine();
    const endRef = { mark: cloneMark(this.mark) };
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;
    const s: string[] = [];
    let leadingBreak: string[] = [];
    let trailingBreaks: string[] = [];
    indent = this.scanBlockScalarBreaks(indent, trailingBreaks, start, endRef);
    let leadingBlank = false;
    let trailingBlank = false;
    while (this.mark.column === indent && !this.isZ()) {
      trailingBlank = this.isBlank();
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.length > 0 && leadingBreak[0] === '\n') {
        if (trailingBreaks.length === 0) s.push(' ');
      } else s.push(...leadingBreak);
      leadingBreak = [];
      s.push(...trailingBreaks);
      trailingBreaks = [];
      leadingBlank = this.isBlank();
      while (!this.isBreakZ()) this.read(s);
      this.readLine(leadingBreak);
      indent = this.scanBlockScalarBreaks(indent, trailingBreaks, start, endRef);
    }
    if (chomping !== -1) s.push(...leadingBreak);
    if (chomping === 1) s.push(...trailingBreaks);
    return { typ: 'SCALAR', start, end: endRef.mark, value: s.join(''), style: literal ? 'literal' : 'folded' };
  }

  scanBlockScalarBreaks(indent: number, breaks: string[], start: Mark, endRef: { mark: Mark }): number {
    endRef.mark = cloneMark(this.mark);
    let maxIndent = 0;
    for (;;) {
      while ((indent === 0 || this.mark.column < indent) && this.isSpace()) this.skip();
      if (this.mark.column > maxIndent) maxIndent = this.mark.column;
      if ((indent === 0 || this.mark.column < indent) && this.isTab()) {
        this.scannerError('while scanning a block scalar', start, 'found a tab character where an indentation space is expected');
      }
      if (!this.isBreak()) break;
      this.readLine(breaks);
      endRef.mark = cloneMark(this.mark);
    }
    if (indent === 0) {
      indent = maxIndent;
      if (indent < this.indent + 1) indent = this.indent + 1;
      if (indent < 1) indent = 1;
    }
    return indent;
  }

  documentIndicatorHere(): boolean {
    return (
      this.mark.column === 0 &&
      ((this.at() === '-' && this.at(1) === '-' && this.at(2) === '-') || (this.at() === '.' && this.at(1) === '.' && this.at(2) === '.')) &&
      this.isBlankZ(3)
    );
  }

  scanFlowScalar(single: boolean): Token {
    const start = cloneMark(this.mark);
    this.skip();
    const s: string[] = [];
    let leadingBreak: string[] = [];
    let trailingBreaks: string[] = [];
    let whitespaces: string[] = [];
    for (;;) {
      if (this.documentIndicatorHere()) this.scannerError('while scanning a quoted scalar', start, 'found unexpected document indicator');
      if (this.isZ()) this.scannerError('while scanning a quoted scalar', start, 'found unexpected end of stream');
      let leadingBlanks = false;
      while (!this.isBlankZ()) {
        const c = this.at();
        if (single && c === "'" && this.at(1) === "'") {
          s.push("'");
          this.skip();
          this.skip();
        } else if (single && c === "'") break;
        else if (!single && c === '"') break;
        else if (!single && c === '\\' && this.isBreak(1)) {
          this.skip();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === '\\') {
          let codeLength = 0;
          const esc: Record<string, string> = {
            '0': '\0', a: '\x07', b: '\x08', t: '\t', '\t': '\t', n: '\n', v: '\x0B', f: '\x0C', r: '\r', e: '\x1B', ' ': ' ', '"': '"', "'": "'", '\\': '\\', N: '\u0085', _: '\u00A0', L: '\u2028', P: '\u2029',
          };
          const e = this.at(1);
          if (e in esc) s.push(esc[e]);
          else if (e === 'x') codeLength = 2;
          else if (e === 'u') codeLength = 4;
          else if (e === 'U') codeLength = 8;
          else this.scannerError('while parsing a quoted scalar', start, 'found unknown escape character');
          this.skip();
          this.skip();
          if (codeLength > 0) {
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              if (!this.isHex(k)) this.scannerError('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
              value = value * 16 + parseInt(this.at(k), 16);
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) this.scannerError('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
            s.push(String.fromCodePoint(value));
            for (let k = 0; k < codeLength; k++) this.skip();
          }
        } else this.read(s);
      }
      if (single ? this.at() === "'" : this.at() === '"') break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (!leadingBlanks) this.read(whitespaces);
          else this.skip();
        } else if (!leadingBlanks) {
          whitespaces = [];
          this.readLine(leadingBreak);
          leadingBlanks = true;
        } else this.readLine(trailingBreaks);
      }
      if (leadingBlanks) {
        if (leadingBreak.length > 0 && leadingBreak[0] === '\n') {
          if (trailingBreaks.length === 0) s.push(' ');
          else s.push(...trailingBreaks);
        } else {
          s.push(...leadingBreak, ...trailingBreaks);
        }
        trailingBreaks = [];
        leadingBreak = [];
      } else {
        s.push(...whitespaces);
        whitespaces = [];
      }
    }
    this.skip();
    return { typ: 'SCALAR', start, end: cloneMark(this.mark), value: s.join(''), style: single ? 'single' : 'double' };
  }

  scanPlainScalar(): Token {
    const s: string[] = [];
    let leadingBreak: string[] = [];
    let trailingBreaks: string[] = [];
    let whitespaces: string[] = [];
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = cloneMark(this.mark);
    let end = cloneMark(this.mark);
    for (;;) {
      if (this.documentIndicatorHere()) break;
      if (this.at() === '#') break;
      while (!this.isBlankZ()) {
        const c = this.at();
        if ((c === ':' && this.isBlankZ(1)) || (this.flowLevel > 0 && ',?[]{}'.includes(c))) break;
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak[0] === '\n') {
              if (trailingBreaks.length === 0) s.push(' ');
              else s.push(...trailingBreaks);
            } else s.push(...leadingBreak, ...trailingBreaks);
            trailingBreaks = [];
            leadingBreak = [];
            leadingBlanks = false;
          } else {
            s.push(...whitespaces);
            whitespaces = [];
          }
        }
        this.read(s);
        end = cloneMark(this.mark);
      }
      if (!(this.isBlank() || this.isBreak())) break;
      while (this.isBlank() || this.isBreak()) {
        if (this.isBlank()) {
          if (leadingBlanks && this.mark.column < indent && this.isTab()) {
            this.scannerError('while scanning a plain scalar', start, 'found a tab character that violates indentation');
          }
          if (!leadingBlanks) this.read(whitespaces);
          else this.skip();
        } else if (!leadingBlanks) {
          whitespaces = [];
          this.readLine(leadingBreak);
          leadingBlanks = true;
        } else this.readLine(trailingBreaks);
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { typ: 'SCALAR', start, end, value: s.join(''), style: 'plain' };
  }
}

// ---- parser (events) ---------------------------------------------------------------------------

type EventType = 'STREAM_START' | 'STREAM_END' | 'DOCUMENT_START' | 'DOCUMENT_END' | 'ALIAS' | 'SCALAR' | 'SEQUENCE_START' | 'SEQUENCE_END' | 'MAPPING_START' | 'MAPPING_END';

interface Event {
  typ: EventType;
  start: Mark;
  anchor?: string;
  tag?: string;
  value?: string;
  implicit?: boolean;
  quotedImplicit?: boolean;
  style?: ScalarStyle;
}

type State =
  | 'STREAM_START'
  | 'IMPLICIT_DOCUMENT_START'
  | 'DOCUMENT_START'
  | 'DOCUMENT_CONTENT'
  | 'DOCUMENT_END'
  | 'BLOCK_NODE'
  | 'BLOCK_NODE_OR_INDENTLESS_SEQUENCE'
  | 'FLOW_NODE'
  | 'BLOCK_SEQUENCE_FIRST_ENTRY'
  | 'BLOCK_SEQUENCE_ENTRY'
  | 'INDENTLESS_SEQUENCE_ENTRY'
  | 'BLOCK_MAPPING_FIRST_KEY'
  | 'BLOCK_MAPPING_KEY'
  | 'BLOCK_MAPPING_VALUE'
  | 'FLOW_SEQUENCE_FIRST_ENTRY'
  | 'FLOW_SEQUENCE_ENTRY'
  | 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY'
  | 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE'
  | 'FLOW_SEQUENCE_ENTRY_MAPPING_END'
  | 'FLOW_MAPPING_FIRST_KEY'
  | 'FLOW_MAPPING_KEY'
  | 'FLOW_MAPPING_VALUE'
  | 'FLOW_MAPPING_EMPTY_VALUE'
  | 'END';

const DEFAULT_TAG_DIRECTIVES: [string, string][] = [
  ['!', '!'],
  ['!!', 'tag:yaml.org,2002:'],
];

class Parser {
  state: State = 'STREAM_START';
  states: State[] = [];
  marks: Mark[] = [];
  tagDirectives: [string, string][] = [];

  constructor(readonly s: Scanner) {}

  parse(): Event | undefined {
    if (this.s.streamEndProduced || this.state === 'END') return undefined;
    return this.stateMachine();
  }

  private pop(): void {
    this.state = this.states.pop()!;
  }

  private stateMachine(): Event {
    switch (this.state) {
      case 'STREAM_START':
        return this.streamStart();
      case 'IMPLICIT_DOCUMENT_START':
        return this.documentStart(true);
      case 'DOCUMENT_START':
        return this.documentStart(false);
      case 'DOCUMENT_CONTENT':
        return this.documentContent();
      case 'DOCUMENT_END':
        return this.documentEnd();
      case 'BLOCK_NODE':
        return this.node(true, false);
      case 'BLOCK_NODE_OR_INDENTLESS_SEQUENCE':
        return this.node(true, true);
      case 'FLOW_NODE':
        return this.node(false, false);
      case 'BLOCK_SEQUENCE_FIRST_ENTRY':
        return this.blockSequenceEntry(true);
      case 'BLOCK_SEQUENCE_ENTRY':
        return this.blockSequenceEntry(false);
      case 'INDENTLESS_SEQUENCE_ENTRY':
        return this.indentlessSequenceEntry();
      case 'BLOCK_MAPPING_FIRST_KEY':
        return this.blockMappingKey(true);
      case 'BLOCK_MAPPING_KEY':
        return this.blockMappingKey(false);
      case 'BLOCK_MAPPING_VALUE':
        return this.blockMappingValue();
      case 'FLOW_SEQUENCE_FIRST_ENTRY':
        return this.flowSequenceEntry(true);
      case 'FLOW_SEQUENCE_ENTRY':
        return this.flowSequenceEntry(false);
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY':
        return this.flowSequenceEntryMappingKey();
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE':
        return this.flowSequenceEntryMappingValue();
      case 'FLOW_SEQUENCE_ENTRY_MAPPING_END':
        return this.flowSequenceEntryMappingEnd();
      case 'FLOW_MAPPING_FIRST_KEY':
        return this.flowMappingKey(true);
      case 'FLOW_MAPPING_KEY':
        return this.flowMappingKey(false);
      case 'FLOW_MAPPING_VALUE':
        return this.flowMappingValue(false);
      case 'FLOW_MAPPING_EMPTY_VALUE':
        return this.flowMappingValue(true);
      default:
        throw new Error('invalid parser state');
    }
  }

  private peek(): Token {
    return this.s.peekToken();
  }

  private skip(): void {
    this.s.skipToken();
  }

  private streamStart(): Event {
    const t = this.peek();
    if (t.typ !== 'STREAM_START') this.s.parserError('did not find expected <stream-start>', t.start);
    this.state = 'IMPLICIT_DOCUMENT_START';
    this.skip();
    return { typ: 'STREAM_START', start: t.start };
  }

  private documentStart(implicit: boolean): Event {
    let t = this.peek();
    if (!implicit) {
      while (t.typ === 'DOCUMENT_END') {
        this.skip();
        t = this.peek();
      }
    }
    if (implicit && t.typ !== 'VERSION_DIRECTIVE' && t.typ !== 'TAG_DIRECTIVE' && t.typ !== 'DOCUMENT_START' && t.typ !== 'STREAM_END') {
      this.processDirectives();
      this.states.push('DOCUMENT_END');
      this.state = 'BLOCK_NODE';
      return { typ: 'DOCUMENT_START', start: t.start };
    }
    if (t.typ !== 'STREAM_END') {
      const start = t.start;
      this.processDirectives();
      t = this.peek();
      if (t.typ !== 'DOCUMENT_START') this.s.parserError('did not find expected <document start>', t.start);
      this.states.push('DOCUMENT_END');
      this.state = 'DOCUMENT_CONTENT';
      this.skip();
      return { typ: 'DOCUMENT_START', start };
    }
    this.state = 'END';
    this.skip();
    return { typ: 'STREAM_END', start: t.start };
  }

  private documentContent(): Event {
    const t = this.peek();
    if (['VERSION_DIRECTIVE', 'TAG_DIRECTIVE', 'DOCUMENT_START', 'DOCUMENT_END', 'STREAM_END'].includes(t.typ)) {
      this.pop();
      return this.emptyScalar(t.start);
    }
    return this.node(true, false);
  }

  private documentEnd(): Event {
    const t = this.peek();
    if (t.typ === 'DOCUMENT_END') this.skip();
    this.tagDirectives = [];
    this.state = 'DOCUMENT_START';
    return { typ: 'DOCUMENT_END', start: t.start };
  }

  private node(block: boolean, indentlessSequence: boolean): Event {
    let t = this.peek();
    if (t.typ === 'ALIAS') {
      this.pop();
      this.skip();
      return { typ: 'ALIAS', start: t.start, anchor: t.value };
    }
    let start = t.start;
    let tagToken = false;
    let tagHandle = '';
    let tagSuffix = '';
    let anchor: string | undefined;
    let tagMark = t.start;
    if (t.typ === 'ANCHOR') {
      anchor = t.value;
      start = t.start;
      this.skip();
      t = this.peek();
      if (t.typ === 'TAG') {
        tagToken = true;
        tagHandle = t.value ?? '';
        tagSuffix = t.suffix ?? '';
        tagMark = t.start;
        this.skip();
        t = this.peek();
      }
    } else if (t.typ === 'TAG') {
      tagToken = true;
      tagHandle = t.value ?? '';
      tagSuffix = t.suffix ?? '';
      start = t.start;
      tagMark = t.start;
      this.skip();
      t = this.peek();
      if (t.typ === 'ANCHOR') {
        anchor = t.value;
        this.skip();
        t = this.peek();
      }
    }
    let tag = '';
    if (tagToken) {
      if (!tagHandle) tag = tagSuffix;
      else {
        const d = this.tagDirectives.find(([h]) => h === tagHandle);
        if (d) tag = d[1] + tagSuffix;
        if (!tag) this.s.parserError('found undefined tag handle', tagMark, 'while parsing a node', start);
      }
    }
    const implicit = tag.length === 0;
    if (indentlessSequence && t.typ === 'BLOCK_ENTRY') {
      this.state = 'INDENTLESS_SEQUENCE_ENTRY';
      return { typ: 'SEQUENCE_START', start, anchor, tag, implicit };
    }
    if (t.typ === 'SCALAR') {
      let plainImplicit = false;
      let quotedImplicit = false;
      if ((!tag && t.style === 'plain') || tag === '!') plainImplicit = true;
      else if (!tag) quotedImplicit = true;
      this.pop();
      this.skip();
      return { typ: 'SCALAR', start, anchor, tag, value: t.value, implicit: plainImplicit, quotedImplicit, style: t.style };
    }
    if (t.typ === 'FLOW_SEQUENCE_START') {
      this.state = 'FLOW_SEQUENCE_FIRST_ENTRY';
      return { typ: 'SEQUENCE_START', start, anchor, tag, implicit };
    }
    if (t.typ === 'FLOW_MAPPING_START') {
      this.state = 'FLOW_MAPPING_FIRST_KEY';
      return { typ: 'MAPPING_START', start, anchor, tag, implicit };
    }
    if (block && t.typ === 'BLOCK_SEQUENCE_START') {
      this.state = 'BLOCK_SEQUENCE_FIRST_ENTRY';
      return { typ: 'SEQUENCE_START', start, anchor, tag, implicit };
    }
    if (block && t.typ === 'BLOCK_MAPPING_START') {
      this.state = 'BLOCK_MAPPING_FIRST_KEY';
      return { typ: 'MAPPING_START', start, anchor, tag, implicit };
    }
    if (anchor || tag) {
      this.pop();
      return { typ: 'SCALAR', start, anchor, tag, implicit, quotedImplicit: false, style: 'plain', value: '' };
    }
    this.s.parserError('did not find expected node content', t.start, block ? 'while parsing a block node' : 'while parsing a flow node', start);
  }

  private blockSequenceEntry(first: boolean): Event {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let t = this.peek();
    if (t.typ === 'BLOCK_ENTRY') {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (t.typ !== 'BLOCK_ENTRY' && t.typ !== 'BLOCK_END') {
        this.states.push('BLOCK_SEQUENCE_ENTRY');
        return this.node(true, false);
      }
      this.state = 'BLOCK_SEQUENCE_ENTRY';
      return this.emptyScalar(mark);
    }
    if (t.typ === 'BLOCK_END') {
      this.pop();
      this.marks.pop();
      this.skip();
      return { typ: 'SEQUENCE_END', start: t.start };
    }
    const ctx = this.marks.pop()!;
    this.s.parserError("did not find expected '-' indicator", t.start, 'while parsing a block collection', ctx);
  }

  private indentlessSequenceEntry(): Event {
    let t = this.peek();
    if (t.typ === 'BLOCK_ENTRY') {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (t.typ !== 'BLOCK_ENTRY' && t.typ !== 'KEY' && t.typ !== 'VALUE' && t.typ !== 'BLOCK_END') {
        this.states.push('INDENTLESS_SEQUENCE_ENTRY');
        return this.node(true, false);
      }
      this.state = 'INDENTLESS_SEQUENCE_ENTRY';
      return this.emptyScalar(mark);
    }
    this.pop();
    return { typ: 'SEQUENCE_END', start: t.start };
  }

  private blockMappingKey(first: boolean): Event {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let t = this.peek();
    if (t.typ === 'KEY') {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (t.typ !== 'KEY' && t.typ !== 'VALUE' && t.typ !== 'BLOCK_END') {
        this.states.push('BLOCK_MAPPING_VALUE');
        return this.node(true, true);
      }
      this.state = 'BLOCK_MAPPING_VALUE';
      return this.emptyScalar(mark);
    }
    if (t.typ === 'BLOCK_END') {
      this.pop();
      this.marks.pop();
      this.skip();
      return { typ: 'MAPPING_END', start: t.start };
    }
    const ctx = this.marks.pop()!;
    this.s.parserError('did not find expected key', t.start, 'while parsing a block mapping', ctx);
  }

  private blockMappingValue(): Event {
    let t = this.peek();
    if (t.typ === 'VALUE') {
      const mark = t.end;
      this.skip();
      t = this.peek();
      if (t.typ !== 'KEY' && t.typ !== 'VALUE' && t.typ !== 'BLOCK_END') {
        this.states.push('BLOCK_MAPPING_KEY');
        return this.node(true, true);
      }
      this.state = 'BLOCK_MAPPING_KEY';
      return this.emptyScalar(mark);
    }
    this.state = 'BLOCK_MAPPING_KEY';
    return this.emptyScalar(t.start);
  }

  private flowSequenceEntry(first: boolean): Event {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let t = this.peek();
    if (t.typ !== 'FLOW_SEQUENCE_END') {
      if (!first) {
        if (t.typ === 'FLOW_ENTRY') {
          this.skip();
          t = this.peek();
        } else {
          const ctx = this.marks.pop()!;
          this.s.parserError("did not find expected ',' or ']'", t.start, 'while parsing a flow sequence', ctx);
        }
      }
      if (t.typ === 'KEY') {
        this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_KEY';
        this.skip();
        return { typ: 'MAPPING_START', start: t.start, implicit: true };
      } else if (t.typ !== 'FLOW_SEQUENCE_END') {
        this.states.push('FLOW_SEQUENCE_ENTRY');
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.skip();
    return { typ: 'SEQUENCE_END', start: t.start };
  }

  private flowSequenceEntryMappingKey(): Event {
    const t = this.peek();
    if (t.typ !== 'VALUE' && t.typ !== 'FLOW_ENTRY' && t.typ !== 'FLOW_SEQUENCE_END') {
      this.states.push('FLOW_SEQUENCE_ENTRY_MAPPING_VALUE');
      return this.node(false, false);
    }
    const mark = t.end;
    this.skip();
    this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_VALUE';
    return this.emptyScalar(mark);
  }

  private flowSequenceEntryMappingValue(): Event {
    let t = this.peek();
    if (t.typ === 'VALUE') {
      this.skip();
      t = this.peek();
      if (t.typ !== 'FLOW_ENTRY' && t.typ !== 'FLOW_SEQUENCE_END') {
        this.states.push('FLOW_SEQUENCE_ENTRY_MAPPING_END');
        return this.node(false, false);
      }
    }
    this.state = 'FLOW_SEQUENCE_ENTRY_MAPPING_END';
    return this.emptyScalar(t.start);
  }

  private flowSequenceEntryMappingEnd(): Event {
    const t = this.peek();
    this.state = 'FLOW_SEQUENCE_ENTRY';
    return { typ: 'MAPPING_END', start: t.start };
  }

  private flowMappingKey(first: boolean): Event {
    if (first) {
      this.marks.push(this.peek().start);
      this.skip();
    }
    let t = this.peek();
    if (t.typ !== 'FLOW_MAPPING_END') {
      if (!first) {
        if (t.typ === 'FLOW_ENTRY') {
          this.skip();
          t = this.peek();
        } else {
          const ctx = this.marks.pop()!;
          this.s.parserError("did not find expected ',' or '}'", t.start, 'while parsing a flow mapping', ctx);
        }
      }
      if (t.typ === 'KEY') {
        this.skip();
        t = this.peek();
        if (t.typ !== 'VALUE' && t.typ !== 'FLOW_ENTRY' && t.typ !== 'FLOW_MAPPING_END') {
          this.states.push('FLOW_MAPPING_VALUE');
          return this.node(false, false);
        }
        this.state = 'FLOW_MAPPING_VALUE';
        return this.emptyScalar(t.start);
      } else if (t.typ !== 'FLOW_MAPPING_END') {
        this.states.push('FLOW_MAPPING_EMPTY_VALUE');
        return this.node(false, false);
      }
    }
    this.pop();
    this.marks.pop();
    this.skip();
    return { typ: 'MAPPING_END', start: t.start };
  }

  private flowMappingValue(empty: boolean): Event {
    let t = this.peek();
    if (empty) {
      this.state = 'FLOW_MAPPING_KEY';
      return this.emptyScalar(t.start);
    }
    if (t.typ === 'VALUE') {
      this.skip();
      t = this.peek();
      if (t.typ !== 'FLOW_ENTRY' && t.typ !== 'FLOW_MAPPING_END') {
        this.states.push('FLOW_MAPPING_KEY');
        return this.node(false, false);
      }
    }
    this.state = 'FLOW_MAPPING_KEY';
    return this.emptyScalar(t.start);
  }

  private emptyScalar(mark: Mark): Event {
    return { typ: 'SCALAR', start: mark, value: '', implicit: true, style: 'plain' };
  }

  private processDirectives(): void {
    let t = this.peek();
    let version = false;
    while (t.typ === 'VERSION_DIRECTIVE' || t.typ === 'TAG_DIRECTIVE') {
      if (t.typ === 'VERSION_DIRECTIVE') {
        if (version) this.s.parserError('found duplicate %YAML directive', t.start);
        if (t.major !== 1 || t.minor !== 1) this.s.parserError('found incompatible YAML document', t.start);
        version = true;
      } else {
        if (this.tagDirectives.some(([h]) => h === t.value)) this.s.parserError('found duplicate %TAG directive', t.start);
        this.tagDirectives.push([t.value ?? '', t.prefix ?? '']);
      }
      this.skip();
      t = this.peek();
    }
    for (const d of DEFAULT_TAG_DIRECTIVES) if (!this.tagDirectives.some(([h]) => h === d[0])) this.tagDirectives.push(d);
  }
}

// ---- composer and decoder ------------------------------------------------------------------------

interface YNode {
  kind: 'scalar' | 'mapping' | 'sequence' | 'alias';
  tag: string;
  value: string;
  implicit: boolean;
  children: YNode[];
  alias?: YNode;
}

const LONG_TAG = 'tag:yaml.org,2002:';

function fail(s: Scanner): never {
  let line = 0;
  if (s.problemMark.line !== 0) {
    line = s.problemMark.line;
    if (s.error === 'scanner') line++;
  } else if (s.contextMark.line !== 0) {
    line = s.contextMark.line;
  }
  const where = line !== 0 ? `line ${line}: ` : '';
  throw new GoYamlError(`yaml: ${where}${s.problem || 'unknown problem parsing YAML content'}`);
}

class Composer {
  private event: Event | undefined;
  private anchors = new Map<string, YNode>();
  private readonly p: Parser;

  constructor(private readonly s: Scanner) {
    this.p = new Parser(s);
  }

  private next(): Event {
    if (!this.event) {
      try {
        this.event = this.p.parse();
      } catch (e) {
        if (e instanceof Stop) fail(this.s);
        throw e;
      }
      if (!this.event) throw new GoYamlError('yaml: attempted to go past the end of stream; corrupted value?');
    }
    return this.event;
  }

  private expect(typ: EventType): Event {
    const e = this.next();
    if (e.typ === 'STREAM_END' && typ !== 'STREAM_END') throw new GoYamlError('yaml: attempted to go past the end of stream; corrupted value?');
    if (e.typ !== typ) {
      this.s.problem = `expected ${typ} event but got ${e.typ}`;
      fail(this.s);
    }
    this.event = undefined;
    return e;
  }

  /** The first document's root node, or undefined for an empty stream. */
  document(): YNode | undefined {
    this.expect('STREAM_START');
    if (this.next().typ === 'STREAM_END') return undefined;
    this.expect('DOCUMENT_START');
    const n = this.node();
    this.expect('DOCUMENT_END');
    return n;
  }

  private node(): YNode {
    const e = this.next();
    switch (e.typ) {
      case 'SCALAR': {
        this.event = undefined;
        const n: YNode = { kind: 'scalar', tag: e.tag ?? '', value: e.value ?? '', implicit: !!e.implicit, children: [] };
        if (e.anchor) this.anchors.set(e.anchor, n);
        return n;
      }
      case 'ALIAS': {
        this.event = undefined;
        const target = this.anchors.get(e.anchor ?? '');
        if (!target) throw new GoYamlError(`yaml: unknown anchor '${e.anchor}' referenced`);
        return { kind: 'alias', tag: '', value: e.anchor ?? '', implicit: false, children: [], alias: target };
      }
      case 'MAPPING_START': {
        const n: YNode = { kind: 'mapping', tag: e.tag ?? '', value: '', implicit: !!e.implicit, children: [] };
        if (e.anchor) this.anchors.set(e.anchor, n);
        this.expect('MAPPING_START');
        while (this.next().typ !== 'MAPPING_END') n.children.push(this.node(), this.node());
        this.expect('MAPPING_END');
        return n;
      }
      case 'SEQUENCE_START': {
        const n: YNode = { kind: 'sequence', tag: e.tag ?? '', value: '', implicit: !!e.implicit, children: [] };
        if (e.anchor) this.anchors.set(e.anchor, n);
        this.expect('SEQUENCE_START');
        while (this.next().typ !== 'SEQUENCE_END') n.children.push(this.node());
        this.expect('SEQUENCE_END');
        return n;
      }
      default:
        throw new GoYamlError(`yaml: attempted to parse unknown event: ${e.typ}`);
    }
  }
}

const RESOLVE_MAP: Record<string, unknown> = {};
for (const [v, words] of [
  [true, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']],
  [false, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']],
  [null, ['', '~', 'null', 'Null', 'NULL']],
  [NaN, ['.nan', '.NaN', '.NAN']],
  [Infinity, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']],
  [-Infinity, ['-.inf', '-.Inf', '-.INF']],
] as [unknown, string[]][]) {
  for (const w of words) RESOLVE_MAP[w] = v;
}

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** strconv.ParseInt(s, 0, 64) for the forms go-yaml meets: decimal, 0x, 0o, 0b, leading-0 octal. */
function parseGoInt(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let v: number;
  if (/^0[xX]/.test(body)) v = parseInt(body.slice(2), 16);
  else if (/^0[oO]/.test(body)) v = parseInt(body.slice(2), 8);
  else if (/^0[bB]/.test(body)) v = parseInt(body.slice(2), 2);
  else if (body.length > 1 && body.startsWith('0')) v = parseInt(body.slice(1), 8);
  else v = Number(body);
  return m[1] === '-' ? -v : v;
}

function isTimestamp(s: string): boolean {
  return /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\.[0-9]*)?(Z|[-+][0-9]{1,2}(:[0-9]{2})?)?)?$/.test(s);
}

/** go-yaml's resolve() for an untagged (or !!-tagged) plain scalar. */
function resolveScalar(tag: string, value: string): unknown {
  if (tag === LONG_TAG + 'str' || tag === LONG_TAG + 'binary') return value;
  if (value in RESOLVE_MAP) return RESOLVE_MAP[value];
  const c = value[0];
  if (c === '.') {
    const f = Number(value);
    if (YAML_FLOAT.test(value) && !Number.isNaN(f)) return f;
    return value;
  }
  if (c !== undefined && /[0-9+-]/.test(c)) {
    if (isTimestamp(value)) return value;
    const plain = value.replace(/_/g, '');
    const i = parseGoInt(plain);
    if (i !== undefined) return i;
    if (YAML_FLOAT.test(plain)) return Number(plain);
    if (/^-0[bB][01]+$/.test(plain)) return -parseInt(plain.slice(3), 2);
  }
  return value;
}

function goFloatKey(f: number): string {
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (Number.isNaN(f)) return '.nan';
  // strconv.FormatFloat(f, 'g', -1, 32)
  const s = Math.fround(f).toPrecision(7).replace(/\.?0+(e|$)/, '$1');
  const n = Number(s);
  if (Math.abs(n) >= 1e21 || (n !== 0 && Math.abs(n) < 1e-4)) return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  return String(n);
}

class Decoder {
  private aliasDepth = new Set<YNode>();

  value(n: YNode): unknown {
    switch (n.kind) {
      case 'scalar':
        return this.scalar(n);
      case 'alias': {
        if (this.aliasDepth.has(n)) throw new GoYamlError(`yaml: anchor '${n.value}' value contains itself`);
        this.aliasDepth.add(n);
        const v = this.value(n.alias!);
        this.aliasDepth.delete(n);
        return v;
      }
      case 'sequence':
        return n.children.map((c) => this.value(c));
      case 'mapping':
        return this.mapping(n);
    }
  }

  private scalar(n: YNode): unknown {
    if (!n.tag && !n.implicit) return n.value;
    const tag = n.tag.startsWith('!!') ? LONG_TAG + n.tag.slice(2) : n.tag;
    if (tag && tag !== '!' && !tag.startsWith(LONG_TAG)) return n.value;
    if (tag === LONG_TAG + 'binary') {
      return Buffer.from(n.value, 'base64').toString('latin1');
    }
    const v = resolveScalar(tag, n.value);
    if (tag === LONG_TAG + 'str') return n.value;
    if (tag === LONG_TAG + 'int' && typeof v !== 'number') throw new GoYamlError(`yaml: cannot decode !!str \`${n.value}\` as a !!int`);
    if (tag === LONG_TAG + 'float' && typeof v === 'number') return v;
    return v;
  }

  private mapping(n: YNode): Record<string, unknown> {
    const out = new Map<string, unknown>();
    this.fill(n, out);
    return Object.fromEntries(out);
  }

  private fill(n: YNode, out: Map<string, unknown>): void {
    for (let i = 0; i < n.children.length; i += 2) {
      const kn = n.children[i];
      if (kn.kind === 'scalar' && kn.value === '<<' && (kn.implicit || kn.tag === LONG_TAG + 'merge' || kn.tag === '!!merge')) {
        this.merge(n.children[i + 1], out);
        continue;
      }
      const k = this.value(kn);
      if (k !== null && typeof k === 'object') throw new GoYamlError(`yaml: invalid map key: ${goMapKey(k)}`);
      out.set(this.keyString(k, n.children[i + 1]), this.value(n.children[i + 1]));
    }
  }

  private merge(n: YNode, out: Map<string, unknown>): void {
    const want = () => new GoYamlError('yaml: map merge requires map or sequence of maps as the value');
    const target = n.kind === 'alias' ? n.alias! : n;
    if (target.kind === 'mapping') return this.fill(target, out);
    if (n.kind === 'sequence') {
      for (let i = n.children.length - 1; i >= 0; i--) {
        const c = n.children[i].kind === 'alias' ? n.children[i].alias! : n.children[i];
        if (c.kind !== 'mapping') throw want();
        this.fill(c, out);
      }
      return;
    }
    throw want();
  }

  /** sigs.k8s.io/yaml: JSON keys are strings. */
  private keyString(k: unknown, valueNode: YNode): string {
    if (typeof k === 'string') return k;
    if (typeof k === 'boolean') return k ? 'true' : 'false';
    if (typeof k === 'number') return Number.isInteger(k) ? String(k) : goFloatKey(k);
    const v = this.value(valueNode);
    throw new GoYamlError(`unsupported map key of type: %!s(<nil>), key: <nil>, value: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  }
}

function goMapKey(k: unknown): string {
  return Array.isArray(k) ? '[]interface {}{...}' : 'map[interface {}]interface {}{...}';
}

/** Control characters go-yaml's reader refuses. */
function readerError(text: string): string | undefined {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000) continue;
    return 'yaml: control characters are not allowed';
  }
  return undefined;
}

/**
 * yaml.Unmarshal of one document as sigs.k8s.io/yaml does it (first document only, values resolved,
 * keys as strings). Throws GoYamlError with go-yaml's message ("yaml: line N: ...").
 */
export function goYamlUnmarshal(text: string): unknown {
  const re = readerError(text);
  if (re) throw new GoYamlError(re);
  // The reader drops a byte order mark before the scanner sees anything.
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const s = new Scanner(body.length ? body : '\n');
  const root = new Composer(s).document();
  if (!root) return null;
  const v = new Decoder().value(root);
  for (const bad of jsonUnsupported(v)) throw new GoYamlError(`json: unsupported value: ${bad}`);
  return v;
}

function* jsonUnsupported(v: unknown): Generator<string> {
  if (typeof v === 'number' && !Number.isFinite(v)) yield Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  else if (Array.isArray(v)) for (const x of v) yield* jsonUnsupported(x);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) yield* jsonUnsupported(x);
}
