/**
 * `-o go-template=` / `go-template-file=` / `template=` / `templatefile=`: Go's text/template, as
 * kubectl runs it on the object decoded by encoding/json (so every number is a float64). Supported:
 * text and actions with trim markers and comments, fields and chains, variables ($, :=, =),
 * pipelines, parentheses, if/else if/else, range (with $i, $v and else, break, continue), with,
 * define/template/block, and the functions and, or, not, len, index, slice, print, printf, println,
 * eq, ne, lt, le, gt, ge, html, js, urlquery, plus kubectl's exists and base64decode. Errors follow
 * text/template's wording and positions.
 */
import { goFloat, goQuote, goSprint, goJsonCompact, isInt64 } from './gofmt.js';

// ---- Values ---------------------------------------------------------------------------------------

/** An integer constant (Go int), as opposed to the object's numbers (int64 or float64). */
class GoInt {
  constructor(readonly v: number) {}
}

/** A floating-point constant (3.0 stays a float64, as Go keeps it). */
class GoF64 {
  constructor(readonly v: number) {}
}

/** A template value: undefined is Go's invalid reflect.Value ("<no value>"), null a nil interface. */
type V = unknown;

function typeOf(v: V): string {
  if (v === null) return '<nil>';
  if (v instanceof GoInt) return 'int';
  if (v instanceof GoF64) return 'float64';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return isInt64(v) ? 'int64' : 'float64';
    case 'boolean':
      return 'bool';
  }
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

/** fmt.Sprint of one value. */
function sprint1(v: V): string {
  if (v instanceof GoInt) return String(v.v);
  if (v instanceof GoF64) return goFloat(v.v);
  return goSprint(v);
}

class TemplateError extends Error {}

/** An execution error, reported with the position and text of the node where it happened. */
class ExecError extends Error {
  constructor(
    readonly pos: number,
    readonly ctx: string,
    msg: string,
  ) {
    super(msg);
  }
}

const at = (a: Arg | Cmd, msg: string): ExecError => new ExecError(a.pos, 'args' in a ? cmdString(a) : argString(a), msg);

// ---- Lexer ----------------------------------------------------------------------------------------

type ItemType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'field'
  | 'variable'
  | 'identifier'
  | 'keyword'
  | 'string'
  | 'rawString'
  | 'char'
  | 'charConstant'
  | 'number'
  | 'bool'
  | 'nil'
  | 'dot'
  | 'pipe'
  | 'declare'
  | 'assign'
  | 'leftParen'
  | 'rightParen'
  | 'eof'
  | 'error';

interface Item {
  t: ItemType;
  val: string;
  pos: number;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);
const isSpaceCh = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string) => c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);

