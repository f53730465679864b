/**
 * Reading -f inputs as kubectl's resource builder does: files, globs, directories (-R), "-" for stdin,
 * YAML streams split on "---" lines and parsed as go-yaml parses them, JSON streams, and `kind: List`.
 * Read errors are kept in order with the objects read before them, as kubectl collects them before
 * acting on the objects it could read.
 */
import { readFileSync, statSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve, extname, dirname, basename } from 'node:path';
import type { KObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/registry.js';
import type { Ctx } from '../../cli/types.js';
import { CliError, AggregateError2 } from '../../cli/errors.js';
import { mapManifest, ReadStop } from './objects.js';

export interface Manifest {
  obj: KObject;
  /** The file it came from, as given ("STDIN" for -). */
  source: string;
}

/** An object read and mapped to its resource, ready to send. */
export interface Item {
  ri: ResourceInfo;
  obj: KObject;
  source: string;
}

const EXTS = new Set(['.json', '.yaml', '.yml']);

/** filepath.Walk under dir: files with a manifest extension, subdirectories only with -R, in name order. */
function listDir(dir: string, shown: string, recursive: boolean): [string, string][] {
  const out: [string, string][] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    const s = join(shown, e.name);
    if (e.isDirectory()) {
      if (recursive) out.push(...listDir(p, s, recursive));
    } else if (EXTS.has(extname(e.name))) out.push([p, s]);
  }
  return out;
}

/**
 * One "---"-separated document per chunk, as apimachinery's YAMLReader splits a stream; a separator
 * line with more than a comment after it stops the stream (documents before it are kept).
 */
export function splitYamlDocuments(text: string): { docs: string[]; error?: string } {
  const docs: string[] = [];
  let buf = '';
  // bufio.ReadLine drops "\n" and "\r\n"; the reader gives every line back with "\n".
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest.length > 0 && rest[0] !== '#') return { docs, error: `invalid Yaml document separator: ${rest}` };
      if (buf.length) docs.push(buf);
      buf = '';
      continue;
    }
    buf += line + '\n';
  }
  if (buf.length) docs.push(buf);
  return { docs };
}

