/**
 * Runs a shell AST in simulated time: sleep moves a virtual clock, output lines are stamped with the
 * time they were written, files live in an overlay over the container's mounts. Deterministic (no
 * real clock, no real randomness) and bounded: a run stops at a time horizon, after a step budget,
 * and infinite loops that repeat identically are fast-forwarded to the horizon.
 */
import { parseScript, plain, ShellSyntaxError, type Node, type Redir, type Word } from './shell-parse.js';
import type { ShellFlavor } from './images.js';
import type { Net } from './network.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface World {
  /** A file as the container sees it at a time: mounted ConfigMaps/Secrets, shared volumes. */
  readFile(path: string, at: number): string | undefined;
  /** Entries of a directory, if it is a mount. */
  listDir?(path: string, at: number): string[] | undefined;
  /** Lines other containers append to a shared file in [from, to). */
  follow?(path: string, from: number, to: number): { at: number; text: string }[];
  /** The cluster network (DNS, HTTP to services and pods). */
  net?: Net;
}

export interface Output {
  at: number;
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface FsOp {
  at: number;
  path: string;
  kind: 'write' | 'append' | 'rm';
  data?: string;
}

export interface ProcSpec {
  argv: string[];
  /** The environment, in order. */
  env: [string, string][];
  hostname: string;
  shell: ShellFlavor;
  /** Simulated ms when the process starts. */
  start: number;
  world?: World;
  stdin?: string;
  /** Seeds $RANDOM. */
  seed?: string;
  /** The container image (which utilities exist, in which version). */
  image?: string;
}

export interface RunOpts {
  /** Stop at this simulated time (absolute ms). */
  until: number;
  /** Keep at most this many output lines (the latest); 0 keeps none. */
  maxLines: number;
  /** Stop after this many steps (the run then ends at `reached`, neither exited nor forever). */
  maxSteps?: number;
}

export interface RunResult {
  lines: Output[];
  /** Lines produced but not kept (beyond maxLines, or skipped by fast-forward). */
  dropped: number;
  /** The process ended on its own (at a time before `until`); reason for the runtime (OOMKilled). */
  exit?: { code: number; at: number; reason?: string };
  /** It will never end on its own (sleep infinity, tail -f, an endless loop). */
  forever: boolean;
  /** The simulated time the run got to. */
  reached: number;
  fs: FsOp[];
  /** `trap ... TERM`: the process exits promptly on SIGTERM (with this code). */
  onTerm?: { code: number; output: string[] };
  /** The program could not be started (exec of a missing binary): the runtime's message. */
  startError?: string;
}

class Exit {
  constructor(readonly code: number) {}
}
class LoopCtl {
  constructor(
    readonly kind: 'break' | 'continue',
    public n: number,
  ) {}
}
class Horizon {
  constructor(readonly forever: boolean) {}
}
class StepLimit {}

const STEP_LIMIT = 400_000;

interface IO {
  stdin: string | null;
  out(s: string): void;
  err(s: string): void;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAYS_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** strftime for `date +FORMAT` (UTC). */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const w = d.getUTCDay();
  const jan1 = Date.UTC(Y, 0, 1);
  return fmt.replace(/%(-?)([a-zA-Z%:]|:z)/g, (_all, flag: string, c: string) => {
    const pad = (n: number, w2 = 2) => (flag === '-' ? String(n) : String(n).padStart(w2, '0'));
    switch (c) {
      case 'Y': return String(Y);
      case 'y': return pad(Y % 100);
      case 'm': return pad(m + 1);
      case 'd': return pad(day);
      case 'e': return String(day).padStart(2, ' ');
      case 'H': return pad(H);
      case 'I': return pad(H % 12 || 12);
      case 'M': return pad(M);
      case 'S': return pad(S);
      case 'N': return String((ms % 1000) * 1_000_000).padStart(9, '0');
      case 's': return String(Math.floor(ms / 1000));
      case 'a': return DAYS[w];
      case 'A': return DAYS_LONG[w];
      case 'b': case 'h': return MONTHS[m];
      case 'B': return MONTHS_LONG[m];
      case 'p': return H < 12 ? 'AM' : 'PM';
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case ':': return '+00:00';
      case 'T': return `${p2(H)}:${p2(M)}:${p2(S)}`;
      case 'R': return `${p2(H)}:${p2(M)}`;
      case 'D': return `${p2(m + 1)}/${p2(day)}/${p2(Y % 100)}`;
      case 'F': return `${Y}-${p2(m + 1)}-${p2(day)}`;
      case 'j': return String(Math.floor((ms - jan1) / 86_400_000) + 1).padStart(3, '0');
      case 'u': return String(w || 7);
      case 'w': return String(w);
      case 'c': return `${DAYS[w]} ${MONTHS[m]} ${String(day).padStart(2, ' ')} ${p2(H)}:${p2(M)}:${p2(S)} ${Y}`;
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return `%${c}`;
    }
  });
}

/** An arithmetic expression ($(( )) and expr): + - * / % comparisons, && ||, ?:, assignments. */
function arith(src: string, get: (n: string) => string, set: (n: string, v: string) => void): number {
  const toks = src.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\+\+|--|[<>=!]=|&&|\|\||<<|>>|[-+*/%()<>!=?:^&|~]|\S/g) ?? [];
  let i = 0;
  const peek = () => toks[i];
  const num = (s: string) => {
    const v = Number(s);
    return Number.isFinite(v) ? Math.trunc(v) : 0;
  };
  const val = (name: string) => num(get(name) || '0');
  function primary(): number {
    const t = toks[i++];
    if (t === undefined) throw new ShellSyntaxError('arithmetic syntax error');
    if (t === '(') {
      const v = assign();
      i++;
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    if (t === '~') return ~primary();
    if (t === '++' || t === '--') {
      const name = toks[i++];
      const v = val(name) + (t === '++' ? 1 : -1);
      set(name, String(v));
      return v;
    }
    if (/^\d/.test(t)) return num(t);
    if (/^[A-Za-z_]/.test(t)) {
      if (peek() === '++' || peek() === '--') {
        const v = val(t);
        set(t, String(v + (toks[i++] === '++' ? 1 : -1)));
        return v;
      }
      return val(t);
    }
    throw new ShellSyntaxError('arithmetic syntax error');
  }
  const bin = (next: () => number, ops: Record<string, (a: number, b: number) => number>) => (): number => {
    let v = next();
    while (peek() !== undefined && ops[peek()!]) {
      const op = toks[i++];
      v = ops[op](v, next());
    }
    return v;
  };
  const mul = bin(primary, {
    '*': (a, b) => a * b,
    '/': (a, b) => {
      if (b === 0) throw new ShellSyntaxError('divide by zero');
      return Math.trunc(a / b);
    },
    '%': (a, b) => {
      if (b === 0) throw new ShellSyntaxError('divide by zero');
      return a % b;
    },
  });
  const add = bin(mul, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const shift = bin(add, { '<<': (a, b) => a << b, '>>': (a, b) => a >> b });
  const rel = bin(shift, { '<': (a, b) => +(a < b), '>': (a, b) => +(a > b), '<=': (a, b) => +(a <= b), '>=': (a, b) => +(a >= b) });
  const eq = bin(rel, { '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b) });
  const band = bin(eq, { '&': (a, b) => a & b });
  const bxor = bin(band, { '^': (a, b) => a ^ b });
  const bor = bin(bxor, { '|': (a, b) => a | b });
  const land = bin(bor, { '&&': (a, b) => +(a !== 0 && b !== 0) });
  const lor = bin(land, { '||': (a, b) => +(a !== 0 || b !== 0) });
  function cond(): number {
    const c = lor();
    if (peek() === '?') {
      i++;
      const a = assign();
      i++; // ':'
      const b = assign();
      return c ? a : b;
    }
    return c;
  }
  function assign(): number {
    if (/^[A-Za-z_]/.test(toks[i] ?? '') && toks[i + 1] === '=') {
      const name = toks[i];
      i += 2;
      const v = assign();
      set(name, String(v));
      return v;
    }
    return cond();
  }
  if (!toks.length) return 0;
  const v = assign();
  if (i < toks.length) throw new ShellSyntaxError('arithmetic syntax error');
  return v;
}

function unescapeEcho(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '\\': out += '\\'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'e': out += '\x1b'; break;
      case 'c': return { text: out, stop: true };
      case '0': {
        const m = /^[0-7]{0,3}/.exec(s.slice(i + 1))![0];
        out += String.fromCharCode(parseInt(m || '0', 8));
        i += m.length;
        break;
      }
      default: out += '\\' + n;
    }
  }
  return { text: out, stop: false };
}

function printfFormat(fmt: string, args: string[]): string {
  let out = '';
  let ai = 0;
  const next = () => (ai < args.length ? args[ai++] : undefined);
  do {
    const start = ai;
    out += fmt.replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdifxXoc%b])|\\(.)/g, (all, flags: string, width: string, prec: string, conv: string, esc: string) => {
      if (esc !== undefined) return unescapeEcho('\\' + esc).text;
      if (conv === '%') return '%';
      const a = next();
      let s: string;
      switch (conv) {
        case 's': s = a ?? ''; if (prec !== undefined) s = s.slice(0, Number(prec)); break;
        case 'b': s = unescapeEcho(a ?? '').text; break;
        case 'c': s = (a ?? '').slice(0, 1); break;
        case 'd': case 'i': s = String(Math.trunc(Number(a ?? 0) || 0)); break;
        case 'f': s = (Number(a ?? 0) || 0).toFixed(prec !== undefined ? Number(prec) : 6); break;
        case 'x': s = (Math.trunc(Number(a ?? 0)) >>> 0).toString(16); break;
        case 'X': s = (Math.trunc(Number(a ?? 0)) >>> 0).toString(16).toUpperCase(); break;
        case 'o': s = (Math.trunc(Number(a ?? 0)) >>> 0).toString(8); break;
        default: s = all;
      }
      if (width) {
        const w = Number(width);
        s = flags.includes('-') ? s.padEnd(w) : s.padStart(w, flags.includes('0') && /[dif]/.test(conv) ? '0' : ' ');
      }
      return s;
    });
    if (ai === start) break;
  } while (ai < args.length);
  return out;
}

