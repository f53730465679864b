/**
 * Helpers the generators share: kubectl's source-argument parsers (--from-file, --from-literal,
 * --from-env-file), apimachinery's key validations, and a small file-system interface so the
 * generators stay testable.
 */
import { readFileSync, statSync, readdirSync, lstatSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { goJson } from '../util/objects.js';
import { goQuote } from '../../api/errors.js';

/** A generator's error: printed as "error: <message>". */
export class GeneratorError extends Error {}

/** What generators read from the file system. Paths are as the user gave them. */
export interface Files {
  /** undefined when missing; throws for other errors. */
  stat(path: string): { dir: boolean } | undefined;
  read(path: string): Buffer;
  /** Regular files of a directory, sorted by name (os.ReadDir skips nothing, we keep regular files). */
  list(dir: string): { name: string; regular: boolean }[];
  env(name: string): string | undefined;
}

/** Go's text for a system error (os.PathError's Err). */
export function goErrno(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return (e as Error)?.message ?? String(e);
  }
}

/** The real file system, relative to cwd. */
export function nodeFiles(cwd: string, env: Record<string, string | undefined>): Files {
  const abs = (p: string) => resolve(cwd, p);
  return {
    stat(path) {
      try {
        return { dir: statSync(abs(path)).isDirectory() };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new GeneratorError(`error reading ${path}: ${goErrno(e)}`);
      }
    },
    read(path) {
      try {
        return readFileSync(abs(path));
      } catch (e) {
        throw new GeneratorError(`open ${path}: ${goErrno(e)}`);
      }
    },
    list(dir) {
      try {
        return readdirSync(abs(dir))
          .sort()
          .map((name) => ({ name, regular: lstatSync(join(abs(dir), name)).isFile() }));
      } catch (e) {
        throw new GeneratorError(`error listing files in ${dir}: open ${dir}: ${goErrno(e)}`);
      }
    },
    env: (name) => env[name],
  };
}

/** Joins like Go's filepath.Join (cleans "a/./b", "a//b"). */
export function goJoin(dir: string, name: string): string {
  return join(dir, name);
}

/** util.ParseFileSource: "[key=]path". */
export function parseFileSource(source: string): [key: string, path: string] {
  const n = source.split('=').length - 1;
  if (n === 0) return [basename(source.replace(/\\/g, '/')), source];
  if (n === 1 && source.startsWith('=')) throw new GeneratorError(`key name for file path ${source.slice(1)} missing`);
  if (n === 1 && source.endsWith('=')) throw new GeneratorError(`file path for key name ${source.slice(0, -1)} missing`);
  if (n > 1) throw new GeneratorError("key names or file paths cannot contain '='");
  const [k, p] = source.split('=');
  return [k, p];
}

/** util.ParseLiteralSource: "key=value" (the value may contain "="). */
export function parseLiteralSource(source: string): [key: string, value: string] {
  const i = source.indexOf('=');
  if (i <= 0) throw new GeneratorError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, i), source.slice(i + 1)];
}

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (!examples.length) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

function chDirErrors(v: string): string[] {
  if (v === '.') return ["must not be '.'"];
  if (v === '..') return ["must not be '..'"];
  if (v.startsWith('..')) return ["must not start with '..'"];
  return [];
}

/** validation.IsConfigMapKey. */
export function configMapKeyErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!/^[-._a-zA-Z0-9]+$/.test(v)) errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  return [...errs, ...chDirErrors(v)];
}

/** validation.IsEnvVarName. */
export function envVarNameErrors(v: string): string[] {
  const errs: string[] = [];
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(v)) {
    errs.push(regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit", '[-._a-zA-Z][-._a-zA-Z0-9]*', 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  }
  return [...errs, ...chDirErrors(v)];
}

/** cmdutil.AddFromEnvFile: KEY=value lines; # comments; a bare KEY takes its value from the environment. */
export function readEnvFile(files: Files, path: string, add: (key: string, value: string) => void): void {
  const data = files.read(path);
  const lines = splitLines(data);
  lines.forEach((raw, i) => {
    const text = decodeUtf8(raw);
    if (text === undefined) throw new GeneratorError(`env file ${path} contains invalid utf8 bytes at line ${i + 1}: [${[...raw].join(' ')}]`);
    let s = text;
    if (i === 0 && s.startsWith('\ufeff')) s = s.slice(1);
    s = s.replace(/^\s+/, '');
    if (!s || s[0] === '#') return;
    const eq = s.indexOf('=');
    const key = eq < 0 ? s : s.slice(0, eq);
    const errs = envVarNameErrors(key);
    if (errs.length) throw new GeneratorError(`${goQuote(key)} is not a valid key name: ${errs.join(';')}`);
    const value = eq < 0 ? (files.env(key) ?? '') : s.slice(eq + 1);
    add(key, value);
  });
}

/** bufio.ScanLines: split on \n, dropping a trailing \r and a final empty line. */
function splitLines(data: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0x0a) {
      let end = i;
      if (end > start && data[end - 1] === 0x0d) end--;
      out.push(data.subarray(start, end));
      start = i + 1;
    }
  }
  if (start < data.length) {
    let end = data.length;
    if (data[end - 1] === 0x0d) end--;
    out.push(data.subarray(start, end));
  }
  return out;
}

/** The text of valid UTF-8, or undefined (utf8.Valid). */
export function decodeUtf8(b: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    return undefined;
  }
}

/** hash.encodeHash of a sha256 over Go's JSON of a map (sorted keys, HTML-escaped). */
export function kubectlHash(m: Record<string, unknown>): string {
  const json = goJson(JSON.stringify(sortDeep(m)));
  const hex = createHash('sha256').update(json).digest('hex');
  const map: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => map[c] ?? c).join('');
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortDeep((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Go's strconv.Atoi error text for s. */
export function atoiError(s: string): string {
  return /^[-+]?\d+$/.test(s) ? `strconv.Atoi: parsing ${goQuote(s)}: value out of range` : `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`;
}

/** intstr.Parse: an integer when the text is one, else a string. */
export function intstrParse(s: string): number | string {
  if (/^[-+]?\d+$/.test(s)) {
    const n = Number(s);
    if (Number.isSafeInteger(n) && n >= -(2 ** 63) && n < 2 ** 63) return n;
  }
  return s;
}

/** generate.ParseLabels / expose's parseLabels: "k=v,k2=v2". */
export function parseLabelSpec(spec: string): Record<string, string> {
  if (!spec) throw new GeneratorError('no label spec passed');
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new GeneratorError(`unexpected label spec: ${part}`);
    if (!kv[0]) throw new GeneratorError('unexpected empty label key');
    out[kv[0]] = kv[1];
  }
  return out;
}
