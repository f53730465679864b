/**
 * `-o custom-columns=HDR:.path,…` and `-o custom-columns-file=FILE`: one column per JSONPath, headers
 * exactly as given, several values comma-joined, `<none>` when nothing is found, values printed with
 * Go's %v (maps as `map[k:v]`), laid out by the same tabwriter as `get`.
 */
import { JSONPath, JsonPathError, relaxedJsonPath } from './jsonpath.js';
import { goSprint } from './gofmt.js';
import { TabWriter, GET_TABWRITER } from './tabwriter.js';

export interface Column {
  header: string;
  spec: string;
}

export class CustomColumnsError extends Error {}

/** NewCustomColumnsPrinterFromSpec's parsing. */
export function columnsFromSpec(spec: string): Column[] {
  if (!spec) throw new CustomColumnsError('custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new CustomColumnsError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), spec: relaxed(part.slice(i + 1)) };
  });
}

function relaxed(expr: string): string {
  try {
    return relaxedJsonPath(expr);
  } catch (e) {
    throw new CustomColumnsError((e as Error).message);
  }
}

/** NewCustomColumnsPrinterFromTemplate: a header line and a spec line, split on whitespace. */
export function columnsFromTemplate(text: string): Column[] {
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  const words = (l: string) => l.replace(/\r$/, '').split(/[ \t\n\v\f\r\u0085\u00a0]+/).filter(Boolean);
  const format = 'Expected format is one line of space separated headers, one line of space separated column specs.';
  if (text === '' || lines.length < 1) throw new CustomColumnsError(`invalid template, missing header line. ${format}`);
  if (lines.length < 2) throw new CustomColumnsError(`invalid template, missing spec line. ${format}`);
  const headers = words(lines[0]);
  const specs = words(lines[1]);
  if (headers.length !== specs.length) throw new CustomColumnsError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  return headers.map((h, i) => ({ header: h, spec: relaxed(specs[i]) }));
}

const escapeTerminal = (s: string) => s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');

export class CustomColumnsPrinter {
  private printedHeader = false;

  constructor(
    private readonly columns: Column[],
    private readonly noHeaders: boolean,
  ) {}

  private row(parsers: JSONPath[], obj: unknown): string {
    return (
      parsers
        .map((jp) => {
          const values = jp.findResults(obj);
          const out: string[] = [];
          if (!values.length || !values[0].length) out.push('<none>');
          for (const vs of values) for (const v of vs) out.push(escapeTerminal(v === undefined ? '<nil>' : goSprint(v)));
          return out.join(',');
        })
        .join('\t') + '\n'
    );
  }

  /**
   * Prints an object, or each item of a List (the header once, before the first print), through the
   * given tabwriter (a watch keeps one, so widths only grow) or a new one. Like kubectl, the header
   * is written before the column paths are parsed: a bad path fails after it (the error's `stdout`).
   */
  print(obj: unknown, writer = new TabWriter(GET_TABWRITER), isWatchEvent = false): string {
    let text = '';
    if (!this.noHeaders && !this.printedHeader) {
      text += this.columns.map((c) => c.header).join('\t') + '\n';
      this.printedHeader = true;
    }
    let parsers: JSONPath[];
    try {
      parsers = this.columns.map((c) => {
        const jp = new JSONPath();
        jp.allowMissingKeys = true;
        jp.parse(c.spec);
        return jp;
      });
    } catch (e) {
      throw Object.assign(new CustomColumnsError((e as JsonPathError).message), { stdout: writer.format(text) });
    }
    const o = obj as { kind?: string; items?: unknown[] };
    if (!isWatchEvent && Array.isArray(o?.items) && typeof o.kind === 'string' && o.kind.endsWith('List')) {
      for (const item of o.items) text += this.row(parsers, item);
    } else text += this.row(parsers, obj);
    return writer.format(text);
  }
}