/** Shell glob (case patterns, [[ ]]-less tests). */
function globToRegex(p: string): RegExp {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const j = p.indexOf(']', i + 1);
      if (j < 0) re += '\\[';
      else {
        re += '[' + p.slice(i + 1, j).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = j;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

const DURATION = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/;

const NOT_PURE_CMDS = new Set(['read', 'export', 'unset', 'shift', 'cd', 'set', 'local', 'let', 'trap', 'readonly', 'eval', 'source', '.', 'exec']);

/** A loop body that changes no shell state: every iteration does the same thing (at a later time). */
function isPure(node: Node): boolean {
  switch (node.k) {
    case 'simple': {
      if (node.assigns.length) return false;
      const w0 = node.words[0] ? plain(node.words[0]) : undefined;
      if (w0 !== undefined && NOT_PURE_CMDS.has(w0)) return false;
      for (const w of node.words) for (const p of w) if ((p.t === 'arith' && /=|\+\+|--/.test(p.src.replace(/[=!<>]=/g, ''))) || (p.t === 'var' && p.op && /=/.test(p.op))) return false;
      return true;
    }
    case 'pipe':
      return node.cmds.every(isPure);
    case 'andor':
      return isPure(node.first) && node.rest.every((r) => isPure(r.node));
    case 'list':
      return node.items.every((i) => !i.bg && isPure(i.node));
    case 'while':
      return isPure(node.cond) && isPure(node.body);
    case 'for':
      return false;
    case 'if':
      return node.branches.every((b) => isPure(b.cond) && isPure(b.body)) && (!node.else || isPure(node.else));
    case 'case':
      return node.arms.every((a) => isPure(a.body));
    case 'group':
      return isPure(node.body);
    case 'func':
      return false;
  }
}

/** `true`, `:`, `sleep N`: a loop condition that always holds. */
function alwaysTrue(node: Node): boolean {
  if (node.k === 'list') return node.items.length > 0 && node.items.every((i) => alwaysTrue(i.node));
  if (node.k !== 'simple' || node.assigns.length || node.redirs.length) return false;
  const w = node.words.map(plain);
  if (w[0] === 'true' || w[0] === ':') return w.length === 1;
  if (w[0] === 'sleep') return w.length >= 2 && w.slice(1).every((x) => x !== undefined && DURATION.test(x));
  if (w[0] === '[' && w.length === 3 && w[2] === ']' && w[1] !== undefined && w[1] !== '') return true;
  return false;
}

export class Process {
  clock: number;
  private readonly until: number;
  private readonly maxLines: number;
  private readonly stepLimit: number;
  private vars = new Map<string, string>();
  private exported = new Set<string>();
  private order: string[] = [];
  private positional: string[] = [];
  private arg0 = 'sh';
  private status = 0;
  private funcs = new Map<string, Node>();
  private steps = 0;
  private files = new Map<string, string | null>();
  private randState: number;
  private bgEnds: number[] = [];
  private pending: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  readonly lines: Output[] = [];
  dropped = 0;
  readonly fsOps: FsOp[] = [];
  forever = false;
  onTerm?: { code: number; output: string[] };
  private termTrap?: string;

  constructor(
    private readonly spec: ProcSpec,
    opts: RunOpts,
  ) {
    this.clock = spec.start;
    this.until = opts.until;
    this.maxLines = opts.maxLines;
    this.stepLimit = opts.maxSteps ?? STEP_LIMIT;
    for (const [k, v] of spec.env) this.setVar(k, v, true);
    if (!this.vars.has('HOME')) this.vars.set('HOME', '/root');
    this.vars.set('PWD', '/');
    this.vars.set('IFS', ' \t\n');
    let h = 2166136261;
    for (const ch of spec.seed ?? spec.hostname) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    this.randState = h || 1;
  }

  // ---- variables and environment ------------------------------------------------------------------

  private setVar(name: string, value: string, exp = false): void {
    if (!this.vars.has(name) && exp) this.order.push(name);
    this.vars.set(name, value);
    if (exp) this.exported.add(name);
  }

  private getVar(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return '1';
      case '!':
        return this.bgEnds.length ? String(10 + this.bgEnds.length) : '';
      case '#':
        return String(this.positional.length);
      case '0':
        return this.arg0;
      case '@':
      case '*':
        return this.positional.join(' ');
      case '-':
        return '';
      case 'RANDOM': {
        this.randState = (Math.imul(this.randState, 1103515245) + 12345) >>> 0;
        return String((this.randState >>> 16) & 0x7fff);
      }
      case 'SECONDS':
        return String(Math.floor((this.clock - this.spec.start) / 1000));
    }
    if (/^\d+$/.test(name)) return this.positional[Number(name) - 1];
    return this.vars.get(name);
  }

  /** The exported environment, in order (what `env` prints). */
  environment(): [string, string][] {
    const out: [string, string][] = [];
    for (const k of this.order) if (this.exported.has(k) && this.vars.has(k)) out.push([k, this.vars.get(k)!]);
    return out;
  }

  // ---- output -----------------------------------------------------------------------------------------

  private emit(stream: 'stdout' | 'stderr', s: string): void {
    if (!s) return;
    let buf = this.pending[stream] + s;
    let nl = buf.indexOf('\n');
    while (nl >= 0) {
      this.pushLine({ at: this.clock, stream, text: buf.slice(0, nl) });
      buf = buf.slice(nl + 1);
      nl = buf.indexOf('\n');
    }
    this.pending[stream] = buf;
  }

  private pushLine(l: Output): void {
    if (this.maxLines <= 0) {
      this.dropped++;
      return;
    }
    this.lines.push(l);
    if (this.lines.length > this.maxLines * 2) {
      const n = this.lines.length - this.maxLines;
      this.lines.splice(0, n);
      this.dropped += n;
    }
  }

  flush(): void {
    for (const s of ['stdout', 'stderr'] as const) {
      if (this.pending[s]) this.pushLine({ at: this.clock, stream: s, text: this.pending[s] });
      this.pending[s] = '';
    }
  }

  private topIO(): IO {
    return { stdin: this.spec.stdin ?? null, out: (s) => this.emit('stdout', s), err: (s) => this.emit('stderr', s) };
  }

  // ---- files ------------------------------------------------------------------------------------------

  private abs(p: string): string {
    if (p.startsWith('/')) return p.replace(/\/+$/, '') || '/';
    const pwd = this.vars.get('PWD') ?? '/';
    return (pwd.endsWith('/') ? pwd : pwd + '/') + p;
  }

  readFile(path: string): string | undefined {
    const p = this.abs(path);
    if (p === '/dev/null') return '';
    if (this.files.has(p)) return this.files.get(p) ?? undefined;
    const mounted = this.spec.world?.readFile(p, this.clock);
    if (mounted !== undefined) return mounted;
    if (p === '/etc/hostname') return this.spec.hostname + '\n';
    if (p === '/etc/hosts') return `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n`;
    return undefined;
  }

  private writeFile(path: string, data: string, append: boolean): void {
    const p = this.abs(path);
    if (p === '/dev/null') return;
    if (p === '/dev/stdout' || p === '/proc/1/fd/1') return this.emit('stdout', data);
    if (p === '/dev/stderr' || p === '/proc/1/fd/2') return this.emit('stderr', data);
    const prev = append ? (this.readFile(p) ?? '') : '';
    this.files.set(p, prev + data);
    this.fsOps.push({ at: this.clock, path: p, kind: append ? 'append' : 'write', data });
  }

  private removeFile(path: string): boolean {
    const p = this.abs(path);
    if (this.readFile(p) === undefined) return false;
    this.files.set(p, null);
    this.fsOps.push({ at: this.clock, path: p, kind: 'rm' });
    return true;
  }

  private listDir(path: string): string[] | undefined {
    const p = this.abs(path);
    const prefix = p === '/' ? '/' : p + '/';
    const names = new Set<string>(this.spec.world?.listDir?.(p, this.clock) ?? []);
    let found = names.size > 0 || ['/', '/tmp', '/etc', '/root', '/var', '/usr', '/bin', '/dev', '/proc', '/home'].includes(p);
    for (const [f, v] of this.files) {
      if (!f.startsWith(prefix)) continue;
      const name = f.slice(prefix.length).split('/')[0];
      if (v === null) names.delete(name);
      else {
        names.add(name);
        found = true;
      }
    }
    return found ? [...names].sort() : undefined;
  }

  // ---- time -------------------------------------------------------------------------------------------

  private sleep(ms: number): void {
    if (!Number.isFinite(ms)) {
      this.clock = this.until;
      throw new Horizon(true);
    }
    if (this.clock + ms > this.until) {
      this.clock = this.until;
      throw new Horizon(false);
    }
    this.clock += ms;
  }

  private step(): void {
    if (++this.steps > this.stepLimit) throw new StepLimit();
  }

  // ---- expansion --------------------------------------------------------------------------------------

  private expandParts(word: Word, io: IO): { text: string; quoted: boolean }[] {
    const out: { text: string; quoted: boolean }[] = [];
    for (const p of word) {
      switch (p.t) {
        case 'lit':
          out.push({ text: p.v, quoted: p.q });
          break;
        case 'var': {
          let v = this.getVar(p.name);
          if (p.op === '#len') v = String((v ?? '').length);
          else if (p.op) {
            const arg = () => this.expandParts(p.arg ?? [], io).map((x) => x.text).join('');
            const unsetOrNull = p.op.startsWith(':') ? v === undefined || v === '' : v === undefined;
            switch (p.op.replace(':', '')) {
              case '-':
                if (unsetOrNull) v = arg();
                break;
              case '=':
                if (unsetOrNull) {
                  v = arg();
                  this.setVar(p.name, v);
                }
                break;
              case '+':
                v = unsetOrNull ? '' : arg();
                break;
              case '?':
                if (unsetOrNull) {
                  io.err(`sh: ${p.name}: ${arg() || 'parameter not set'}\n`);
                  throw new Exit(2);
                }
                break;
              case '#':
              case '##':
              case '%':
              case '%%': {
                const re = globToRegex(arg()).source.slice(1, -1);
                const s = v ?? '';
                if (p.op.startsWith('#')) {
                  const m = new RegExp(`^${p.op === '##' ? re : re.replace(/\.\*/g, '.*?')}`, 's').exec(s);
                  v = m ? s.slice(m[0].length) : s;
                } else {
                  let best = s;
                  for (let i = s.length; i >= 0; i--) {
                    if (new RegExp(`^${re}$`, 's').test(s.slice(i))) {
                      best = s.slice(0, i);
                      if (p.op === '%') break;
                    }
                  }
                  v = best;
                }
                break;
              }
            }
          }
          out.push({ text: v ?? '', quoted: p.q });
          break;
        }
        case 'cmd':
          out.push({ text: this.substitute(p.src).replace(/\n+$/, ''), quoted: p.q });
          break;
        case 'arith':
          out.push({ text: String(arith(this.expandArithSrc(p.src), (n) => this.getVar(n) ?? '', (n, v) => this.setVar(n, v))), quoted: p.q });
          break;
      }
    }
    return out;
  }

  private expandArithSrc(src: string): string {
    // $VAR and $(cmd) inside $(( )) expand first.
    return src.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9#?])\}?/g, (_m, n) => this.getVar(n) ?? '0').replace(/\$\((.*?)\)/g, (_m, c) => this.substitute(c).trim());
  }

  /** Expands a word to fields (splitting unquoted expansions on IFS). */
  private expandWord(word: Word, io: IO): string[] {
    // "$@" expands to one field per positional parameter.
    if (word.length === 1 && word[0].t === 'var' && word[0].name === '@' && word[0].q) return [...this.positional];
    const parts = this.expandParts(word, io);
    const fields: string[] = [];
    let cur = '';
    let has = false;
    for (let pi = 0; pi < parts.length; pi++) {
      const part = parts[pi];
      const src = word[Math.min(pi, word.length - 1)];
      const splittable = !part.quoted && src && src.t !== 'lit';
      if (!splittable) {
        cur += part.text;
        has = has || part.quoted || part.text !== '';
        continue;
      }
      const pieces = part.text.split(/[ \t\n]+/);
      for (let i = 0; i < pieces.length; i++) {
        if (i > 0 && (cur !== '' || has)) {
          fields.push(cur);
          cur = '';
          has = false;
        }
        cur += pieces[i];
        if (pieces[i]) has = true;
      }
    }
    if (cur !== '' || has) fields.push(cur);
    return fields;
  }

  private expandOne(word: Word, io: IO): string {
    return this.expandParts(word, io).map((p) => p.text).join('');
  }

  /** $(cmd): runs in a subshell, returns its output. */
  private substitute(src: string): string {
    let ast: Node;
    try {
      ast = parseScript(src);
    } catch (e) {
      if (e instanceof ShellSyntaxError) return '';
      throw e;
    }
    let buf = '';
    const saved = this.saveShell();
    try {
      this.exec(ast, { stdin: null, out: (s) => (buf += s), err: (s) => this.emit('stderr', s) });
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
    } finally {
      this.restoreShell(saved);
    }
    return buf;
  }

  private saveShell() {
    return { vars: new Map(this.vars), exported: new Set(this.exported), order: [...this.order], positional: [...this.positional], funcs: new Map(this.funcs) };
  }

  private restoreShell(s: ReturnType<Process['saveShell']>): void {
    this.vars = s.vars;
    this.exported = s.exported;
    this.order = s.order;
    this.positional = s.positional;
    this.funcs = s.funcs;
  }

  // ---- execution --------------------------------------------------------------------------------------

  private withRedirs(redirs: Redir[], io: IO, fn: (io: IO) => number): number {
    if (!redirs.length) return fn(io);
    let out = io.out;
    let err = io.err;
    let stdin = io.stdin;
    for (const r of redirs) {
      const target = this.expandOne(r.target, io);
      if (r.op === '>&') {
        if (target === '1') (r.fd === 2 ? (err = out) : undefined);
        else if (target === '2') (r.fd === 1 ? (out = err) : undefined);
        continue;
      }
      if (r.op === '<') {
        const content = this.readFile(target);
        if (content === undefined) {
          io.err(this.errPrefix() + `can't open ${target}: no such file\n`);
          return 1;
        }
        stdin = content;
        continue;
      }
      const append = r.op === '>>';
      let first = !append;
      const writer = (s: string) => {
        this.writeFile(target, s, !first);
        first = false;
      };
      if (first) this.writeFile(target, '', false), (first = false);
      if (r.op === '&>') {
        out = writer;
        err = writer;
      } else if (r.fd === 2) err = writer;
      else out = writer;
    }
    return fn({ stdin, out, err });
  }

  private errPrefix(): string {
    return this.spec.shell === 'dash' ? 'sh: 1: ' : 'sh: ';
  }

  exec(node: Node, io: IO): number {
    this.step();
    switch (node.k) {
      case 'list': {
        let st = 0;
        for (const item of node.items) {
          if (item.bg) {
            this.background(item.node, io);
            st = 0;
          } else st = this.exec(item.node, io);
          this.status = st;
        }
        return st;
      }
      case 'andor': {
        let st = this.exec(node.first, io);
        this.status = st;
        for (const r of node.rest) {
          if ((r.op === '&&' && st === 0) || (r.op === '||' && st !== 0)) {
            st = this.exec(r.node, io);
            this.status = st;
          }
        }
        return st;
      }
      case 'pipe': {
        let input = io.stdin;
        let st = 0;
        node.cmds.forEach((c, i) => {
          const last = i === node.cmds.length - 1;
          let buf = '';
          st = this.exec(c, { stdin: input, out: last ? io.out : (s) => (buf += s), err: io.err });
          input = buf;
        });
        return node.bang ? (st ? 0 : 1) : st;
      }
      case 'group':
        return this.withRedirs(node.redirs, io, (io2) => {
          if (!node.subshell) return this.exec(node.body, io2);
          const saved = this.saveShell();
          try {
            return this.exec(node.body, io2);
          } catch (e) {
            if (e instanceof Exit) return e.code;
            throw e;
          } finally {
            this.restoreShell(saved);
          }
        });
      case 'func':
        this.funcs.set(node.name, node.body);
        return 0;
      case 'if':
        return this.withRedirs(node.redirs, io, (io2) => {
          for (const b of node.branches) {
            if (this.exec(b.cond, io2) === 0) return this.exec(b.body, io2);
          }
          return node.else ? this.exec(node.else, io2) : 0;
        });
      case 'case':
        return this.withRedirs(node.redirs, io, (io2) => {
          const w = this.expandOne(node.word, io2);
          for (const arm of node.arms) {
            if (arm.patterns.some((p) => globToRegex(this.expandOne(p, io2)).test(w))) return this.exec(arm.body, io2);
          }
          return 0;
        });
      case 'for':
        return this.withRedirs(node.redirs, io, (io2) => {
          const items = node.words ? node.words.flatMap((w) => this.expandWord(w, io2)) : [...this.positional];
          let st = 0;
          for (const it of items) {
            this.setVar(node.name, it);
            try {
              st = this.exec(node.body, io2);
            } catch (e) {
              if (!(e instanceof LoopCtl)) throw e;
              if (e.n > 1) {
                e.n--;
                throw e;
              }
              if (e.kind === 'break') break;
            }
          }
          return st;
        });
      case 'while':
        return this.withRedirs(node.redirs, io, (io2) => this.runWhile(node, io2));
      case 'simple':
        return this.simple(node, io);
    }
  }

  private runWhile(node: Extract<Node, { k: 'while' }>, io: IO): number {
    const periodic = !node.until && alwaysTrue(node.cond) && isPure(node.body);
    const marks: { clock: number; lines: number }[] = [];
    let skipped = false;
    let st = 0;
    for (;;) {
      if (periodic && !skipped) {
        marks.push({ clock: this.clock, lines: this.lines.length + this.dropped });
        if (marks.length >= 3) {
          const [a, b, c] = marks.slice(-3);
          const d1 = b.clock - a.clock;
          const d2 = c.clock - b.clock;
          const l1 = b.lines - a.lines;
          const l2 = c.lines - b.lines;
          if (d1 === d2 && l1 === l2) {
            this.forever = true;
            if (d1 === 0) {
              // Busy loop that never sleeps: it floods its log; stop here.
              if (l1 === 0 || this.lines.length >= this.maxLines) throw new Horizon(true);
            } else {
              const left = Math.floor((this.until - this.clock) / d1);
              const keep = this.maxLines > 0 && l1 > 0 ? Math.ceil(this.maxLines / l1) + 1 : 1;
              if (left > keep + 1) {
                const k = left - keep;
                this.clock += k * d1;
                this.dropped += k * l1;
                skipped = true;
              }
            }
          }
        }
      }
      const c = this.exec(node.cond, io);
      if (node.until ? c === 0 : c !== 0) break;
      try {
        st = this.exec(node.body, io);
      } catch (e) {
        if (!(e instanceof LoopCtl)) throw e;
        if (e.n > 1) {
          e.n--;
          throw e;
        }
        if (e.kind === 'break') break;
      }
    }
    return st;
  }

  private background(node: Node, io: IO): void {
    const clock = this.clock;
    const saved = this.saveShell();
    let end = this.clock;
    try {
      this.exec(node, io);
      end = this.clock;
    } catch (e) {
      if (e instanceof Horizon) end = Infinity;
      else if (e instanceof Exit) end = this.clock;
      else throw e;
    } finally {
      this.restoreShell(saved);
      this.clock = clock;
    }
    this.bgEnds.push(end);
  }

  private simple(node: Extract<Node, { k: 'simple' }>, io: IO): number {
    const words = node.words.flatMap((w) => this.expandWord(w, io));
    if (!words.length) {
      for (const a of node.assigns) this.setVar(a.name, this.expandOne(a.value, io), this.exported.has(a.name));
      return this.withRedirs(node.redirs, io, () => this.status);
    }
    const saved: [string, string | undefined, boolean][] = [];
    for (const a of node.assigns) {
      saved.push([a.name, this.vars.get(a.name), this.exported.has(a.name)]);
      this.setVar(a.name, this.expandOne(a.value, io), true);
    }
    try {
      return this.withRedirs(node.redirs, io, (io2) => this.run(words, io2));
    } finally {
      for (const [n, v, e] of saved) {
        if (v === undefined) {
          this.vars.delete(n);
          this.exported.delete(n);
        } else {
          this.vars.set(n, v);
          if (!e) this.exported.delete(n);
        }
      }
    }
  }

  /** Runs a command by name: a function, a builtin or utility, or "not found". */
  run(argv: string[], io: IO): number {
    const name = argv[0];
    const fn = this.funcs.get(name);
    if (fn) {
      const saved = this.positional;
      this.positional = argv.slice(1);
      try {
        return this.exec(fn, io);
      } finally {
        this.positional = saved;
      }
    }
    const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
    const impl = COMMANDS[base];
    if (!impl || (name.includes('/') && !/^\/(usr\/)?(local\/)?s?bin\//.test(name))) {
      if (this.spec.shell === 'dash') io.err(`sh: 1: ${name}: not found\n`);
      else io.err(`sh: ${name}: not found\n`);
      return 127;
    }
    const st = impl(this, argv.slice(1), io);
    this.status = st;
    return st;
  }

  // ---- builtins need these ----------------------------------------------------------------------------

  get shellFlavor(): ShellFlavor {
    return this.spec.shell;
  }
  get image(): string {
    return this.spec.image ?? '';
  }
  get hostname(): string {
    return this.spec.hostname;
  }
  get world(): World | undefined {
    return this.spec.world;
  }
  get untilTime(): number {
    return this.until;
  }
  doSleep(ms: number): void {
    this.sleep(ms);
  }
  doExit(code: number): never {
    throw new Exit(code);
  }
  loopCtl(kind: 'break' | 'continue', n: number): never {
    throw new LoopCtl(kind, n);
  }
  var(name: string): string | undefined {
    return this.getVar(name);
  }
  assign(name: string, value: string, exp = false): void {
    this.setVar(name, value, exp || this.exported.has(name));
  }
  exportVar(name: string, value?: string): void {
    if (value !== undefined) this.setVar(name, value, true);
    else if (this.vars.has(name)) {
      if (!this.exported.has(name)) this.order.push(name);
      this.exported.add(name);
    } else this.exported.add(name);
  }
  unsetVar(name: string): void {
    this.vars.delete(name);
    this.exported.delete(name);
  }
  setPositional(args: string[]): void {
    this.positional = args;
  }
  get args(): string[] {
    return this.positional;
  }
  write(path: string, data: string, append: boolean): void {
    this.writeFile(path, data, append);
  }
  rm(path: string): boolean {
    return this.removeFile(path);
  }
  ls(path: string): string[] | undefined {
    return this.listDir(path);
  }
  setTrap(body: string | undefined): void {
    this.termTrap = body;
  }
  get trapBody(): string | undefined {
    return this.termTrap;
  }
  waitAll(): void {
    const end = Math.max(this.clock, ...this.bgEnds);
    this.bgEnds = [];
    if (end > this.clock) this.sleep(end - this.clock);
  }
  runScript(src: string, io: IO): number {
    return this.exec(parseScript(src), io);
  }
  markForever(): never {
    this.forever = true;
    this.clock = this.until;
    throw new Horizon(true);
  }

  // ---- the main entry -----------------------------------------------------------------------------

  main(): RunResult {
    const io = this.topIO();
    const argv = this.spec.argv;
    let exit: { code: number; at: number } | undefined;
    let startError: string | undefined;
    let horizon = false;
    try {
      const code = this.entry(argv, io);
      if (typeof code === 'string') startError = code;
      else exit = { code, at: this.clock };
    } catch (e) {
      if (e instanceof Exit) exit = { code: e.code, at: this.clock };
      else if (e instanceof Horizon) {
        horizon = true;
        if (e.forever) this.forever = true;
      } else if (e instanceof StepLimit) horizon = true;
      else if (e instanceof ShellSyntaxError) {
        io.err(this.spec.shell === 'dash' ? `sh: 1: ${e.message}\n` : `sh: ${e.message[0].toLowerCase()}${e.message.slice(1).replace(/Unterminated/g, 'unterminated')}\n`);
        exit = { code: 2, at: this.clock };
      } else throw e;
    }
    if (!horizon) this.forever = false;
    if (exit && exit.at > this.until) exit = undefined;
    this.flush();
    this.lines.sort((a, b) => a.at - b.at);
    if (this.lines.length > this.maxLines) {
      const n = this.lines.length - this.maxLines;
      this.lines.splice(0, n);
      this.dropped += n;
    }
    if (this.termTrap !== undefined) {
      const out: string[] = [];
      let code = 143;
      try {
        this.exec(parseScript(this.termTrap), { stdin: null, out: (s) => out.push(...s.split('\n').filter(Boolean)), err: () => undefined });
        code = 0;
      } catch (e) {
        if (e instanceof Exit) code = e.code;
      }
      this.onTerm = { code, output: out };
    }
    return { lines: this.lines, dropped: this.dropped, exit, forever: this.forever, reached: this.clock, fs: this.fsOps, onTerm: this.onTerm, startError };
  }

  /** The container's argv: a shell with -c, a shell without a script (exits), or one utility. */
  private entry(argv: string[], io: IO): number | string {
    if (!argv.length) return 0;
    const name = argv[0];
    const base = name.slice(name.lastIndexOf('/') + 1);
    const isShell = ['sh', 'bash', 'ash', 'dash', 'zsh'].includes(base);
    if (isShell && this.spec.shell !== 'none') {
      let i = 1;
      let script: string | undefined;
      while (i < argv.length && argv[i].startsWith('-')) {
        const f = argv[i++];
        if (f.includes('c')) {
          script = argv[i++];
          break;
        }
      }
      if (script === undefined) {
        if (i < argv.length) {
          // sh FILE: run a script file from a mount.
          const content = this.readFile(argv[i]);
          if (content === undefined) {
            io.err(`${base}: can't open '${argv[i]}': No such file or directory\n`);
            return 2;
          }
          this.arg0 = argv[i];
          this.positional = argv.slice(i + 1);
          return this.runScript(content, io);
        }
        // No script and no terminal: reads EOF from stdin and exits.
        if (this.spec.stdin) return this.runScript(this.spec.stdin, io);
        return 0;
      }
      this.arg0 = argv[i] ?? base;
      this.positional = argv.slice(i + 1);
      return this.runScript(script ?? '', io);
    }
    const impl = COMMANDS[base];
    if (!impl || this.spec.shell === 'none') {
      return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown`;
    }
    return this.run(argv, io);
  }
}

// ---- the utilities ------------------------------------------------------------------------------------

type Impl = (p: Process, args: string[], io: IO) => number;

function parseDuration(s: string): number | undefined {
  if (s === 'infinity' || s === 'inf') return Infinity;
  const m = DURATION.exec(s);
  if (!m) return undefined;
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]]!;
  return Math.round(Number(m[1]) * mult);
}

function readInput(p: Process, files: string[], io: IO, cmd: string): string | undefined {
  if (!files.length || (files.length === 1 && files[0] === '-')) return io.stdin ?? '';
  let out = '';
  for (const f of files) {
    const c = p.readFile(f);
    if (c === undefined) {
      io.err(`${cmd}: ${p.shellFlavor === 'busybox' ? `can't open '${f}'` : f}: No such file or directory\n`);
      return undefined;
    }
    out += c;
  }
  return out;
}

const lines = (s: string) => {
  const l = s.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
};

function testExpr(p: Process, a: string[]): boolean {
  if (!a.length) return false;
  if (a[0] === '!') return !testExpr(p, a.slice(1));
  const ai = a.indexOf('-a');
  if (ai > 0) return testExpr(p, a.slice(0, ai)) && testExpr(p, a.slice(ai + 1));
  const oi = a.indexOf('-o');
  if (oi > 0) return testExpr(p, a.slice(0, oi)) || testExpr(p, a.slice(oi + 1));
  if (a.length === 1) return a[0] !== '';
  if (a.length === 2) {
    const [op, x] = a;
    switch (op) {
      case '-n': return x !== '';
      case '-z': return x === '';
      case '-f': case '-e': case '-r': case '-s': case '-w': {
        const c = p.readFile(x);
        if (op === '-s') return !!c;
        return c !== undefined || (op === '-e' && p.ls(x) !== undefined);
      }
      case '-d': return p.ls(x) !== undefined && p.readFile(x) === undefined;
      case '-x': return /^\/(usr\/)?(local\/)?s?bin\/./.test(x);
      default: return false;
    }
  }
  const [x, op, y] = a;
  const nx = Number(x);
  const ny = Number(y);
  switch (op) {
    case '=': case '==': return x === y;
    case '!=': return x !== y;
    case '-eq': return nx === ny;
    case '-ne': return nx !== ny;
    case '-lt': return nx < ny;
    case '-le': return nx <= ny;
    case '-gt': return nx > ny;
    case '-ge': return nx >= ny;
    case '<': return x < y;
    case '>': return x > y;
    default: return false;
  }
}

function uname(args: string[]): string {
  const all = args.includes('-a');
  const parts: string[] = [];
  const want = (f: string) => all || args.includes(f);
  if (want('-s') || (!args.length)) parts.push('Linux');
  if (want('-n')) parts.push('HOST');
  if (want('-r')) parts.push('6.8.0-49-generic');
  if (want('-v')) parts.push('#49-Ubuntu SMP PREEMPT_DYNAMIC Mon Nov  4 02:06:24 UTC 2024');
  if (want('-m')) parts.push('x86_64');
  if (all) parts.push('GNU/Linux');
  return parts.join(' ');
}

function notFound(p: Process, name: string, io: IO): number {
  io.err(p.shellFlavor === 'dash' ? `sh: 1: ${name}: not found\n` : `sh: ${name}: not found\n`);
  return 127;
}

function parseUrl(url: string): { host: string; port: number; path: string; hostport: string } {
  const m = /^(?:(https?):\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url) ?? [];
  const scheme = m[1] ?? 'http';
  const host = m[2] ?? url;
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  return { host, port, path: m[4] ?? '/', hostport: m[3] ? `${host}:${m[3]}` : host };
}

function statusText(code: number): string {
  return ({ 200: 'OK', 301: 'Moved Permanently', 302: 'Found', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' } as Record<number, string>)[code] ?? '';
}

export const COMMANDS: Record<string, Impl> = {
  ':': () => 0,
  true: () => 0,
  false: () => 1,
  echo(p, args, io) {
    let newline = true;
    let escapes = p.shellFlavor === 'dash';
    let i = 0;
    while (i < args.length && /^-[neE]+$/.test(args[i])) {
      for (const f of args[i].slice(1)) {
        if (f === 'n') newline = false;
        else if (f === 'e') escapes = true;
        else if (f === 'E') escapes = false;
      }
      i++;
      if (p.shellFlavor === 'dash') break;
    }
    let text = args.slice(i).join(' ');
    if (escapes) {
      const r = unescapeEcho(text);
      text = r.text;
      if (r.stop) newline = false;
    }
    io.out(text + (newline ? '\n' : ''));
    return 0;
  },
  printf(_p, args, io) {
    if (!args.length) {
      io.err('printf: usage: printf format [arguments]\n');
      return 2;
    }
    io.out(printfFormat(args[0], args.slice(1)));
    return 0;
  },
  sleep(p, args, io) {
    if (!args.length) {
      io.err(p.shellFlavor === 'busybox' ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n' : 'sleep: missing operand\n');
      return 1;
    }
    let total = 0;
    for (const a of args) {
      const d = parseDuration(a);
      if (d === undefined) {
        io.err(p.shellFlavor === 'busybox' ? `sleep: invalid number '${a}'\n` : `sleep: invalid time interval '${a}'\n`);
        return 1;
      }
      total += d;
    }
    p.doSleep(total);
    return 0;
  },
  date(p, args, io) {
    const fmt = args.find((a) => a.startsWith('+'));
    if (args.includes('-I') || args.some((a) => a.startsWith('-Iseconds') || a === '--iso-8601=seconds')) {
      io.out(strftime('%Y-%m-%dT%H:%M:%S+00:00', p.clock) + '\n');
      return 0;
    }
    if (args.includes('-R')) {
      io.out(strftime('%a, %d %b %Y %H:%M:%S +0000', p.clock) + '\n');
      return 0;
    }
    io.out(strftime(fmt ? fmt.slice(1) : '%a %b %e %H:%M:%S %Z %Y', p.clock) + '\n');
    return 0;
  },
  exit(p, args) {
    return p.doExit(args.length ? Number(args[0]) & 255 : Number(p.var('?') ?? 0));
  },
  return(p, args) {
    return p.doExit(args.length ? Number(args[0]) & 255 : Number(p.var('?') ?? 0));
  },
  break(p, args) {
    return p.loopCtl('break', Number(args[0] ?? 1));
  },
  continue(p, args) {
    return p.loopCtl('continue', Number(args[0] ?? 1));
  },
  hostname(p, _args, io) {
    io.out(p.hostname + '\n');
    return 0;
  },
  whoami(_p, _a, io) {
    io.out('root\n');
    return 0;
  },
  id(_p, _a, io) {
    io.out('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
    return 0;
  },
  uname(p, args, io) {
    io.out(uname(args).replace('HOST', p.hostname) + '\n');
    return 0;
  },
  pwd(p, _a, io) {
    io.out((p.var('PWD') ?? '/') + '\n');
    return 0;
  },
  cd(p, args) {
    p.assign('PWD', args[0] ?? p.var('HOME') ?? '/');
    return 0;
  },
  env(p, args, io) {
    let i = 0;
    const extra: [string, string][] = [];
    while (i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i])) {
      const eq = args[i].indexOf('=');
      extra.push([args[i].slice(0, eq), args[i].slice(eq + 1)]);
      i++;
    }
    if (i < args.length) {
      for (const [k, v] of extra) p.exportVar(k, v);
      return p.run(args.slice(i), io);
    }
    const env = p.environment().filter(([k]) => !extra.some(([e]) => e === k));
    for (const [k, v] of [...env, ...extra]) io.out(`${k}=${v}\n`);
    return 0;
  },
  printenv(p, args, io) {
    const env = p.environment();
    if (!args.length) {
      for (const [k, v] of env) io.out(`${k}=${v}\n`);
      return 0;
    }
    let st = 0;
    for (const a of args) {
      const e = env.find(([k]) => k === a);
      if (e) io.out(e[1] + '\n');
      else st = 1;
    }
    return st;
  },
  export(p, args) {
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) p.exportVar(a.slice(0, eq), a.slice(eq + 1));
      else if (a !== '-p') p.exportVar(a);
    }
    return 0;
  },
  readonly(p, args) {
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) p.assign(a.slice(0, eq), a.slice(eq + 1));
    }
    return 0;
  },
  local(p, args) {
    return COMMANDS.readonly(p, args, { stdin: null, out: () => undefined, err: () => undefined });
  },
  unset(p, args) {
    for (const a of args) if (!a.startsWith('-')) p.unsetVar(a);
    return 0;
  },
  set(p, args) {
    const i = args.indexOf('--');
    if (i >= 0) p.setPositional(args.slice(i + 1));
    return 0;
  },
  shift(p, args) {
    p.setPositional(p.args.slice(Number(args[0] ?? 1)));
    return 0;
  },
  trap(p, args) {
    if (args.length >= 2 && args.slice(1).some((s) => /^(SIG)?TERM$|^15$/.test(s))) p.setTrap(args[0] === '-' ? undefined : args[0]);
    return 0;
  },
  wait(p) {
    p.waitAll();
    return 0;
  },
  kill: () => 0,
  eval(p, args, io) {
    return p.runScript(args.join(' '), io);
  },
  test(p, args) {
    return testExpr(p, args) ? 0 : 1;
  },
  '['(p, args, io) {
    if (args[args.length - 1] !== ']') {
      io.err(p.shellFlavor === 'dash' ? 'sh: 1: [: missing ]\n' : '[: missing ]\n');
      return 2;
    }
    return testExpr(p, args.slice(0, -1)) ? 0 : 1;
  },
  cat(p, args, io) {
    const files = args.filter((a) => !/^-[a-zA-Z]+$/.test(a));
    if (!files.length) {
      io.out(io.stdin ?? '');
      return 0;
    }
    let st = 0;
    for (const f of files) {
      const c = f === '-' ? (io.stdin ?? '') : p.readFile(f);
      if (c === undefined) {
        if (p.ls(f) !== undefined) io.err(`cat: ${p.shellFlavor === 'busybox' ? `read error: Is a directory` : `${f}: Is a directory`}\n`);
        else io.err(p.shellFlavor === 'busybox' ? `cat: can't open '${f}': No such file or directory\n` : `cat: ${f}: No such file or directory\n`);
        st = 1;
      } else io.out(c);
    }
    return st;
  },
  touch(p, args) {
    for (const f of args) if (!f.startsWith('-') && p.readFile(f) === undefined) p.write(f, '', false);
    return 0;
  },
  rm(p, args, io) {
    const force = args.some((a) => /^-[a-zA-Z]*f/.test(a));
    let st = 0;
    for (const f of args.filter((a) => !a.startsWith('-'))) {
      if (!p.rm(f) && !force) {
        io.err(p.shellFlavor === 'busybox' ? `rm: can't remove '${f}': No such file or directory\n` : `rm: cannot remove '${f}': No such file or directory\n`);
        st = 1;
      }
    }
    return st;
  },
  mkdir: () => 0,
  chmod: () => 0,
  sync: () => 0,
  ls(p, args, io) {
    const paths = args.filter((a) => !a.startsWith('-'));
    const long = args.some((a) => /^-[a-zA-Z]*l/.test(a));
    let st = 0;
    for (const path of paths.length ? paths : [p.var('PWD') ?? '/']) {
      if (p.readFile(path) !== undefined) {
        io.out(path + '\n');
        continue;
      }
      const entries = p.ls(path);
      if (!entries) {
        io.err(p.shellFlavor === 'busybox' ? `ls: ${path}: No such file or directory\n` : `ls: cannot access '${path}': No such file or directory\n`);
        st = 1;
        continue;
      }
      for (const e of entries) io.out(long ? `-rw-r--r--    1 root     root             0 ${strftime('%b %e %H:%M', p.clock)} ${e}\n` : e + '\n');
    }
    return st;
  },
  seq(_p, args, io) {
    const n = args.map(Number);
    const [first, inc, last] = n.length === 1 ? [1, 1, n[0]] : n.length === 2 ? [n[0], 1, n[1]] : [n[0], n[1], n[2]];
    if (!inc) return 1;
    let out = '';
    for (let x = first, c = 0; inc > 0 ? x <= last : x >= last; x += inc, c++) {
      if (c > 1_000_000) break;
      out += x + '\n';
    }
    io.out(out);
    return 0;
  },
  expr(p, args, io) {
    try {
      const src = args.join(' ').replace(/\\\*/g, '*');
      if (args.length === 3 && ['=', '!=', '<', '>', '<=', '>='].includes(args[1]) && (isNaN(Number(args[0])) || isNaN(Number(args[2])))) {
        const r = testExpr(p, [args[0], args[1] === '=' ? '=' : args[1], args[2]]) ? 1 : 0;
        io.out(r + '\n');
        return r ? 0 : 1;
      }
      const v = arith(src.replace(/(^|\s)=(\s)/g, '$1==$2'), (n) => p.var(n) ?? '0', () => undefined);
      io.out(v + '\n');
      return v === 0 ? 1 : 0;
    } catch {
      io.err('expr: syntax error\n');
      return 2;
    }
  },
  wc(p, args, io) {
    const flags = args.filter((a) => a.startsWith('-')).join('');
    const files = args.filter((a) => !a.startsWith('-'));
    const input = readInput(p, files, io, 'wc');
    if (input === undefined) return 1;
    const l = (input.match(/\n/g) ?? []).length;
    const w = input.split(/\s+/).filter(Boolean).length;
    const c = Buffer.byteLength(input);
    const parts: number[] = [];
    if (!flags || flags.includes('l')) parts.push(l);
    if (!flags || flags.includes('w')) parts.push(w);
    if (!flags || flags.includes('c') || flags.includes('m')) parts.push(c);
    const name = files.length === 1 ? ` ${files[0]}` : '';
    io.out((parts.length === 1 ? String(parts[0]) : parts.map((x) => String(x).padStart(p.shellFlavor === 'busybox' ? 9 : 7)).join(' ')) + name + '\n');
    return 0;
  },
  grep(p, args, io) {
    let i = 0;
    let invert = false;
    let ignore = false;
    let count = false;
    let quiet = false;
    let fixed = false;
    while (i < args.length && args[i].startsWith('-') && args[i] !== '-') {
      for (const f of args[i].slice(1)) {
        if (f === 'v') invert = true;
        else if (f === 'i') ignore = true;
        else if (f === 'c') count = true;
        else if (f === 'q') quiet = true;
        else if (f === 'F') fixed = true;
      }
      i++;
    }
    const pat = args[i++];
    if (pat === undefined) {
      io.err('Usage: grep [OPTION]... PATTERNS [FILE]...\n');
      return 2;
    }
    const input = readInput(p, args.slice(i), io, 'grep');
    if (input === undefined) return 2;
    let re: RegExp;
    try {
      re = new RegExp(fixed ? pat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pat.replace(/\\([(){}|+?])/g, '$1'), ignore ? 'i' : '');
    } catch {
      re = new RegExp(pat.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    }
    const hits = lines(input).filter((l) => re.test(l) !== invert);
    if (count) io.out(hits.length + '\n');
    else if (!quiet) for (const h of hits) io.out(h + '\n');
    return hits.length ? 0 : 1;
  },
  head(p, args, io) {
    let n = 10;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '-n') n = Number(args[++i]);
      else if (/^-n\d+$/.test(args[i])) n = Number(args[i].slice(2));
      else if (/^-\d+$/.test(args[i])) n = Number(args[i].slice(1));
      else files.push(args[i]);
    }
    const input = readInput(p, files, io, 'head');
    if (input === undefined) return 1;
    for (const l of lines(input).slice(0, n)) io.out(l + '\n');
    return 0;
  },
  tail(p, args, io) {
    let n = 10;
    let from = 0;
    let follow = false;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-f' || a === '-F' || a === '--follow') follow = true;
      else if (a === '-n') {
        const v = args[++i];
        if (v?.startsWith('+')) from = Number(v.slice(1));
        else n = Number(v);
      } else if (/^-n\+?\d+$/.test(a)) {
        if (a[2] === '+') from = Number(a.slice(3));
        else n = Number(a.slice(2));
      } else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
      else if (/^-[fFn]+$/.test(a)) follow = true;
      else files.push(a);
    }
    if (follow && (!files.length || files[0] === '/dev/null')) return p.markForever();
    const input = readInput(p, files, io, 'tail');
    if (input === undefined) {
      if (!follow) return 1;
    } else {
      const ls = lines(input);
      for (const l of from ? ls.slice(from - 1) : ls.slice(Math.max(0, ls.length - n))) io.out(l + '\n');
    }
    if (!follow) return 0;
    // Follow: lines other containers append, as they come.
    const world = p.world;
    const file = files[files.length - 1];
    const start = p.clock;
    for (const l of world?.follow?.(file, start, p.untilTime) ?? []) {
      if (l.at > p.clock) p.doSleep(l.at - p.clock);
      io.out(l.text + '\n');
    }
    return p.markForever();
  },
  tr(_p, args, io) {
    const del = args[0] === '-d';
    const sets = args.filter((a) => !a.startsWith('-'));
    const expand = (s: string) => s.replace(/\[:upper:\]/g, 'A-Z').replace(/\[:lower:\]/g, 'a-z').replace(/(.)-(.)/g, (_m, a: string, b: string) => {
      let o = '';
      for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) o += String.fromCharCode(c);
      return o;
    });
    const a = expand(sets[0] ?? '');
    const b = expand(sets[1] ?? '');
    let out = '';
    for (const ch of io.stdin ?? '') {
      const i = a.indexOf(ch);
      if (i < 0) out += ch;
      else if (!del) out += b[Math.min(i, b.length - 1)] ?? ch;
    }
    io.out(out);
    return 0;
  },
  sort(p, args, io) {
    const input = readInput(p, args.filter((a) => !a.startsWith('-')), io, 'sort');
    if (input === undefined) return 2;
    const numeric = args.some((a) => /^-[a-z]*n/.test(a));
    let ls = lines(input).sort((x, y) => (numeric ? Number.parseFloat(x) - Number.parseFloat(y) : x < y ? -1 : x > y ? 1 : 0));
    if (args.some((a) => /^-[a-z]*r/.test(a))) ls = ls.reverse();
    if (args.some((a) => /^-[a-z]*u/.test(a))) ls = ls.filter((l, i) => i === 0 || l !== ls[i - 1]);
    for (const l of ls) io.out(l + '\n');
    return 0;
  },
  uniq(p, args, io) {
    const input = readInput(p, args.filter((a) => !a.startsWith('-')), io, 'uniq');
    if (input === undefined) return 1;
    const ls = lines(input);
    for (let i = 0; i < ls.length; i++) if (i === 0 || ls[i] !== ls[i - 1]) io.out(ls[i] + '\n');
    return 0;
  },
  cut(p, args, io) {
    let d = '\t';
    let f = '';
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-d') d = args[++i];
      else if (a.startsWith('-d')) d = a.slice(2);
      else if (a === '-f') f = args[++i];
      else if (a.startsWith('-f')) f = a.slice(2);
      else files.push(a);
    }
    const input = readInput(p, files, io, 'cut');
    if (input === undefined) return 1;
    const want = f.split(',').flatMap((x) => {
      const [a, b] = x.split('-').map(Number);
      if (x.includes('-')) return Array.from({ length: (b || 100) - (a || 1) + 1 }, (_, k) => (a || 1) + k);
      return [a];
    });
    for (const l of lines(input)) {
      const parts = l.split(d);
      io.out((parts.length === 1 ? l : want.map((w) => parts[w - 1]).filter((x) => x !== undefined).join(d)) + '\n');
    }
    return 0;
  },
  tee(p, args, io) {
    const append = args.includes('-a');
    const data = io.stdin ?? '';
    for (const f of args.filter((a) => !a.startsWith('-'))) p.write(f, data, append);
    io.out(data);
    return 0;
  },
  basename(_p, args, io) {
    const s = (args[0] ?? '').replace(/\/+$/, '');
    let b = s.slice(s.lastIndexOf('/') + 1);
    if (args[1] && b.endsWith(args[1])) b = b.slice(0, -args[1].length);
    io.out(b + '\n');
    return 0;
  },
  dirname(_p, args, io) {
    const s = (args[0] ?? '').replace(/\/+$/, '');
    const i = s.lastIndexOf('/');
    io.out((i > 0 ? s.slice(0, i) : i === 0 ? '/' : '.') + '\n');
    return 0;
  },
  read(p, args, io) {
    if (io.stdin === null || io.stdin === '') return 1;
    const nl = io.stdin.indexOf('\n');
    const line = nl >= 0 ? io.stdin.slice(0, nl) : io.stdin;
    const names = args.filter((a) => !a.startsWith('-'));
    const parts = line.trim().split(/\s+/);
    names.forEach((n, i) => p.assign(n, i === names.length - 1 ? parts.slice(i).join(' ') : (parts[i] ?? '')));
    return 0;
  },
  wget(p, args, io) {
    if (p.shellFlavor !== 'busybox') return notFound(p, 'wget', io);
    let quiet = false;
    let out: string | undefined;
    let spider = false;
    let url: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-O') out = args[++i];
      else if (a.startsWith('-O')) out = a.slice(2);
      else if (a === '--spider') spider = true;
      else if (a === '-T' || a === '-t' || a === '-U' || a === '--header') i++;
      else if (/^-[a-zA-Z]+(O.*)?$/.test(a)) {
        const oi = a.indexOf('O');
        if ((oi > 0 ? a.slice(0, oi) : a).includes('q')) quiet = true;
        if (oi > 0) out = a.slice(oi + 1) || args[++i];
      } else if (!a.startsWith('-')) url = a;
    }
    if (!url) {
      io.err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
      return 1;
    }
    const u = parseUrl(url);
    const res = p.world?.net?.resolve(u.host);
    if (!res) {
      io.err(`wget: bad address '${u.hostport}'\n`);
      return 1;
    }
    const ip = res.ips[0];
    if (!quiet) io.err(`Connecting to ${u.hostport} (${ip}:${u.port})\n`);
    const r = p.world!.net!.get(ip, u.port, u.path);
    if ('error' in r) {
      io.err(`wget: can't connect to remote host (${ip}): ${r.error === 'refused' ? 'Connection refused' : 'Connection timed out'}\n`);
      return 1;
    }
    if (r.status >= 400) {
      io.err(`wget: server returned error: HTTP/1.1 ${r.status} ${statusText(r.status)}\n`);
      return 1;
    }
    if (spider) {
      if (!quiet) io.err('remote file exists\n');
      return 0;
    }
    const size = Buffer.byteLength(r.body);
    const bar = `100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA`;
    if (out === '-' || out === '/dev/stdout') {
      if (!quiet) io.err('writing to stdout\n');
      io.out(r.body);
      if (!quiet) io.err(`-                    ${bar}\nwritten to stdout\n`);
      return 0;
    }
    const file = out ?? (u.path.replace(/\/+$/, '').split('/').pop() || 'index.html');
    p.write(file, r.body, false);
    if (!quiet) io.err(`saving to '${file}'\n${file.padEnd(20)} ${bar}\n'${file}' saved\n`);
    return 0;
  },
  curl(p, args, io) {
    if (p.shellFlavor !== 'dash' && !/curl/.test(p.image)) return notFound(p, 'curl', io);
    let silent = false;
    let showErr = false;
    let fail = false;
    let head = false;
    let out: string | undefined;
    let fmt: string | undefined;
    let url: string | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-o' || a === '--output') out = args[++i];
      else if (a === '-w' || a === '--write-out') fmt = args[++i];
      else if (a === '-m' || a === '--max-time' || a === '--connect-timeout' || a === '-H' || a === '--header' || a === '-X' || a === '-A' || a === '-u') i++;
      else if (a === '--silent') silent = true;
      else if (a === '--fail') fail = true;
      else if (a === '--head') head = true;
      else if (/^-[a-zA-Z]+$/.test(a)) {
        if (a.includes('s')) silent = true;
        if (a.includes('S')) showErr = true;
        if (a.includes('f')) fail = true;
        if (a.includes('I')) head = true;
        if (a.endsWith('o')) out = args[++i];
      } else if (!a.startsWith('-')) url = a;
    }
    if (!url) {
      io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    const u = parseUrl(url);
    const quietErrors = silent && !showErr;
    const res = p.world?.net?.resolve(u.host);
    if (!res) {
      if (!quietErrors) io.err(`curl: (6) Could not resolve host: ${u.host}\n`);
      if (fmt) io.out(fmt.replace(/%\{http_code\}/g, '000').replace(/\\n/g, '\n'));
      return 6;
    }
    const ip = res.ips[0];
    const r = p.world!.net!.get(ip, u.port, u.path);
    if ('error' in r) {
      if (!quietErrors) io.err(r.error === 'refused' ? `curl: (7) Failed to connect to ${u.host} port ${u.port} after 0 ms: Couldn't connect to server\n` : `curl: (28) Failed to connect to ${u.host} port ${u.port} after 130001 ms: Couldn't connect to server\n`);
      if (fmt) io.out(fmt.replace(/%\{http_code\}/g, '000').replace(/\\n/g, '\n'));
      return r.error === 'refused' ? 7 : 28;
    }
    const size = Buffer.byteLength(r.body);
    if (fail && r.status >= 400) {
      if (!quietErrors) io.err(`curl: (22) The requested URL returned error: ${r.status}\n`);
      return 22;
    }
    if (!silent) {
      io.err('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n');
      io.err(`100 ${String(size).padStart(5)}  100 ${String(size).padStart(5)}    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n`);
    }
    const headers = `HTTP/1.1 ${r.status} ${statusText(r.status)}\r\nServer: ${r.server === 'nginx' ? 'nginx/1.27.3' : r.server === 'Apache' ? 'Apache/2.4.62 (Unix)' : r.server}\r\nDate: ${strftime('%a, %d %b %Y %H:%M:%S GMT', p.clock)}\r\nContent-Type: text/html\r\nContent-Length: ${size}\r\nConnection: keep-alive\r\n\r\n`;
    const body = head ? headers : r.body;
    if (out && out !== '-') p.write(out, body, false);
    else io.out(body);
    if (fmt) io.out(fmt.replace(/%\{http_code\}/g, String(r.status)).replace(/%\{size_download\}/g, String(size)).replace(/\\n/g, '\n'));
    return 0;
  },
  nslookup(p, args, io) {
    if (p.shellFlavor !== 'busybox') return notFound(p, 'nslookup', io);
    const name = args.filter((a) => !a.startsWith('-'))[0];
    const net = p.world?.net;
    const dns = net?.dns ?? '10.96.0.10';
    const old = /busybox:1\.(2\d)(\.|$)/.test(p.image);
    if (!name) return 1;
    const res = net?.resolve(name);
    if (old) {
      io.out(`Server:    ${dns}\nAddress 1: ${dns} kube-dns.kube-system.svc.cluster.local\n\n`);
      if (!res) {
        io.err(`nslookup: can't resolve '${name}'\n`);
        return 1;
      }
      io.out(`Name:      ${name}\n${res.ips.map((ip, i) => `Address ${i + 1}: ${ip}${net?.reverse(ip) ? ' ' + net.reverse(ip) : ''}`).join('\n')}\n`);
      return 0;
    }
    io.out(`Server:\t\t${dns}\nAddress:\t${dns}:53\n\n`);
    if (!res) {
      const ns = (p.readFile('/etc/resolv.conf') ?? '').match(/^search (.*)$/m)?.[1].split(' ') ?? [];
      for (const d of name.includes('.') ? [name, ...ns.map((x) => `${name}.${x}`)] : ns.map((x) => `${name}.${x}`)) io.out(`** server can't find ${d}: NXDOMAIN\n\n`);
      return 1;
    }
    io.out(`Name:\t${res.fqdn}\n${res.ips.map((ip) => `Address: ${ip}`).join('\n')}\n\n`);
    return 0;
  },
  yes(p, args, io) {
    const s = (args.length ? args.join(' ') : 'y') + '\n';
    for (let i = 0; i < 1000; i++) io.out(s);
    return p.markForever();
  },
};

/** Runs a container's process in simulated time, from its start up to `opts.until`. */
export function runProcess(spec: ProcSpec, opts: RunOpts): RunResult {
  return new Process(spec, opts).main();
}