function isJsonStream(text: string): boolean {
  return /^\s*\{/.test(text.slice(0, 4096));
}

/**
 * The values of one input, in order, and the error that stopped reading it (kubectl's "error parsing
 * <source>: ..."). YAML documents that are empty or null are skipped.
 */
export async function parseManifestStream(text: string, source: string): Promise<{ values: unknown[]; error?: CliError }> {
  const values: unknown[] = [];
  if (isJsonStream(text)) {
    const { readJsonStream } = await import('./json-stream.js');
    const r = readJsonStream(text);
    for (const v of r.values) {
      const parsed = JSON.parse(v);
      if (parsed !== null) values.push(parsed);
    }
    return { values, error: r.error ? new CliError(`error parsing ${source}: ${r.error}`) : undefined };
  }
  const { goYamlUnmarshal, GoYamlError } = await import('./goyaml.js');
  const split = splitYamlDocuments(text);
  for (const d of split.docs) {
    try {
      const v = goYamlUnmarshal(d);
      if (v !== null && v !== undefined) values.push(v);
    } catch (e) {
      if (e instanceof GoYamlError) return { values, error: new CliError(`error parsing ${source}: error converting YAML to JSON: ${e.message}`) };
      throw e;
    }
  }
  return { values, error: split.error ? new CliError(`error parsing ${source}: ${split.error}`) : undefined };
}

/** Parses one input's text into objects; throws the first read error (for verbs that stop at it). */
export async function parseManifestText(text: string, source: string): Promise<KObject[]> {
  const r = await parseManifestStream(text, source);
  if (r.error) throw r.error;
  return expandLists(r.values);
}

/** Items of `kind: ...List` objects are read as objects of their own. */
function expandLists(objs: unknown[]): KObject[] {
  const out: KObject[] = [];
  for (const o of objs) {
    if (o && typeof o === 'object' && !Array.isArray(o)) {
      const k = o as KObject;
      if (typeof k.kind === 'string' && k.kind.endsWith('List') && Array.isArray(k.items)) out.push(...expandLists(k.items));
      else out.push(k);
    } else {
      out.push(o as KObject);
    }
  }
  return out;
}

const isGlob = (s: string) => /[*?[]/.test(s);

function globMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const j = pattern.indexOf(']', i + 1);
      if (j < 0) throw new CliError(`pattern "${pattern}" is not valid: syntax error in pattern`);
      let set = pattern.slice(i + 1, j);
      if (set.startsWith('^')) set = '!' + set.slice(1);
      re += set.startsWith('!') ? `[^${set.slice(1).replace(/\\/g, '\\\\')}]` : `[${set.replace(/\\/g, '\\\\')}]`;
      i = j;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(re + '$').test(name);
}

/** expandIfFilePattern: a path as given, or the files a glob in its last element names. */
function expandPath(ctx: Ctx, f: string): string[] {
  if (existsSync(resolve(ctx.cwd, f))) return [f];
  if (isGlob(f)) {
    const dir = dirname(f);
    const pat = basename(f);
    if (!isGlob(dir) && existsSync(resolve(ctx.cwd, dir))) {
      const names = readdirSync(resolve(ctx.cwd, dir)).filter((n) => globMatch(pat, n)).sort();
      if (names.length) return names.map((n) => (dir === '.' && !f.startsWith('./') ? n : join(dir, n)));
    }
  }
  throw new CliError(`the path "${f}" does not exist`);
}

interface Source {
  text?: string;
  path?: string;
  shown: string;
}

/** The inputs -f names, in order: stdin, files, directory contents. Missing paths are reported together. */
async function sources(ctx: Ctx, files: string[], recursive: boolean): Promise<Source[]> {
  const out: Source[] = [];
  const errs: CliError[] = [];
  for (const f of files) {
    if (f === '-') {
      out.push({ text: await ctx.io.readStdin(), shown: 'STDIN' });
      continue;
    }
    if (/^https?:\/\//.test(f)) {
      errs.push(new CliError(`unable to read URL "${f}": kubemu does not fetch manifests over the network; download the file and use -f with its path`));
      continue;
    }
    let paths: string[];
    try {
      paths = expandPath(ctx, f);
    } catch (e) {
      errs.push(e as CliError);
      continue;
    }
    for (const p of paths) {
      const abs = resolve(ctx.cwd, p);
      if (statSync(abs).isDirectory()) for (const [file, shown] of listDir(abs, p, recursive)) out.push({ path: file, shown });
      else out.push({ path: abs, shown: p });
    }
  }
  if (errs.length === 1) throw errs[0];
  if (errs.length > 1) {
    throw new AggregateError2(errs);
  }
  return out;
}

/**
 * What kubectl's builder yields for -f: the objects it could read and map (apiVersion, kind, a known
 * resource, the namespace), and the errors met on the way, in kubectl's order.
 */
export async function readObjects(
  ctx: Ctx,
  files: string[],
  recursive: boolean,
  ns: string,
  nsExplicit: boolean,
  validate = true,
): Promise<{ items: Item[]; errors: unknown[]; order: ({ item: Item } | { error: unknown })[] }> {
  const items: Item[] = [];
  const errors: unknown[] = [];
  const order: ({ item: Item } | { error: unknown })[] = [];
  for (const src of await sources(ctx, files, recursive)) {
    const text = src.text ?? readFileSync(src.path!, 'utf8');
    const r = await parseManifestStream(text, src.shown);
    let stopped = false;
    for (const obj of expandLists(r.values)) {
      try {
        const { ri, obj: mapped } = mapManifest({ obj, source: src.shown }, ns, nsExplicit, validate);
        const item = { ri, obj: mapped, source: src.shown };
        items.push(item);
        order.push({ item });
      } catch (e) {
        errors.push(e);
        order.push({ error: e });
        // A document that fails validation stops the rest of its input, as kubectl's stream visitor does.
        if (e instanceof ReadStop) {
          stopped = true;
          break;
        }
      }
    }
    if (r.error && !stopped) {
      errors.push(r.error);
      order.push({ error: r.error });
    }
  }
  return { items, errors, order };
}

/** All objects named by -f (and -R), in order, with their sources; throws the first read error. */
export async function readManifests(ctx: Ctx, files: string[], recursive: boolean, verbName: string): Promise<Manifest[]> {
  const out: Manifest[] = [];
  for (const src of await sources(ctx, files, recursive)) {
    const text = src.text ?? readFileSync(src.path!, 'utf8');
    for (const obj of await parseManifestText(text, src.shown)) out.push({ obj, source: src.shown });
  }
  if (!out.length) throw new CliError(`no objects passed to ${verbName}`);
  return out;
}
