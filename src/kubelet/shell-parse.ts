/**
 * A POSIX-shell subset parser for container commands: lists (; && || &), pipelines, simple commands
 * with assignments and redirections, while/until/for/if/case, { } and ( ) groups, quoting, $VAR,
 * ${VAR:-x}, $(cmd), `cmd`, $((arith)). It produces an AST that shell.ts runs in simulated time.
 */

export type Part =
  | { t: 'lit'; v: string; q: boolean }
  | { t: 'var'; name: string; op?: string; arg?: Word; q: boolean }
  | { t: 'cmd'; src: string; q: boolean }
  | { t: 'arith'; src: string; q: boolean };

export type Word = Part[];

export interface Redir {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '&>';
  target: Word;
}

export type Node =
  | { k: 'simple'; assigns: { name: string; value: Word }[]; words: Word[]; redirs: Redir[] }
  | { k: 'pipe'; cmds: Node[]; bang: boolean }
  | { k: 'andor'; first: Node; rest: { op: '&&' | '||'; node: Node }[] }
  | { k: 'list'; items: { node: Node; bg: boolean }[] }
  | { k: 'while'; until: boolean; cond: Node; body: Node; redirs: Redir[] }
  | { k: 'for'; name: string; words: Word[] | null; body: Node; redirs: Redir[] }
  | { k: 'if'; branches: { cond: Node; body: Node }[]; else?: Node; redirs: Redir[] }
  | { k: 'case'; word: Word; arms: { patterns: Word[]; body: Node }[]; redirs: Redir[] }
  | { k: 'group'; body: Node; subshell: boolean; redirs: Redir[] }
  | { k: 'func'; name: string; body: Node };

export class ShellSyntaxError extends Error {}

type Tok = { type: 'word'; word: Word; raw: string } | { type: 'op'; v: string } | { type: 'nl' } | { type: 'eof' };

const OPS = ['&&', '||', ';;', '>>', '>&', '&>', '<', '>', ';', '&', '|', '(', ')'];

/** Splits source into tokens; words keep their quoting as parts. */
export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '\n') {
      toks.push({ type: 'nl' });
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    // An fd number directly before a redirection: 2>, 2>>, 2>&1, 1>
    const fdm = /^(\d)(>>|>&|>|<)/.exec(src.slice(i, i + 4));
    if (fdm) {
      toks.push({ type: 'op', v: fdm[1] + fdm[2] });
      i += fdm[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      toks.push({ type: 'op', v: op });
      i += op.length;
      continue;
    }
    const start = i;
    const [word, end] = readWord(src, i);
    i = end;
    toks.push({ type: 'word', word, raw: src.slice(start, end) });
  }
  toks.push({ type: 'eof' });
  return toks;
}

function isWordEnd(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>';
}

/** Finds the end of a balanced $( ... ) starting after "$(". */
function matchParen(src: string, i: number): number {
  let depth = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      const j = src.indexOf("'", i + 1);
      i = j < 0 ? src.length : j + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
    i++;
  }
  throw new ShellSyntaxError("Syntax error: end of file unexpected (expecting \")\")");
}

function readDollar(src: string, i: number, q: boolean): [Part, number] {
  // src[i] === '$'
  const c = src[i + 1];
  if (c === '(' && src[i + 2] === '(') {
    const end = matchParen(src, i + 3);
    // end is the first ")" closing the inner paren; expect another ")"
    if (src[end + 1] !== ')') throw new ShellSyntaxError('Syntax error: missing ))');
    return [{ t: 'arith', src: src.slice(i + 3, end), q }, end + 2];
  }
  if (c === '(') {
    const end = matchParen(src, i + 2);
    return [{ t: 'cmd', src: src.slice(i + 2, end), q }, end + 1];
  }
  if (c === '{') {
    const end = src.indexOf('}', i + 2);
    if (end < 0) throw new ShellSyntaxError('Syntax error: Missing }');
    const body = src.slice(i + 2, end);
    const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])(:?[-=+?]|##?|%%?)?([\s\S]*)$/.exec(body);
    if (!m) throw new ShellSyntaxError(`\${${body}}: bad substitution`);
    if (m[1]) return [{ t: 'var', name: m[2], op: '#len', q }, end + 1];
    const op = m[3];
    const arg = op ? readWord(m[4], 0, true)[0] : undefined;
    return [{ t: 'var', name: m[2], op, arg, q }, end + 1];
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(src.slice(i + 1));
  if (m) return [{ t: 'var', name: m[1], q }, i + 1 + m[1].length];
  return [{ t: 'lit', v: '$', q }, i + 1];
}