function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let parenDepth = 0;
  const emit = (t: ItemType, val = input.slice(start, pos)) => {
    items.push({ t, val, pos: start });
    start = pos;
  };
  const fail = (msg: string): Item[] => {
    items.push({ t: 'error', val: msg, pos: start });
    return items;
  };
  for (;;) {
    // Text up to the next "{{".
    const at = input.indexOf('{{', pos);
    if (at < 0) {
      pos = input.length;
      if (pos > start) emit('text');
      items.push({ t: 'eof', val: '', pos });
      return items;
    }
    pos = at;
    const trimLeft = input[at + 2] === '-' && isSpaceCh(input[at + 3] ?? '');
    if (pos > start) {
      let text = input.slice(start, pos);
      if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
      if (text) items.push({ t: 'text', val: text, pos: start });
    }
    start = pos;
    pos += 2;
    if (trimLeft) pos += 2;
    // Comment?
    if (input.startsWith('/*', pos)) {
      const endC = input.indexOf('*/', pos + 2);
      if (endC < 0) return fail('unclosed comment');
      pos = endC + 2;
      let trimRight = false;
      if (input.startsWith(' -}}', pos) || input.startsWith('\t-}}', pos) || input.startsWith('\n-}}', pos) || input.startsWith('\r-}}', pos)) {
        trimRight = true;
        pos += 4;
      } else if (input.startsWith('}}', pos)) pos += 2;
      else return fail('comment ends before closing delimiter');
      if (trimRight) while (pos < input.length && isSpaceCh(input[pos])) pos++;
      start = pos;
      continue;
    }
    items.push({ t: 'leftDelim', val: '{{', pos: start });
    start = pos;
    // Inside the action.
    for (;;) {
      const rest = input.slice(pos);
      if (isSpaceCh(rest[0] ?? '') && rest.length > 3 && rest[1] === '-' && rest.startsWith('}}', 2)) {
        // " -}}": right trim marker
        pos += 1;
        start = pos;
        pos += 3;
        items.push({ t: 'rightDelim', val: '}}', pos: start });
        while (pos < input.length && isSpaceCh(input[pos])) pos++;
        start = pos;
        if (parenDepth) return fail('unclosed left paren');
        break;
      }
      if (rest.startsWith('}}')) {
        if (parenDepth) return fail('unclosed left paren');
        pos += 2;
        emit('rightDelim');
        break;
      }
      const c = input[pos];
      if (c === undefined) return fail('unclosed action');
      if (isSpaceCh(c)) {
        while (pos < input.length && isSpaceCh(input[pos]) && !(input[pos + 1] === '-' && input.startsWith('}}', pos + 2))) pos++;
        if (pos < input.length && isSpaceCh(input[pos]) && input[pos + 1] === '-' && input.startsWith('}}', pos + 2)) {
          if (pos > start) emit('space');
          continue;
        }
        emit('space');
        continue;
      }
      pos++;
      if (c === '=') emit('assign');
      else if (c === ':') {
        if (input[pos] !== '=') return fail('expected :=');
        pos++;
        emit('declare');
      } else if (c === '|') emit('pipe');
      else if (c === '"') {
        for (;;) {
          const d = input[pos++];
          if (d === '\\') {
            if (input[pos] === undefined || input[pos] === '\n') return fail('unterminated quoted string');
            pos++;
          } else if (d === undefined || d === '\n') return fail('unterminated quoted string');
          else if (d === '"') break;
        }
        emit('string');
      } else if (c === '`') {
        const e = input.indexOf('`', pos);
        if (e < 0) return fail('unterminated raw quoted string');
        pos = e + 1;
        emit('rawString');
      } else if (c === "'") {
        for (;;) {
          const d = input[pos++];
          if (d === '\\') {
            if (input[pos] === undefined || input[pos] === '\n') return fail('unterminated character constant');
            pos++;
          } else if (d === undefined || d === '\n') return fail('unterminated character constant');
          else if (d === "'") break;
        }
        emit('charConstant');
      } else if (c === '$') {
        while (pos < input.length && isAlnum(input[pos])) pos++;
        emit('variable');
      } else if (c === '.') {
        if (/[0-9]/.test(input[pos] ?? '')) {
          pos--;
          if (!scanNumber()) return fail(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
          emit('number');
        } else if (isAlnum(input[pos] ?? '')) {
          while (pos < input.length && isAlnum(input[pos])) pos++;
          emit('field');
        } else emit('dot');
      } else if (c === '+' || c === '-' || /[0-9]/.test(c)) {
        pos--;
        if (!scanNumber()) return fail(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
        emit('number');
      } else if (isAlnum(c)) {
        while (pos < input.length && isAlnum(input[pos])) pos++;
        const word = input.slice(start, pos);
        if (KEYWORDS.has(word)) emit('keyword');
        else if (word === 'true' || word === 'false') emit('bool');
        else if (word === 'nil') emit('nil');
        else emit('identifier');
      } else if (c === '(') {
        parenDepth++;
        emit('leftParen');
      } else if (c === ')') {
        parenDepth--;
        if (parenDepth < 0) return fail(`unexpected right paren`);
        emit('rightParen');
      } else if (c.charCodeAt(0) < 0x80 && c >= ' ') emit('char');
      else return fail(`unrecognized character in action: ${sharpU(c.codePointAt(0)!)}`);
    }
  }

  function scanNumber(): boolean {
    if (input[pos] === '+' || input[pos] === '-') pos++;
    let digits = '0123456789_';
    if (input[pos] === '0' && /[xXoObB]/.test(input[pos + 1] ?? '')) {
      const b = input[pos + 1].toLowerCase();
      pos += 2;
      digits = b === 'x' ? '0123456789abcdefABCDEF_' : b === 'o' ? '01234567_' : '01_';
    }
    while (pos < input.length && digits.includes(input[pos])) pos++;
    if (input[pos] === '.') {
      pos++;
      while (pos < input.length && digits.includes(input[pos])) pos++;
    }
    if (digits.length === 11 && /[eE]/.test(input[pos] ?? '')) {
      pos++;
      if (input[pos] === '+' || input[pos] === '-') pos++;
      while (pos < input.length && /[0-9_]/.test(input[pos])) pos++;
    }
    if (input[pos] === 'i') pos++;
    if (pos < input.length && isAlnum(input[pos])) {
      pos++;
      return false;
    }
    return true;
  }
}

function sharpU(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  return `U+${hex} '${String.fromCodePoint(r)}'`;
}

// ---- Parse tree -----------------------------------------------------------------------------------

type Node =
  | { t: 'list'; pos: number; nodes: Node[] }
  | { t: 'text'; pos: number; text: string }
  | { t: 'action'; pos: number; pipe: Pipe }
  | { t: 'if' | 'with'; pos: number; pipe: Pipe; list: Node & { t: 'list' }; else?: Node & { t: 'list' } }
  | { t: 'range'; pos: number; pipe: Pipe; list: Node & { t: 'list' }; else?: Node & { t: 'list' } }
  | { t: 'template'; pos: number; name: string; quoted: string; pipe?: Pipe }
  | { t: 'break' | 'continue'; pos: number };

interface Pipe {
  pos: number;
  isAssign: boolean;
  decl: string[];
  cmds: Cmd[];
}

interface Cmd {
  pos: number;
  args: Arg[];
}

type Arg =
  | { t: 'field'; pos: number; ident: string[] }
  | { t: 'variable'; pos: number; ident: string[] }
  | { t: 'chain'; pos: number; node: Arg; field: string[] }
  | { t: 'identifier'; pos: number; name: string }
  | { t: 'dot'; pos: number }
  | { t: 'nil'; pos: number }
  | { t: 'bool'; pos: number; v: boolean }
  | { t: 'number'; pos: number; text: string; v: V }
  | { t: 'string'; pos: number; quoted: string; v: string }
  | { t: 'pipe'; pos: number; pipe: Pipe };

const FUNCS = new Set(['and', 'or', 'not', 'len', 'index', 'slice', 'print', 'printf', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'html', 'js', 'urlquery', 'call', 'exists', 'base64decode']);

function argString(a: Arg): string {
  switch (a.t) {
    case 'field':
      return '.' + a.ident.join('.');
    case 'variable':
      return a.ident.join('.');
    case 'chain':
      return (a.node.t === 'pipe' ? `(${pipeString(a.node.pipe)})` : argString(a.node)) + '.' + a.field.join('.');
    case 'identifier':
      return a.name;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(a.v);
    case 'number':
      return a.text;
    case 'string':
      return a.quoted;
    case 'pipe':
      return `(${pipeString(a.pipe)})`;
  }
}

function cmdString(c: Cmd): string {
  return c.args.map((a) => argString(a)).join(' ');
}

function pipeString(p: Pipe): string {
  const d = p.decl.length ? `${p.decl.join(', ')} ${p.isAssign ? '=' : ':='} ` : '';
  return d + p.cmds.map(cmdString).join(' | ');
}

class ParseError extends Error {}

class TemplateParser {
  private items: Item[] = [];
  private i = 0;
  private vars: string[][] = [['$']];
  private rangeDepth = 0;
  readonly defines = new Map<string, Node & { t: 'list' }>();

  constructor(
    private readonly name: string,
    private readonly text: string,
  ) {}

  private lineOf(pos: number): number {
    return 1 + (this.text.slice(0, pos).match(/\n/g)?.length ?? 0);
  }

  private errorf(msg: string, pos = this.items[Math.max(0, this.i - 1)]?.pos ?? 0): never {
    throw new ParseError(`template: ${this.name}:${this.lineOf(pos)}: ${msg}`);
  }

  private next(): Item {
    return this.items[this.i++] ?? { t: 'eof', val: '', pos: this.text.length };
  }

  private peek(): Item {
    return this.items[this.i] ?? { t: 'eof', val: '', pos: this.text.length };
  }

  private nextNonSpace(): Item {
    let it = this.next();
    while (it.t === 'space') it = this.next();
    return it;
  }

  private peekNonSpace(): Item {
    const save = this.i;
    const it = this.nextNonSpace();
    this.i = save;
    return it;
  }

  parse(): Node & { t: 'list' } {
    this.items = lex(this.text);
    const err = this.items.find((x) => x.t === 'error');
    if (err) {
      // Report the lexer's error where it stopped.
      const idx = this.items.indexOf(err);
      this.items = this.items.slice(0, idx + 1);
    }
    const root: Node & { t: 'list' } = { t: 'list', pos: 0, nodes: [] };
    for (;;) {
      const it = this.peek();
      if (it.t === 'eof') break;
      if (it.t === 'leftDelim') {
        const save = this.i;
        this.next();
        const kw = this.nextNonSpace();
        if (kw.t === 'keyword' && kw.val === 'define') {
          this.parseDefine();
          continue;
        }
        this.i = save;
      }
      const n = this.textOrAction();
      if (n.t === 'end' || n.t === 'else') this.errorf(`unexpected ${n.t === 'end' ? '{{end}}' : '{{else}}'}`, n.pos);
      root.nodes.push(n as Node);
    }
    return root;
  }

  private parseDefine(): void {
    const nameTok = this.nextNonSpace();
    if (nameTok.t !== 'string' && nameTok.t !== 'rawString') this.errorf(`unexpected ${describe(nameTok)} in define clause`, nameTok.pos);
    const name = unquote(nameTok.val);
    const close = this.nextNonSpace();
    if (close.t !== 'rightDelim') this.errorf(`unexpected ${describe(close)} in define clause`, close.pos);
    const [list, end] = this.itemList();
    if (end.t !== 'end') this.errorf('unexpected {{else}}', end.pos);
    this.defines.set(name, list);
  }

  private itemList(): [Node & { t: 'list' }, { t: 'end' | 'else'; pos: number; elseIf?: boolean }] {
    const list: Node & { t: 'list' } = { t: 'list', pos: this.peek().pos, nodes: [] };
    for (;;) {
      if (this.peek().t === 'eof') this.errorf('unexpected EOF', this.peek().pos);
      const n = this.textOrAction();
      if (n.t === 'end' || n.t === 'else') return [list, n as { t: 'end' | 'else'; pos: number; elseIf?: boolean }];
      list.nodes.push(n as Node);
    }
  }

  private textOrAction(): Node | { t: 'end' | 'else'; pos: number; elseIf?: boolean } {
    const it = this.next();
    if (it.t === 'text') return { t: 'text', pos: it.pos, text: it.val };
    if (it.t === 'leftDelim') return this.action();
    if (it.t === 'error') this.errorf(it.val, it.pos);
    return this.errorf(`unexpected ${describe(it)} in input`, it.pos);
  }

  private action(): Node | { t: 'end' | 'else'; pos: number; elseIf?: boolean } {
    const it = this.nextNonSpace();
    if (it.t === 'error') this.errorf(it.val, it.pos);
    if (it.t === 'keyword') {
      switch (it.val) {
        case 'end':
          this.expectClose('end');
          return { t: 'end', pos: it.pos };
        case 'else': {
          const p = this.peekNonSpace();
          if (p.t === 'keyword' && (p.val === 'if' || p.val === 'with')) return { t: 'else', pos: it.pos, elseIf: true };
          this.expectClose('else');
          return { t: 'else', pos: it.pos };
        }
        case 'if':
        case 'with':
        case 'range':
          return this.control(it.val as 'if' | 'with' | 'range', it.pos);
        case 'break':
        case 'continue':
          if (!this.rangeDepth) this.errorf(`{{${it.val}}} outside {{range}}`, it.pos);
          this.expectClose(it.val);
          return { t: it.val as 'break' | 'continue', pos: it.pos };
        case 'template':
        case 'block': {
          const nameTok = this.nextNonSpace();
          if (nameTok.t !== 'string' && nameTok.t !== 'rawString') this.errorf(`unexpected ${describe(nameTok)} in ${it.val} clause`, nameTok.pos);
          const name = unquote(nameTok.val);
          let pipe: Pipe | undefined;
          if (this.peekNonSpace().t !== 'rightDelim') pipe = this.pipeline(it.val, 'rightDelim');
          else this.nextNonSpace();
          if (it.val === 'block') {
            const [list, end] = this.itemList();
            if (end.t !== 'end') this.errorf('unexpected {{else}}', end.pos);
            if (!this.defines.has(name)) this.defines.set(name, list);
          }
          return { t: 'template', pos: nameTok.pos, name, quoted: nameTok.val, pipe };
        }
        case 'define':
          this.errorf('unexpected <define> in command', it.pos);
      }
    }
    this.i--;
    const pos = this.peek().pos;
    return { t: 'action', pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  private expectClose(ctx: string): void {
    const t = this.nextNonSpace();
    if (t.t !== 'rightDelim') this.errorf(`unexpected ${describe(t)} in ${ctx}`, t.pos);
  }

  private control(kind: 'if' | 'with' | 'range', pos: number): Node {
    this.vars.push([...this.vars[this.vars.length - 1]]);
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.rangeDepth++;
    let [list, next] = this.itemList();
    if (kind === 'range') this.rangeDepth--;
    let elseList: (Node & { t: 'list' }) | undefined;
    if (next.t === 'else') {
      if (next.elseIf) {
        // {{else if …}} is {{else}}{{if …}}…{{end}}{{end}}
        const kw = this.nextNonSpace();
        const inner = this.control(kw.val as 'if' | 'with', kw.pos);
        elseList = { t: 'list', pos: inner.pos, nodes: [inner] };
        this.vars.pop();
        return { t: kind, pos, pipe, list, else: elseList } as Node;
      }
      [elseList, next] = this.itemList();
      if (next.t !== 'end') this.errorf('expected end; found {{else}}', next.pos);
    }
    this.vars.pop();
    void list;
    return { t: kind, pos, pipe, list, else: elseList } as Node;
  }

  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): Pipe {
    const pipe: Pipe = { pos: this.peek().pos, isAssign: false, decl: [], cmds: [] };
    // Declarations: $x := / $x = / $i, $e :=
    const save = this.i;
    const v = this.nextNonSpace();
    if (v.t === 'variable') {
      const nxt = this.nextNonSpace();
      if (nxt.t === 'declare' || nxt.t === 'assign') {
        pipe.isAssign = nxt.t === 'assign';
        pipe.decl.push(v.val);
        if (nxt.t === 'declare') this.vars[this.vars.length - 1].push(v.val);
        else if (!this.hasVar(v.val)) this.errorf(`undefined variable "${v.val}"`, v.pos);
      } else if (nxt.t === 'char' && nxt.val === ',' && context === 'range') {
        const v2 = this.nextNonSpace();
        const d = this.nextNonSpace();
        if (v2.t !== 'variable' || (d.t !== 'declare' && d.t !== 'assign')) this.errorf(`range can only initialize variables`, v2.pos);
        pipe.isAssign = d.t === 'assign';
        pipe.decl.push(v.val, v2.val);
        if (d.t === 'declare') this.vars[this.vars.length - 1].push(v.val, v2.val);
      } else this.i = save;
    } else this.i = save;
    for (;;) {
      const t = this.nextNonSpace();
      if (t.t === end) {
        if (!pipe.cmds.length) this.errorf(`missing value for ${context}`, t.pos);
        return pipe;
      }
      if (t.t === 'error') this.errorf(t.val, t.pos);
      if (t.t === 'eof') this.errorf(`unclosed action`, t.pos);
      this.i--;
      pipe.cmds.push(this.command(end));
      const after = this.peekNonSpace();
      if (after.t === 'pipe') this.nextNonSpace();
    }
  }

  private hasVar(name: string): boolean {
    return this.vars[this.vars.length - 1].includes(name);
  }

  private command(end: 'rightDelim' | 'rightParen'): Cmd {
    const cmd: Cmd = { pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const op = this.operand();
      if (op) cmd.args.push(op);
      const t = this.peek();
      if (t.t === 'space') {
        this.next();
        continue;
      }
      if (t.t === end || t.t === 'pipe') break;
      if (t.t === 'error') this.errorf(t.val, t.pos);
      if (t.t === 'eof') this.errorf('unclosed action', t.pos);
      if (!op) this.errorf(`unexpected ${describe(t)} in operand`, t.pos);
      this.errorf(`unexpected ${describe(t)} in operand`, t.pos);
    }
    if (!cmd.args.length) this.errorf('empty command', cmd.pos);
    return cmd;
  }

  private operand(): Arg | undefined {
    const term = this.term();
    if (!term) return undefined;
    if (this.peek().t !== 'field') return term;
    const fields: string[] = [];
    const chainPos = this.peek().pos;
    while (this.peek().t === 'field') fields.push(this.next().val.slice(1));
    if (term.t === 'field') return { t: 'field', pos: chainPos, ident: [...term.ident, ...fields] };
    if (term.t === 'variable') return { t: 'variable', pos: chainPos, ident: [...term.ident, ...fields] };
    if (term.t === 'bool' || term.t === 'string' || term.t === 'number' || term.t === 'nil' || term.t === 'dot')
      this.errorf(`unexpected . after term ${goQuote(argString(term))}`, term.pos);
    return { t: 'chain', pos: term.pos, node: term, field: fields };
  }

  private term(): Arg | undefined {
    const t = this.nextNonSpace();
    switch (t.t) {
      case 'error':
        return this.errorf(t.val, t.pos);
      case 'identifier':
        if (!FUNCS.has(t.val)) this.errorf(`function ${goQuote(t.val)} not defined`, t.pos);
        return { t: 'identifier', pos: t.pos, name: t.val };
      case 'dot':
        return { t: 'dot', pos: t.pos };
      case 'nil':
        return { t: 'nil', pos: t.pos };
      case 'variable':
        if (!this.hasVar(t.val)) this.errorf(`undefined variable ${goQuote(t.val)}`, t.pos);
        return { t: 'variable', pos: t.pos, ident: [t.val] };
      case 'field':
        return { t: 'field', pos: t.pos, ident: [t.val.slice(1)] };
      case 'bool':
        return { t: 'bool', pos: t.pos, v: t.val === 'true' };
      case 'charConstant':
      case 'number':
        return { t: 'number', pos: t.pos, text: t.val, v: numberValue(t.val, t.t === 'charConstant', (m) => this.errorf(m, t.pos)) };
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        return { t: 'pipe', pos: t.pos, pipe };
      }
      case 'string':
      case 'rawString':
        return { t: 'string', pos: t.pos, quoted: t.val, v: unquote(t.val, (m) => this.errorf(m, t.pos)) };
    }
    this.i--;
    return undefined;
  }
}

function describe(it: Item): string {
  switch (it.t) {
    case 'eof':
      return 'EOF';
    case 'rightDelim':
      return '"}}"';
    case 'leftDelim':
      return '"{{"';
    case 'keyword':
      return `<${it.val}>`;
    case 'space':
      return 'space';
    case 'error':
      return it.val;
    case 'text':
      return goQuote(it.val);
    default:
      return goQuote(it.val);
  }
}

function numberValue(text: string, isChar: boolean, fail: (m: string) => never): V {
  if (isChar) {
    const s = unquote(text.replace(/^'|'$/g, '"'), fail);
    return new GoInt(s.codePointAt(0) ?? 0);
  }
  const clean = text.replace(/_/g, '');
  if (/^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]*|[1-9][0-9]*)$/.test(clean)) {
    const neg = clean.startsWith('-');
    const body = clean.replace(/^[+-]/, '');
    let n: number;
    if (/^0[xX]/.test(body)) n = parseInt(body.slice(2), 16);
    else if (/^0[bB]/.test(body)) n = parseInt(body.slice(2), 2);
    else if (/^0[oO]/.test(body)) n = parseInt(body.slice(2), 8);
    else if (/^0[0-7]+$/.test(body)) n = parseInt(body.slice(1), 8);
    else n = Number(body);
    return new GoInt(neg ? -n : n);
  }
  const f = Number(clean);
  if (!Number.isFinite(f) || /i$/.test(clean)) fail(`illegal number syntax: ${goQuote(text)}`);
  return new GoF64(f);
}

