/**
 * A command-line parser with pflag's grammar and error texts (kubectl is cobra + pflag): long and
 * shorthand flags anywhere among the arguments, `--f=v`, `--f v`, `-fv`, `-f=v`, `-f v`, clustered
 * booleans `-it`, `--` ending flags, and pflag's messages for unknown flags, missing arguments and
 * bad values.
 */

export type FlagType = 'string' | 'bool' | 'int' | 'stringArray' | 'stringSlice' | 'duration' | 'stringToString';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  default?: string | boolean | number | string[];
  usage: string;
  /** pflag's NoOptDefVal: the value a flag takes when given without "=value" (e.g. --dry-run → "unchanged"). */
  noOptDefault?: string;
  hidden?: boolean;
  /** Shown in help as the value name (e.g. 'string', 'int'); defaults from the type. */
  valueName?: string;
}

export class UsageError extends Error {
  /** The command path for "See 'kubectl <path> --help' for usage.". */
  constructor(message: string, readonly commandPath?: string) {
    super(message);
  }
}

export type FlagValue = string | boolean | number | string[] | Record<string, string>;

export interface Parsed {
  /** Positional arguments, in order, with the command path removed. */
  args: string[];
  /** Values by long name; defaults filled in. */
  values: Record<string, FlagValue>;
  /** Long names of the flags that were given on the command line. */
  changed: Set<string>;
  /** Arguments after a bare "--" (also included at the end of args). */
  dashArgs: string[];
  /** cobra's ArgsLenAtDash: how many args came before a bare "--", or -1 without one. */
  argsLenAtDash?: number;
}

export function defaultOf(f: FlagSpec): FlagValue {
  if (f.default !== undefined) return Array.isArray(f.default) ? [...f.default] : f.default;
  switch (f.type) {
    case 'bool':
      return false;
    case 'int':
      return 0;
    case 'stringArray':
    case 'stringSlice':
      return [];
    case 'stringToString':
      return {};
    case 'duration':
      return '0s';
    default:
      return '';
  }
}

function flagDisplayName(f: FlagSpec): string {
  return f.short ? `-${f.short}, --${f.name}` : `--${f.name}`;
}

/** Go's strconv.ParseBool. */
function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** Splits a stringSlice value as pflag does (CSV with quotes). */
function splitCsv(v: string): string[] {
  if (v === '') return [];
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (q) {
      if (c === '"' && v[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"' && cur === '') q = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

const DURATION_RE = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/;

function setValue(f: FlagSpec, raw: string, values: Record<string, FlagValue>, changed: Set<string>): void {
  const bad = (why: string) => new UsageError(`invalid argument "${raw}" for "${flagDisplayName(f)}" flag: ${why}`);
  switch (f.type) {
    case 'bool': {
      const b = parseBool(raw);
      if (b === undefined) throw bad(`strconv.ParseBool: parsing "${raw}": invalid syntax`);
      values[f.name] = b;
      break;
    }
    case 'int': {
      if (!/^[-+]?\d+$/.test(raw)) throw bad(`strconv.ParseInt: parsing "${raw}": invalid syntax`);
      const n = Number(raw);
      if (!Number.isSafeInteger(n)) throw bad(`strconv.ParseInt: parsing "${raw}": value out of range`);
      values[f.name] = n;
      break;
    }
    case 'duration':
      if (raw !== '0' && !DURATION_RE.test(raw)) throw bad(`time: invalid duration "${raw}"`);
      values[f.name] = raw;
      break;
    case 'stringArray': {
      const cur = changed.has(f.name) ? (values[f.name] as string[]) : [];
      values[f.name] = [...cur, raw];
      break;
    }
    case 'stringSlice': {
      const cur = changed.has(f.name) ? (values[f.name] as string[]) : [];
      values[f.name] = [...cur, ...splitCsv(raw)];
      break;
    }
    case 'stringToString': {
      const cur = changed.has(f.name) ? (values[f.name] as Record<string, string>) : {};
      const next = { ...cur };
      for (const pair of splitCsv(raw)) {
        const eq = pair.indexOf('=');
        if (eq < 0) throw bad(`${pair} must be formatted as key=value`);
        next[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      values[f.name] = next;
      break;
    }
    default:
      values[f.name] = raw;
  }
  changed.add(f.name);
}

/**
 * Parses argv (the command path already removed) against the given flags. Throws UsageError with
 * pflag's text.
 */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): Parsed {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const f of specs) {
    byName.set(f.name, f);
    if (f.short) byShort.set(f.short, f);
  }
  const values: Record<string, FlagValue> = {};
  for (const f of specs) values[f.name] = defaultOf(f);
  const changed = new Set<string>();
  const args: string[] = [];
  const dashArgs: string[] = [];
  let argsLenAtDash = -1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      argsLenAtDash = args.length;
      dashArgs.push(...argv.slice(i + 1));
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const body = a.slice(2);
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const f = byName.get(name);
      if (!f) throw new UsageError(`unknown flag: --${name}`);
      if (eq >= 0) setValue(f, body.slice(eq + 1), values, changed);
      else if (f.type === 'bool') setValue(f, 'true', values, changed);
      else if (f.noOptDefault !== undefined) setValue(f, f.noOptDefault, values, changed);
      else if (i + 1 < argv.length) setValue(f, argv[++i], values, changed);
      else throw new UsageError(`flag needs an argument: --${name}`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      let shorts = a.slice(1);
      while (shorts.length > 0) {
        const c = shorts[0];
        const f = byShort.get(c);
        if (!f) throw new UsageError(`unknown shorthand flag: '${c}' in -${shorts}`);
        const rest = shorts.slice(1);
        if (rest.startsWith('=')) {
          setValue(f, rest.slice(1), values, changed);
          shorts = '';
        } else if (f.type === 'bool' || f.noOptDefault !== undefined) {
          setValue(f, f.type === 'bool' ? 'true' : f.noOptDefault!, values, changed);
          shorts = rest;
        } else if (rest.length > 0) {
          setValue(f, rest, values, changed);
          shorts = '';
        } else if (i + 1 < argv.length) {
          setValue(f, argv[++i], values, changed);
          shorts = '';
        } else {
          throw new UsageError(`flag needs an argument: '${c}' in -${c}`);
        }
      }
      continue;
    }
    args.push(a);
  }
  return { args, values, changed, dashArgs, argsLenAtDash };
}

/** -h / --help seen: the caller prints the command's help. */
export class HelpRequest extends Error {
  constructor() {
    super('help requested');
  }
}

/**
 * Cobra's stripFlags: the non-flag words of argv, skipping the values of flags that take one, so
 * the command path can be found before the command's own flags are known.
 */
export function nonFlagWords(argv: readonly string[], specs: readonly FlagSpec[]): string[] {
  const byName = new Map(specs.map((f) => [f.name, f]));
  const byShort = new Map(specs.filter((f) => f.short).map((f) => [f.short!, f]));
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('--')) {
      if (a.includes('=')) continue;
      const f = byName.get(a.slice(2));
      if (!f || (f.type !== 'bool' && f.noOptDefault === undefined)) i++;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (a.length === 2 && !a.includes('=')) {
        const f = byShort.get(a[1]);
        if (!f || (f.type !== 'bool' && f.noOptDefault === undefined)) i++;
      }
      continue;
    }
    out.push(a);
  }
  return out;
}
