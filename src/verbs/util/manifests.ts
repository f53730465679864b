/**
 * Reading -f inputs as kubectl's resource builder does: files, directories (-R), "-" for stdin,
 * multi-document YAML, JSON, and `kind: List`.
 */
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join, resolve, extname } from 'node:path';
import type { KObject } from '../../api/types.js';
import type { Ctx } from '../../cli/types.js';
import { CliError } from '../../cli/errors.js';

export interface Manifest {
  obj: KObject;
  /** The file it came from, as given ("STDIN" for -). */
  source: string;
}

const EXTS = new Set(['.json', '.yaml', '.yml']);

function listDir(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (recursive) out.push(...listDir(p, recursive));
    } else if (EXTS.has(extname(e.name))) out.push(p);
  }
  return out;
}

/** Parses one file's text into objects. Throws kubectl's "error parsing" text on bad YAML/JSON. */
export async function parseManifestText(text: string, source: string): Promise<KObject[]> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return expandLists([JSON.parse(text)]);
    } catch {
      /* fall through: JSON is YAML too, and the YAML parser gives the line */
    }
  }
  const { parseAllDocuments, GO_YAML } = await import('../../util/yaml-parse.js');
  const docs = parseAllDocuments(text, GO_YAML);
  const objs: unknown[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if (d.errors.length) {
      const [line, msg] = goYamlError(d.errors);
      // go-yaml names the line only past the first.
      const where = line > 1 ? `line ${line}: ` : '';
      throw new CliError(`error parsing ${source}: error converting YAML to JSON: yaml: ${where}${msg}`);
    }
    const v = d.toJS({ maxAliasCount: -1 });
    if (v === null || v === undefined) continue;
    objs.push(v);
  }
  return expandLists(objs);
}

interface YamlLibError {
  code: string;
  message: string;
  linePos?: [{ line: number; col: number }, { line: number; col: number }?];
}

/** go-yaml's wording and line for the YAML mistakes people make most. */
export function goYamlError(errors: readonly YamlLibError[]): [number, string] {
  const e = errors[0];
  const start = e.linePos?.[0]?.line ?? 1;
  switch (e.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      const lines = errors.filter((x) => x.code === 'BLOCK_AS_IMPLICIT_KEY' || x.code === 'MULTILINE_IMPLICIT_KEY').map((x) => x.linePos?.[1]?.line ?? x.linePos?.[0]?.line ?? 1);
      return [Math.max(...lines), 'mapping values are not allowed in this context'];
    }
    case 'BAD_INDENT':
      if (/Flow sequence/.test(e.message)) return [start - 1, "did not find expected ',' or ']'"];
      if (/Flow map/.test(e.message)) return [start - 1, "did not find expected ',' or '}'"];
      return [start - 1, 'did not find expected key'];
    case 'TAB_AS_INDENT':
      return [start, 'found character that cannot start any token'];
    case 'MISSING_CHAR':
      return [start, 'found unexpected end of stream'];
    case 'DUPLICATE_KEY':
      return [start, 'mapping key already defined'];
    default:
      return [start, e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')];
  }
}

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

/** All objects named by -f (and -R), in order, with their sources. */
export async function readManifests(ctx: Ctx, files: string[], recursive: boolean, verbName: string): Promise<Manifest[]> {
  const out: Manifest[] = [];
  for (const f of files) {
    if (f === '-') {
      const text = await ctx.io.readStdin();
      for (const obj of await parseManifestText(text, 'STDIN')) out.push({ obj, source: 'STDIN' });
      continue;
    }
    if (/^https?:\/\//.test(f)) throw new CliError(`unable to read URL "${f}": kubemu does not fetch manifests over the network; download the file and use -f with its path`);
    const path = resolve(ctx.cwd, f);
    let st;
    try {
      st = statSync(path);
    } catch {
      throw new CliError(`the path "${f}" does not exist`);
    }
    const paths = st.isDirectory() ? listDir(path, recursive).map((p) => (f.endsWith('/') ? f : f + '/') + p.slice(path.length + 1)) : [f];
    for (const p of paths) {
      const text = readFileSync(resolve(ctx.cwd, p), 'utf8');
      for (const obj of await parseManifestText(text, p)) out.push({ obj, source: p });
    }
  }
  if (!out.length) throw new CliError(`no objects passed to ${verbName}`);
  return out;
}