function unquote(q: string, fail: (m: string) => never = (m) => { throw new ParseError(m); }): string {
  if (q.startsWith('`')) return q.slice(1, -1);
  try {
    return JSON.parse(q.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\([abfv])/g, (_, c) => ({ a: '\\u0007', b: '\\b', f: '\\f', v: '\\u000b' })[c as 'a']).replace(/\\'/g, "'"));
  } catch {
    return fail(`invalid syntax`);
  }
}

// ---- Execution -------------------------------------------------------------------------------------

class BreakSignal {}
class ContinueSignal {}

function isTrue(v: V): boolean {
  if (v === undefined || v === null) return false;
  if (v instanceof GoInt || v instanceof GoF64) return v.v !== 0;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
  }
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v as object).length > 0;
}

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'invalid';

function basicKind(v: V): BasicKind {
  if (v instanceof GoInt) return 'int';
  if (v instanceof GoF64) return 'float';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return isInt64(v) ? 'int' : 'float';
    case 'string':
      return 'string';
  }
  return 'invalid';
}

const num = (v: V) => (v instanceof GoInt || v instanceof GoF64 ? v.v : (v as number));

/** A map[string]interface{} (not a slice, scalar or constant). */
const isMap = (v: V): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof GoInt) && !(v instanceof GoF64);