/** Reads one word from i; with inVar, reads to the end (the argument of ${x:-...}). */
function readWord(src: string, i: number, inVar = false): [Word, number] {
  const parts: Part[] = [];
  let lit = '';
  let litQ = false;
  const flush = () => {
    if (lit) parts.push({ t: 'lit', v: lit, q: litQ });
    lit = '';
  };
  const pushLit = (s: string, q: boolean) => {
    if (lit && litQ !== q) flush();
    litQ = q;
    lit += s;
  };
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (!inVar && isWordEnd(c)) break;
    if (c === '\\') {
      if (i + 1 < n) pushLit(src[i + 1], true);
      i += 2;
      continue;
    }
    if (c === "'") {
      const j = src.indexOf("'", i + 1);
      if (j < 0) throw new ShellSyntaxError('Syntax error: Unterminated quoted string');
      if (j === i + 1) {
        flush();
        parts.push({ t: 'lit', v: '', q: true });
      } else pushLit(src.slice(i + 1, j), true);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      i++;
      let any = false;
      while (i < n && src[i] !== '"') {
        any = true;
        const d = src[i];
        if (d === '\\' && i + 1 < n && '$`"\\\n'.includes(src[i + 1])) {
          if (src[i + 1] !== '\n') pushLit(src[i + 1], true);
          i += 2;
          continue;
        }
        if (d === '$') {
          flush();
          const [p, j] = readDollar(src, i, true);
          parts.push(p);
          i = j;
          continue;
        }
        if (d === '`') {
          const j = src.indexOf('`', i + 1);
          if (j < 0) throw new ShellSyntaxError('Syntax error: Unterminated quoted string');
          flush();
          parts.push({ t: 'cmd', src: src.slice(i + 1, j), q: true });
          i = j + 1;
          continue;
        }
        pushLit(d, true);
        i++;
      }
      if (i >= n) throw new ShellSyntaxError('Syntax error: Unterminated quoted string');
      if (!any) {
        flush();
        parts.push({ t: 'lit', v: '', q: true });
      }
      i++;
      continue;
    }
    if (c === '$') {
      flush();
      const [p, j] = readDollar(src, i, false);
      parts.push(p);
      i = j;
      continue;
    }
    if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) throw new ShellSyntaxError('Syntax error: EOF in backquote substitution');
      flush();
      parts.push({ t: 'cmd', src: src.slice(i + 1, j), q: false });
      i = j + 1;
      continue;
    }
    pushLit(c, false);
    i++;
  }
  flush();
  return [parts, i];
}

/** The literal text of a word if it has no expansions and no quotes (reserved words, names). */
export function plain(w: Word): string | undefined {
  if (w.length !== 1 || w[0].t !== 'lit' || w[0].q) return undefined;
  return w[0].v;
}

const RESERVED = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}', 'in']);

