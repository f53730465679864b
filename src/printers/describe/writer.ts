/**
 * kubectl describe's PrefixWriter over a tabwriter (minwidth 0, tabwidth 8, padding 2): text is
 * written at an indent level (2 spaces each), terminal escapes are neutralised, and the whole
 * description is aligned once at the end.
 */
import { TabWriter, DESCRIBE_TABWRITER } from '../tabwriter.js';

/** cli-runtime's WriteEscaped: ESC and CR cannot reach the terminal. */
const escapeTerminal = (s: string): string => s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');

export class DescribeWriter {
  private readonly parts: string[];

  constructor(
    parts?: string[],
    private readonly indent = 0,
  ) {
    this.parts = parts ?? [];
  }

  /** Writes text at an indent level (each level is two spaces). */
  write(level: number, text: string): void {
    this.parts.push(escapeTerminal('  '.repeat(level + this.indent) + text));
  }

  /** fmt.Sprintln of the text, with no indent (at the nested indent for a nested writer). */
  line(text = ''): void {
    this.parts.push(escapeTerminal('  '.repeat(this.indent) + text + '\n'));
  }

  /** A writer whose levels start deeper (kubectl's NewNestedPrefixWriter). */
  nested(indent: number): DescribeWriter {
    return new DescribeWriter(this.parts, this.indent + indent);
  }

  /** The text as written, tabs and all (a PrefixWriter with no tabwriter under it). */
  raw(): string {
    return this.parts.join('');
  }

  /** The aligned text. */
  toString(): string {
    return new TabWriter(DESCRIBE_TABWRITER).format(this.parts.join(''));
  }
}

/** Runs fn against a fresh writer and returns the aligned text (kubectl's tabbedString). */
export function tabbed(fn: (w: DescribeWriter) => void): string {
  const w = new DescribeWriter();
  fn(w);
  return w.toString();
}