function eq(a: V, ...bs: V[]): boolean {
  if (!bs.length) throw new Error('missing argument for comparison');
  const k1 = basicKind(a);
  for (const b of bs) {
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if (a !== undefined && b !== undefined) throw new Error('incompatible types for comparison');
    } else if (k1 === 'invalid') {
      if (a === undefined || b === undefined) truth = a === b;
      else if (a === null || b === null) truth = a === b;
      else throw new Error(`non-comparable type ${sprint1(a)}: ${typeOf(a)}`);
    } else if (k1 === 'int' || k1 === 'float') truth = num(a) === num(b);
    else truth = a === b;
    if (truth) return true;
  }
  return false;
}

function lt(a: V, b: V): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new Error('invalid type for comparison');
  if (k1 !== k2) throw new Error('incompatible types for comparison');
  if (k1 === 'bool') throw new Error('invalid type for comparison');
  if (k1 === 'string') return (a as string) < (b as string);
  return num(a) < num(b);
}

function lengthOf(v: V): number {
  if (v === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  if (v === null) throw new Error('len of nil pointer');
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (Array.isArray(v)) return v.length;
  if (isMap(v)) return Object.keys(v).length;
  throw new Error(`len of type ${typeOf(v)}`);
}

function indexOf(item: V, ...idx: V[]): V {
  let v = item;
  if (v === undefined || v === null) throw new Error('index of untyped nil');
  for (const i of idx) {
    if (v === null) throw new Error('index of nil pointer');
    if (Array.isArray(v) || typeof v === 'string') {
      if (!(i instanceof GoInt)) throw new Error(`cannot index slice/array with type ${i === undefined ? '<nil>' : typeOf(i)}`);
      const len = typeof v === 'string' ? Buffer.byteLength(v) : v.length;
      if (i.v < 0 || i.v >= len) throw new Error(`index out of range: ${i.v}`);
      v = typeof v === 'string' ? new GoInt(Buffer.from(v)[i.v]) : v[i.v];
    } else if (isMap(v)) {
      if (typeof i !== 'string') throw new Error(`value has type ${i === undefined || i === null ? 'nil' : typeOf(i)}; should be string`);
      const o = v as Record<string, unknown>;
      v = Object.prototype.hasOwnProperty.call(o, i) ? o[i] : null;
    } else throw new Error(`can't index item of type ${typeOf(v)}`);
  }
  return v;
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
function sprint(args: V[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += a === undefined ? '<nil>' : sprint1(a);
  });
  return out;
}

function badVerb(verb: string, a: V): string {
  if (a === undefined || a === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeOf(a)}=${sprint1(a)})`;
}

function pad(s: string, width: number | undefined, minus: boolean, zero: boolean): string {
  if (width === undefined) return s;
  const n = Array.from(s).length;
  if (n >= width) return s;
  if (minus) return s + ' '.repeat(width - n);
  if (zero) {
    const sign = /^[+-]/.test(s) ? s[0] : '';
    return sign + '0'.repeat(width - n) + s.slice(sign.length);
  }
  return ' '.repeat(width - n) + s;
}

/** fmt.Sprintf for the verbs templates use. */
export function sprintf(format: string, args: V[]): string {
  let out = '';
  let argi = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    let j = i + 1;
    let minus = false;
    let plus = false;
    let zero = false;
    let sharp = false;
    let space = false;
    for (; j < format.length && '-+0# '.includes(format[j]); j++) {
      if (format[j] === '-') minus = true;
      else if (format[j] === '+') plus = true;
      else if (format[j] === '0') zero = true;
      else if (format[j] === '#') sharp = true;
      else space = true;
    }
    let width: number | undefined;
    let prec: number | undefined;
    const wm = /^\d+/.exec(format.slice(j));
    if (wm) {
      width = Number(wm[0]);
      j += wm[0].length;
    }
    if (format[j] === '.') {
      j++;
      const pm = /^\d*/.exec(format.slice(j))!;
      prec = pm[0] ? Number(pm[0]) : 0;
      j += pm[0].length;
    }
    const verb = format[j];
    i = j;
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argi >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const a = args[argi++];
    let s: string;
    const isNum = typeof a === 'number' || a instanceof GoInt || a instanceof GoF64;
    switch (verb) {
      case 'v':
        s = a === undefined ? '<nil>' : sharp ? goSharp(a) : sprint1(a);
        break;
      case 's':
        if (typeof a === 'string') s = prec !== undefined ? Array.from(a).slice(0, prec).join('') : a;
        else if (isMap(a) || Array.isArray(a)) s = sprintVerb(a, 's');
        else s = badVerb('s', a);
        break;
      case 'q':
        s = typeof a === 'string' ? goQuote(a) : a instanceof GoInt ? `'${String.fromCodePoint(a.v)}'` : badVerb('q', a);
        break;
      case 'd': {
        const n = intOf(a);
        if (n !== undefined) s = (plus && n >= 0 ? '+' : space && n >= 0 ? ' ' : '') + String(n);
        else s = badVerb('d', a);
        break;
      }
      case 'f':
      case 'F':
      case 'e':
      case 'g':
        if ((typeof a === 'number' && !isInt64(a)) || a instanceof GoF64) {
          const f = num(a);
          const p = prec ?? 6;
          if (verb === 'e') s = f.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
          else if (verb === 'g') s = prec === undefined ? goFloat(f) : String(Number(f.toPrecision(p)));
          else s = f.toFixed(p);
          if (plus && f >= 0) s = '+' + s;
        } else s = badVerb(verb, a);
        break;
      case 't':
        s = typeof a === 'boolean' ? String(a) : badVerb('t', a);
        break;
      case 'x':
      case 'X': {
        let h: string;
        const n = intOf(a);
        if (n !== undefined) h = (n < 0 ? '-' : '') + Math.abs(n).toString(16);
        else if (typeof a === 'string') h = Buffer.from(a).toString('hex');
        else {
          s = badVerb(verb, a);
          break;
        }
        if (sharp) h = (h.startsWith('-') ? '-0x' + h.slice(1) : '0x' + h);
        s = verb === 'X' ? h.toUpperCase() : h;
        break;
      }
      case 'c': {
        const n = intOf(a);
        s = n !== undefined ? String.fromCodePoint(n) : badVerb('c', a);
        break;
      }
      default:
        s = badVerb(verb, a);
    }
    out += pad(s, width, minus, zero && isNum && !minus);
  }
  if (argi < args.length) {
    out += '%!(EXTRA ' + args.slice(argi).map((a) => (a === undefined || a === null ? '<nil>' : `${typeOf(a)}=${sprint1(a)}`)).join(', ') + ')';
  }
  return out;
}

/** %s (or another verb) applied through a map or slice, as fmt does element by element. */
function sprintVerb(v: V, verb: string): string {
  if (Array.isArray(v)) return `[${v.map((x) => sprintVerb(x, verb)).join(' ')}]`;
  if (isMap(v)) {
    const o = v;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${sprintVerb(o[k], verb)}`)
      .join(' ')}]`;
  }
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '<nil>';
  return badVerb(verb, v);
}

/** An integer argument (an int constant or an int64 from the object). */
function intOf(a: V): number | undefined {
  if (a instanceof GoInt) return a.v;
  if (typeof a === 'number' && isInt64(a)) return a;
  return undefined;
}

function goSharp(v: V): string {
  if (v instanceof GoInt) return String(v.v);
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'string') return goQuote(v);
  if (v === null) return '<nil>';
  return sprint1(v);
}

/** The escapers' evalArgs: one string as is, else fmt.Sprint with missing values as "<no value>". */
function escaperArgs(args: V[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === undefined || a === null ? '<no value>' : a)));
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '"') out += '\\"';
    else if (ch === '<') out += '\\u003C';
    else if (ch === '>') out += '\\u003E';
    else if (ch === '&') out += '\\u0026';
    else if (ch === '=') out += '\\u003D';
    else if (c < 0x20) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

function urlQueryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/%20/g, '+')
    .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

interface Frame {
  name: string;
  value: V;
}

class Exec {
  out = '';
  private vars: Frame[] = [];

  constructor(
    private readonly root: V,
    private readonly defines: Map<string, Node & { t: 'list' }>,
    private readonly missingKeyError: boolean,
  ) {
    this.vars.push({ name: '$', value: root });
  }

  walk(dot: V, node: Node): void {
    switch (node.t) {
      case 'text':
        this.out += node.text;
        return;
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'action': {
        const mark = this.vars.length;
        const v = this.evalPipeline(dot, node.pipe);
        if (!node.pipe.decl.length) this.printValue(node, v);
        void mark;
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const v = this.evalPipeline(dot, node.pipe);
        if (isTrue(v)) this.walk(node.t === 'with' ? v : dot, node.list);
        else if (node.else) this.walk(dot, node.else);
        this.vars.length = mark;
        return;
      }
      case 'range':
        return this.walkRange(dot, node);
      case 'template': {
        const t = this.defines.get(node.name);
        if (!t) throw new ExecError(node.pos, `{{template ${node.quoted}${node.pipe ? ' ' + pipeString(node.pipe) : ''}}}`, `template ${goQuote(node.name)} not defined`);
        const d = node.pipe ? this.evalPipeline(dot, node.pipe) : null;
        const saved = this.vars;
        this.vars = [{ name: '$', value: d }];
        this.walk(d, t);
        this.vars = saved;
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
    }
  }

  private walkRange(dot: V, node: Node & { t: 'range' }): void {
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, node.pipe);
    const one = (i: V, elem: V): boolean => {
      if (node.pipe.decl.length) {
        if (node.pipe.isAssign) {
          if (node.pipe.decl.length > 1) {
            this.setVar(node.pipe.decl[0], i);
            this.setVar(node.pipe.decl[1], elem);
          } else this.setVar(node.pipe.decl[0], elem);
        } else {
          if (node.pipe.decl.length > 1) {
            this.vars[mark] = { name: node.pipe.decl[0], value: i };
            this.vars[mark + 1] = { name: node.pipe.decl[1], value: elem };
          } else this.vars[mark] = { name: node.pipe.decl[0], value: elem };
        }
      }
      try {
        this.walk(elem, node.list);
      } catch (e) {
        if (e instanceof BreakSignal) return false;
        if (!(e instanceof ContinueSignal)) throw e;
      }
      return true;
    };
    let ran = false;
    if (Array.isArray(val)) {
      for (let i = 0; i < val.length; i++) {
        ran = true;
        if (!one(new GoInt(i), val[i])) break;
      }
    } else if (isMap(val)) {
      const o = val as Record<string, unknown>;
      for (const k of Object.keys(o).sort()) {
        ran = true;
        if (!one(k, o[k])) break;
      }
    } else if (val instanceof GoInt) {
      for (let i = 0; i < val.v; i++) {
        ran = true;
        if (!one(new GoInt(i), new GoInt(i))) break;
      }
    } else if (val !== undefined && val !== null) {
      throw new ExecError(node.pipe.pos, pipeString(node.pipe), `range can't iterate over ${sprint1(val)}`);
    }
    if (!ran && node.else) this.walk(dot, node.else);
    this.vars.length = mark;
  }

  private setVar(name: string, value: V): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
  }

  private varValue(name: string): V {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    return undefined;
  }

  private printValue(node: Node, v: V): void {
    void node;
    this.out += v === undefined ? '<no value>' : v === null ? '<nil>' : sprint1(v);
  }

  evalPipeline(dot: V, pipe: Pipe): V {
    let value: V = undefined;
    let final = false;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, final ? [value] : []);
      // An interface{} holding nil becomes Go's invalid value here ("<no value>").
      if (value === null) value = undefined;
      final = true;
    }
    for (const d of pipe.decl) {
      if (pipe.isAssign) this.setVar(d, value);
      else this.vars.push({ name: d, value });
    }
    return value;
  }

  private evalCommand(dot: V, cmd: Cmd, final: V[]): V {
    const first = cmd.args[0];
    switch (first.t) {
      case 'field':
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args.slice(1), final);
      case 'chain': {
        const base = this.evalArg(dot, first.node);
        return this.evalFieldChain(dot, base, first, first.field, cmd.args.slice(1), final);
      }
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args.slice(1), final);
      case 'pipe':
        this.notAFunction(cmd, final);
        return this.evalPipeline(dot, first.pipe);
      case 'variable': {
        const v = this.varValue(first.ident[0]);
        if (first.ident.length === 1) {
          this.notAFunction(cmd, final);
          return v;
        }
        return this.evalFieldChain(dot, v, first, first.ident.slice(1), cmd.args.slice(1), final);
      }
    }
    this.notAFunction(cmd, final);
    switch (first.t) {
      case 'bool':
        return first.v;
      case 'dot':
        return dot;
      case 'nil':
        throw at(first, 'nil is not a command');
      case 'number':
        return first.v;
      case 'string':
        return first.v;
    }
  }

  private notAFunction(cmd: Cmd, final: V[]): void {
    if (cmd.args.length > 1 || final.length) throw at(cmd.args[0], `can't give argument to non-function ${argString(cmd.args[0])}`);
  }

  private evalArg(dot: V, a: Arg): V {
    switch (a.t) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'field':
        return this.evalFieldChain(dot, dot, a, a.ident, [], []);
      case 'variable': {
        const v = this.varValue(a.ident[0]);
        return a.ident.length === 1 ? v : this.evalFieldChain(dot, v, a, a.ident.slice(1), [], []);
      }
      case 'pipe':
        return this.evalPipeline(dot, a.pipe);
      case 'identifier':
        return this.evalFunction(dot, a, { pos: a.pos, args: [a] }, [], []);
      case 'chain':
        return this.evalFieldChain(dot, this.evalArg(dot, a.node), a, a.field, [], []);
      case 'bool':
        return a.v;
      case 'number':
        return a.v;
      case 'string':
        return a.v;
    }
  }

  private evalFieldChain(dot: V, receiver: V, node: Arg, ident: string[], args: Arg[], final: V[]): V {
    let v = receiver;
    for (let i = 0; i < ident.length; i++) {
      const last = i === ident.length - 1;
      v = this.evalField(v, ident[i], node, last ? args : [], last ? final : [], ident.slice(0, i + 1));
    }
    void dot;
    return v;
  }

  private evalField(receiver: V, name: string, node: Arg, args: Arg[], final: V[], path: string[]): V {
    void path;
    if (receiver === undefined) {
      if (this.missingKeyError) throw at(node, `nil data; no entry for key ${goQuote(name)}`);
      return undefined;
    }
    if (receiver === null) throw at(node, `nil pointer evaluating interface {}.${name}`);
    if (isMap(receiver)) {
      if (args.length || final.length) throw at(node, `${name} is not a method but has arguments`);
      const o = receiver as Record<string, unknown>;
      if (Object.prototype.hasOwnProperty.call(o, name)) return o[name];
      if (this.missingKeyError) throw at(node, `map has no entry for key ${goQuote(name)}`);
      return undefined;
    }
    throw at(node, `can't evaluate field ${name} in type ${receiver instanceof GoInt ? 'int' : receiver instanceof GoF64 ? 'float64' : 'interface {}'}`);
  }

  /** A function argument of type string: Go's validateType. */
  private stringArg(node: Arg | Cmd, v: V): void {
    if (v === undefined) throw at(node, 'invalid value; expected string');
    if (typeof v !== 'string') throw at(node, `wrong type for value; expected string; got ${v === null ? 'interface {}' : typeOf(v)}`);
  }

  private evalFunction(dot: V, fn: Arg & { t: 'identifier' }, cmd: Cmd, argNodes: Arg[], final: V[]): V {
    const name = fn.name;
    const evalArgs = () => [...argNodes.map((a) => this.evalArg(dot, a)), ...final];
    const wrap = <T>(f: () => T): T => {
      try {
        return f();
      } catch (e) {
        if (e instanceof ExecError || e instanceof BreakSignal || e instanceof ContinueSignal) throw e;
        throw at(cmd, `error calling ${name}: ${(e as Error).message}`);
      }
    };
    const want = (n: number, args: V[]) => {
      if (args.length !== n) throw at(cmd, `wrong number of args for ${name}: want ${n} got ${args.length}`);
    };
    switch (name) {
      case 'and':
      case 'or': {
        const all = [...argNodes, ...final.map((v) => ({ t: 'const', v }) as unknown as Arg)];
        if (all.length < 1) throw at(cmd, `wrong number of args for ${name}: want at least 1 got 0`);
        let v: V = undefined;
        for (const a of all) {
          v = (a as unknown as { t: string; v: V }).t === 'const' ? (a as unknown as { v: V }).v : this.evalArg(dot, a);
          if (name === 'and' ? !isTrue(v) : isTrue(v)) return v;
        }
        return v;
      }
      case 'not': {
        const args = evalArgs();
        want(1, args);
        return !isTrue(args[0]);
      }
      case 'len': {
        const args = evalArgs();
        want(1, args);
        return wrap(() => new GoInt(lengthOf(args[0])));
      }
      case 'index': {
        const args = evalArgs();
        if (!args.length) throw at(cmd, `wrong number of args for index: want at least 1 got 0`);
        return wrap(() => indexOf(args[0], ...args.slice(1)));
      }
      case 'slice': {
        const args = evalArgs();
        return wrap(() => {
          const [item, ...idx] = args;
          if (typeof item !== 'string' && !Array.isArray(item)) throw new Error(`can't slice item of type ${typeOf(item)}`);
          const len = typeof item === 'string' ? item.length : item.length;
          const ix = idx.map((i) => {
            if (!(i instanceof GoInt)) throw new Error(`cannot index slice/array with type ${typeOf(i)}`);
            return i.v;
          });
          const from = ix[0] ?? 0;
          const to = ix[1] ?? len;
          if (from < 0 || to > len || from > to) throw new Error(`index out of range: ${from > to ? from : to}`);
          return item.slice(from, to);
        });
      }
      case 'print':
        return sprint(evalArgs());
      case 'println':
        return evalArgs()
          .map((a) => (a === undefined ? '<nil>' : sprint1(a)))
          .join(' ') + '\n';
      case 'printf': {
        const args = evalArgs();
        if (!args.length) throw at(cmd, 'wrong number of args for printf: want at least 1 got 0');
        this.stringArg(argNodes[0] ?? cmd, args[0]);
        return sprintf(args[0] as string, args.slice(1));
      }
      case 'eq': {
        const args = evalArgs();
        return wrap(() => eq(args[0], ...args.slice(1)));
      }
      case 'ne': {
        const args = evalArgs();
        want(2, args);
        return wrap(() => !eq(args[0], args[1]));
      }
      case 'lt':
      case 'le':
      case 'gt':
      case 'ge': {
        const args = evalArgs();
        want(2, args);
        return wrap(() => {
          const [a, b] = args;
          if (name === 'lt') return lt(a, b);
          if (name === 'ge') return !lt(a, b);
          const le = lt(a, b) || eq(a, b);
          return name === 'le' ? le : !le;
        });
      }
      case 'html':
        return htmlEscape(escaperArgs(evalArgs()));
      case 'js':
        return jsEscape(escaperArgs(evalArgs()));
      case 'urlquery':
        return urlQueryEscape(escaperArgs(evalArgs()));
      case 'exists': {
        const [item, ...idx] = evalArgs();
        let v = item;
        for (const i of idx) {
          if (v === null || v === undefined) return false;
          if (Array.isArray(v) || typeof v === 'string') {
            if (!(i instanceof GoInt) || i.v < 0 || i.v >= v.length) return false;
            v = typeof v === 'string' ? v[i.v] : v[i.v];
          } else if (isMap(v)) {
            if (typeof i !== 'string') return false;
            v = (v as Record<string, unknown>)[i] ?? null;
          } else return false;
        }
        return v !== null && v !== undefined;
      }
      case 'base64decode': {
        const args = evalArgs();
        want(1, args);
        const s = args[0];
        this.stringArg(argNodes[0] ?? cmd, s);
        if (typeof s !== 'string') return '';
        if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s.replace(/[\r\n]/g, '')))
          throw at(cmd, `error calling base64decode: base64 decode failed: illegal base64 data at input byte ${firstBadBase64(s)}`);
        return Buffer.from(s, 'base64').toString('latin1') === '' ? '' : Buffer.from(s, 'base64').toString('utf8');
      }
      case 'call':
        throw at(cmd, `error calling call: non-function of type ${typeOf(evalArgs()[0])}`);
    }
    void cmd;
    throw at(cmd, `function ${goQuote(name)} not defined`);
  }
}

