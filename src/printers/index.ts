/**
 * The printer factory: kubectl's PrintFlags. A verb that takes -o declares PRINT_FLAGS (or
 * GET_PRINT_FLAGS) and calls makePrinter() with the parsed values; it gets a printer for json, yaml,
 * name, jsonpath=, jsonpath-file=, jsonpath-as-json=, go-template= (and -file, template,
 * templatefile), custom-columns= and custom-columns-file= — or `undefined` for the default output
 * (the verb's own lines; the table for `get`). Unknown formats and bad templates fail with kubectl's
 * texts. The heavy printers are loaded only when asked for.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FlagSpec } from '../cli/flags.js';
import { printJson, printName } from './output.js';
import { goJsonCompact } from './gofmt.js';
import type { TabWriter } from './tabwriter.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Printer {
  readonly format: 'json' | 'yaml' | 'name' | 'jsonpath' | 'go-template' | 'custom-columns';
  /**
   * The text for one object or a List (`{kind: "List", items}`), or for a watch event when `event`
   * is given. Throws an Error with kubectl's message; a go-template error carries `stdout`, the text
   * kubectl prints before failing.
   */
  print(obj: unknown, event?: WatchEventType, writer?: TabWriter): string;
}

export interface PrintFlagValues {
  /** -o */
  output: string;
  /** --template */
  template?: string;
  /** --allow-missing-template-keys (default true) */
  allowMissingTemplateKeys?: boolean;
  /** --show-managed-fields */
  showManagedFields?: boolean;
  /** --no-headers (custom-columns) */
  noHeaders?: boolean;
  /** Whether -o was given: for verbs other than get, --template implies go-template only without it. */
  outputChanged?: boolean;
}

export interface PrinterContext {
  /** 'get' also accepts wide and custom-columns; 'generic' is every other verb's set. */
  formats: 'get' | 'generic';
  /** For relative template file names. */
  cwd: string;
  /**
   * The objects are typed (built in Go struct field order, e.g. by a generator or `kubectl events`):
   * -o json keeps their key order instead of sorting it.
   */
  typed?: boolean;
}

const TEMPLATE_FORMATS = ['go-template', 'go-template-file', 'template', 'templatefile'];
const JSONPATH_FORMATS = ['jsonpath', 'jsonpath-as-json', 'jsonpath-file'];
const COLUMNS_FORMATS = ['custom-columns', 'custom-columns-file'];

/** In the order kubectl's help lists them. */
export function allowedFormats(formats: 'get' | 'generic'): string[] {
  const base = ['json', 'yaml', 'name', ...TEMPLATE_FORMATS, ...JSONPATH_FORMATS];
  return formats === 'get' ? [...base, ...COLUMNS_FORMATS, 'wide'] : base;
}

const TEMPLATE_FLAG: FlagSpec = {
  name: 'template',
  type: 'string',
  usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
};
const ALLOW_MISSING_FLAG: FlagSpec = {
  name: 'allow-missing-template-keys',
  type: 'bool',
  default: true,
  usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
};
const MANAGED_FIELDS_FLAG: FlagSpec = {
  name: 'show-managed-fields',
  type: 'bool',
  usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
};

/** kubectl's PrintFlags for verbs other than get: -o, --template, --allow-missing-template-keys, --show-managed-fields. */
export const PRINT_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string', usage: `Output format. One of: (${allowedFormats('generic').join(', ')}).` },
  TEMPLATE_FLAG,
  ALLOW_MISSING_FLAG,
  MANAGED_FIELDS_FLAG,
];

/** get's print flags (its human-readable flags — -L, --show-kind, … — are get's own). */
export const GET_PRINT_FLAGS: FlagSpec[] = [
  {
    name: 'output',
    short: 'o',
    type: 'string',
    usage: `Output format. One of: (${allowedFormats('get').join(', ')}). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].`,
  },
  TEMPLATE_FLAG,
  ALLOW_MISSING_FLAG,
  MANAGED_FIELDS_FLAG,
  { name: 'no-headers', type: 'bool', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
];

/** The values of the print flags from a parsed command line. */
export function printFlagValues(values: Record<string, unknown>, changed: Set<string>): PrintFlagValues {
  return {
    output: (values.output as string) ?? '',
    template: (values.template as string) ?? '',
    allowMissingTemplateKeys: values['allow-missing-template-keys'] !== false,
    showManagedFields: values['show-managed-fields'] === true,
    noHeaders: values['no-headers'] === true,
    outputChanged: changed.has('output'),
  };
}

export class NoCompatiblePrinterError extends Error {
  constructor(output: string, allowed: string[]) {
    super(`unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: ${[...allowed].sort().join(',')}`);
  }
}

/** A template format's value: `-o fmt=VALUE`, or --template. */
function templateValue(output: string, formats: string[], template: string): [string, string] | undefined {
  if (!template && !output) return undefined;
  let format = output;
  let value = template;
  if (!template) {
    for (const f of formats) {
      if (output.startsWith(f + '=')) {
        value = output.slice(f.length + 1);
        format = f;
        break;
      }
    }
  }
  if (!formats.includes(format)) return undefined;
  return [format, value];
}

function readTemplate(cwd: string, path: string, what: 'template' | '--template'): string {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    const op = code === 'EISDIR' ? 'read' : 'open';
    return fail(`error reading ${what} ${path}, ${op} ${path}: ${why}${what === 'template' ? '\n' : ''}`);
  }
}