class Parser {
  private p = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.p];
  }

  private next(): Tok {
    return this.toks[this.p++];
  }

  private isWord(v: string): boolean {
    const t = this.peek();
    return t.type === 'word' && plain(t.word) === v;
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.v === v;
  }

  private skipNl(): void {
    while (this.peek().type === 'nl') this.p++;
  }

  private expectWord(v: string): void {
    this.skipNl();
    if (!this.isWord(v)) throw new ShellSyntaxError(`Syntax error: ${this.describe()} unexpected (expecting "${v}")`);
    this.p++;
  }

  private describe(): string {
    const t = this.peek();
    if (t.type === 'eof') return 'end of file';
    if (t.type === 'nl') return 'newline';
    if (t.type === 'op') return `"${t.v}"`;
    return `"${t.raw}"`;
  }

  parseScript(): Node {
    const l = this.list(new Set());
    this.skipNl();
    if (this.peek().type !== 'eof') throw new ShellSyntaxError(`Syntax error: ${this.describe()} unexpected`);
    return l;
  }

  /** A list up to one of the terminator words. */
  private list(stop: Set<string>): Node {
    const items: { node: Node; bg: boolean }[] = [];
    for (;;) {
      this.skipNl();
      const t = this.peek();
      if (t.type === 'eof') break;
      if (t.type === 'op' && (t.v === ')' || t.v === ';;')) break;
      if (t.type === 'word') {
        const w = plain(t.word);
        if (w !== undefined && (stop.has(w) || (RESERVED.has(w) && stop.size))) break;
      }
      const node = this.andOr();
      let bg = false;
      if (this.isOp(';')) this.p++;
      else if (this.isOp('&')) {
        this.p++;
        bg = true;
      } else if (this.peek().type !== 'nl' && this.peek().type !== 'eof' && !this.isOp(')') && !this.isOp(';;')) {
        const w = this.peek().type === 'word' ? plain((this.peek() as { word: Word }).word) : undefined;
        if (!(w !== undefined && (stop.has(w) || RESERVED.has(w)))) throw new ShellSyntaxError(`Syntax error: ${this.describe()} unexpected`);
      }
      items.push({ node, bg });
    }
    return { k: 'list', items };
  }

  private andOr(): Node {
    const first = this.pipeline();
    const rest: { op: '&&' | '||'; node: Node }[] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.next() as { v: string }).v as '&&' | '||';
      this.skipNl();
      rest.push({ op, node: this.pipeline() });
    }
    return rest.length ? { k: 'andor', first, rest } : first;
  }

  private pipeline(): Node {
    let bang = false;
    if (this.isWord('!')) {
      this.p++;
      bang = true;
    }
    const cmds = [this.command()];
    while (this.isOp('|')) {
      this.p++;
      this.skipNl();
      cmds.push(this.command());
    }
    return cmds.length > 1 || bang ? { k: 'pipe', cmds, bang } : cmds[0];
  }

  private redirs(): Redir[] {
    const out: Redir[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type !== 'op') break;
      const m = /^(\d?)(>>|>&|&>|>|<)$/.exec(t.v);
      if (!m) break;
      this.p++;
      const target = this.next();
      if (target.type !== 'word') throw new ShellSyntaxError(`Syntax error: ${target.type === 'eof' ? 'end of file' : 'newline'} unexpected`);
      const op = m[2] as Redir['op'];
      const fd = m[1] ? Number(m[1]) : op === '<' ? 0 : 1;
      out.push({ fd, op, target: target.word });
    }
    return out;
  }

  private command(): Node {
    this.skipNl();
    const t = this.peek();
    if (t.type === 'op' && t.v === '(') {
      this.p++;
      const body = this.list(new Set());
      if (!this.isOp(')')) throw new ShellSyntaxError(`Syntax error: ${this.describe()} unexpected (expecting ")")`);
      this.p++;
      return { k: 'group', body, subshell: true, redirs: this.redirs() };
    }
    if (t.type === 'word') {
      const w = plain(t.word);
      if (w === '{') {
        this.p++;
        const body = this.list(new Set(['}']));
        this.expectWord('}');
        return { k: 'group', body, subshell: false, redirs: this.redirs() };
      }
      if (w === 'while' || w === 'until') {
        this.p++;
        const cond = this.list(new Set(['do']));
        this.expectWord('do');
        const body = this.list(new Set(['done']));
        this.expectWord('done');
        return { k: 'while', until: w === 'until', cond, body, redirs: this.redirs() };
      }
      if (w === 'for') {
        this.p++;
        const nameTok = this.next();
        const name = nameTok.type === 'word' ? plain(nameTok.word) : undefined;
        if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShellSyntaxError(`Syntax error: Bad for loop variable`);
        let words: Word[] | null = null;
        this.skipNl();
        if (this.isWord('in')) {
          this.p++;
          words = [];
          while (this.peek().type === 'word') words.push((this.next() as { word: Word }).word);
        }
        if (this.isOp(';')) this.p++;
        this.expectWord('do');
        const body = this.list(new Set(['done']));
        this.expectWord('done');
        return { k: 'for', name, words, body, redirs: this.redirs() };
      }
      if (w === 'if') {
        this.p++;
        const branches: { cond: Node; body: Node }[] = [];
        let cond = this.list(new Set(['then']));
        this.expectWord('then');
        let body = this.list(new Set(['elif', 'else', 'fi']));
        branches.push({ cond, body });
        let elseBody: Node | undefined;
        for (;;) {
          this.skipNl();
          if (this.isWord('elif')) {
            this.p++;
            cond = this.list(new Set(['then']));
            this.expectWord('then');
            body = this.list(new Set(['elif', 'else', 'fi']));
            branches.push({ cond, body });
            continue;
          }
          if (this.isWord('else')) {
            this.p++;
            elseBody = this.list(new Set(['fi']));
          }
          break;
        }
        this.expectWord('fi');
        return { k: 'if', branches, else: elseBody, redirs: this.redirs() };
      }
      if (w === 'case') {
        this.p++;
        const wt = this.next();
        if (wt.type !== 'word') throw new ShellSyntaxError('Syntax error: expecting word');
        this.skipNl();
        this.expectWord('in');
        const arms: { patterns: Word[]; body: Node }[] = [];
        for (;;) {
          this.skipNl();
          if (this.isWord('esac')) break;
          if (this.isOp('(')) this.p++;
          const patterns: Word[] = [];
          for (;;) {
            const pt = this.next();
            if (pt.type !== 'word') throw new ShellSyntaxError('Syntax error: expecting pattern');
            patterns.push(pt.word);
            if (this.isOp('|')) {
              this.p++;
              continue;
            }
            break;
          }
          if (!this.isOp(')')) throw new ShellSyntaxError(`Syntax error: ${this.describe()} unexpected (expecting ")")`);
          this.p++;
          const body = this.list(new Set(['esac']));
          arms.push({ patterns, body });
          if (this.isOp(';;')) this.p++;
        }
        this.expectWord('esac');
        return { k: 'case', word: wt.word, arms, redirs: this.redirs() };
      }
      // name() { ...; }
      if (w !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(w) && this.toks[this.p + 1]?.type === 'op' && (this.toks[this.p + 1] as { v: string }).v === '(' && this.toks[this.p + 2]?.type === 'op' && (this.toks[this.p + 2] as { v: string }).v === ')') {
        this.p += 3;
        const body = this.command();
        return { k: 'func', name: w, body };
      }
    }
    return this.simple();
  }

  private simple(): Node {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      redirs.push(...this.redirs());
      const t = this.peek();
      if (t.type !== 'word') break;
      if (!words.length) {
        const first = t.word[0];
        const m = first?.t === 'lit' && !first.q ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.v) : null;
        if (m) {
          this.p++;
          const head: Part = { t: 'lit', v: (first as { v: string }).v.slice(m[0].length), q: false };
          const rest: Word = [head, ...t.word.slice(1)].filter((p) => !(p.t === 'lit' && !p.q && (p as { v: string }).v === ''));
          assigns.push({ name: m[1], value: rest });
          continue;
        }
        const w = plain(t.word);
        if (w !== undefined && RESERVED.has(w) && !assigns.length) break;
      }
      this.p++;
      words.push(t.word);
    }
    if (!words.length && !assigns.length && !redirs.length) throw new ShellSyntaxError(`Syntax error: ${this.describe()} unexpected`);
    return { k: 'simple', assigns, words, redirs };
  }
}

export function parseScript(src: string): Node {
  return new Parser(tokenize(src)).parseScript();
}