function firstBadBase64(s: string): number {
  const clean = s;
  for (let i = 0; i < clean.length; i++) if (!/[A-Za-z0-9+/=\r\n]/.test(clean[i])) return i;
  return Math.max(0, clean.length - (clean.length % 4));
}

// ---- The printer ----------------------------------------------------------------------------------

export class GoTemplateError extends Error {
  constructor(
    message: string,
    /** Text kubectl writes to stdout before failing (partial output and the debugging block). */
    readonly stdout = '',
  ) {
    super(message);
  }
}

export class GoTemplatePrinter {
  private readonly tree: Node & { t: 'list' };
  private readonly defines: Map<string, Node & { t: 'list' }>;

  /** Throws "error parsing template …" for a bad template. */
  constructor(
    private readonly template: string,
    private readonly allowMissingKeys: boolean,
  ) {
    const p = new TemplateParser('output', template);
    try {
      this.tree = p.parse();
    } catch (e) {
      if (e instanceof ParseError || e instanceof TemplateError) throw new GoTemplateError(`error parsing template ${template}, ${e.message}`);
      throw e;
    }
    this.defines = p.defines;
  }

  private location(pos: number): string {
    const text = this.template.slice(0, pos);
    const nl = text.lastIndexOf('\n');
    const byteNum = nl < 0 ? Buffer.byteLength(text) : Buffer.byteLength(text.slice(nl + 1));
    const line = 1 + (text.match(/\n/g)?.length ?? 0);
    return `output:${line}:${byteNum}`;
  }

  /** Executes the template on the object as kubectl decodes it (json.Unmarshal: numbers are float64). */
  print(obj: unknown): string {
    const data = JSON.parse(JSON.stringify(obj ?? null));
    const ex = new Exec(data, this.defines, !this.allowMissingKeys);
    try {
      ex.walk(data, this.tree);
      return ex.out;
    } catch (e) {
      if (!(e instanceof ExecError)) throw e;
      const err = `template: ${this.location(e.pos)}: executing "output" at <${e.ctx}>: ${e.message}`;
      const raw = goJsonCompact(data);
      const debug =
        `Error executing template: ${err}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${this.template}\n` +
        `\traw data was:\n\t\t${raw}\n` +
        `\tobject given to template engine was:\n\t\t${goSprint(data)}\n\n`;
      throw new GoTemplateError(`error executing template ${goQuote(this.template)}: ${err}`, ex.out + debug);
    }
  }
}