function fail(msg: string): never {
  throw new Error(msg);
}

/** Drops metadata.managedFields (kubectl's OmitManagedFieldsPrinter). */
function omitManagedFields(obj: unknown): unknown {
  const o = obj as { kind?: string; items?: unknown[]; metadata?: Record<string, unknown> };
  if (!o || typeof o !== 'object') return obj;
  if (Array.isArray(o.items)) return { ...o, items: o.items.map(omitManagedFields) };
  if (o.metadata && 'managedFields' in o.metadata) {
    const { managedFields: _drop, ...metadata } = o.metadata;
    return { ...o, metadata };
  }
  return obj;
}

function isList(obj: unknown): obj is { items: unknown[] } {
  const o = obj as { kind?: string; items?: unknown };
  return !!o && typeof o === 'object' && Array.isArray(o.items) && typeof o.kind === 'string' && o.kind.endsWith('List');
}

/**
 * Builds the printer for the flags, or returns undefined for the default output (the verb's own
 * lines; `get`'s table for "" and "wide"). Throws kubectl's errors.
 */
export async function makePrinter(f: PrintFlagValues, ctx: PrinterContext): Promise<Printer | undefined> {
  let output = f.output;
  const template = f.template ?? '';
  const allowMissing = f.allowMissingTemplateKeys !== false;
  if (template && (ctx.formats === 'get' ? !output : !f.outputChanged)) output = 'go-template';
  const allowed = allowedFormats(ctx.formats);

  // jsonpath
  const jp = templateValue(output, JSONPATH_FORMATS, template);
  if (jp) {
    let [format, value] = jp;
    if (!value) fail('template format specified but no template given');
    if (format === 'jsonpath-file') value = readTemplate(ctx.cwd, value, '--template');
    const { JsonPathPrinter } = await import('./jsonpath.js');
    const p = new JsonPathPrinter(value, allowMissing, format === 'jsonpath-as-json');
    return { format: 'jsonpath', print: (obj, event) => p.print(event ? { type: event, object: obj } : obj) };
  }
  // go-template
  const gt = templateValue(output, TEMPLATE_FORMATS, template);
  if (gt) {
    let [format, value] = gt;
    if (!value) fail('template format specified but no template given');
    if (format === 'templatefile' || format === 'go-template-file') value = readTemplate(ctx.cwd, value, '--template');
    const { GoTemplatePrinter } = await import('./gotemplate.js');
    const p = new GoTemplatePrinter(value, allowMissing);
    return { format: 'go-template', print: (obj, event) => p.print(event ? { type: event, object: obj } : obj) };
  }
  const lower = output.toLowerCase();
  if (lower === 'json' || lower === 'yaml') {
    const yaml = lower === 'yaml' ? (await import('./yaml.js')).printYaml : undefined;
    let count = 0;
    return {
      format: lower,
      print(obj, event) {
        const o = f.showManagedFields ? obj : omitManagedFields(obj);
        if (yaml) {
          count++;
          return (count > 1 ? '---\n' : '') + yaml(event ? { object: o, type: event } : o);
        }
        if (event) {
          return `{"type":${JSON.stringify(event)},"object":${goJsonCompact(o)}}\n`;
        }
        return printJson(o, { sort: !ctx.typed });
      },
    };
  }
  if (ctx.formats === 'get' && (output === '' || output === 'wide')) return undefined;
  if (ctx.formats === 'get') {
    const cc = templateValue(output, COLUMNS_FORMATS, template);
    if (cc) {
      const format = cc[0];
      let value = cc[1];
      if (!value) fail('custom-columns format specified but no custom columns given');
      const m = await import('./custom-columns.js');
      let columns;
      if (format === 'custom-columns-file') {
        value = readTemplate(ctx.cwd, value, 'template');
        columns = m.columnsFromTemplate(value);
      } else columns = m.columnsFromSpec(value);
      const p = new m.CustomColumnsPrinter(columns, format === 'custom-columns' && f.noHeaders === true);
      return { format: 'custom-columns', print: (obj, event, writer) => p.print(event ? { type: event, object: obj } : obj, writer, !!event) };
    }
  }
  if (lower === 'name') {
    return {
      format: 'name',
      print: (obj) => (isList(obj) ? obj.items.map((i) => printName(i as never)).join('') : printName(obj as never)),
    };
  }
  if (ctx.formats === 'generic' && output === '') return undefined;
  throw new NoCompatiblePrinterError(output, allowed);
}
