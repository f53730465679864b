/**
 * Go's text/tabwriter (the variant kubectl uses), for left-aligned, space-padded output. Cells are
 * separated by '\t'; a column is a run of consecutive lines whose cell at that index is tab-terminated,
 * and each run gets its own width = max(minwidth, widest cell + padding). The last cell of a line is
 * never padded.
 */
export interface TabWriterOptions {
  minwidth: number;
  padding: number;
  /** Remember column widths across flushes so they only ever grow (kubectl's watch output). */
  rememberWidths?: boolean;
}

export const GET_TABWRITER: TabWriterOptions = { minwidth: 6, padding: 3 };
export const DESCRIBE_TABWRITER: TabWriterOptions = { minwidth: 0, padding: 2 };

const runeLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

export class TabWriter {
  private maxWidths: number[] = [];

  constructor(private readonly opts: TabWriterOptions) {}

  /** Formats text (lines separated by '\n'). A final line without '\n' is emitted as is. */
  format(text: string): string {
    const rawLines = text.split('\n');
    const endsWithNewline = text.endsWith('\n');
    if (endsWithNewline) rawLines.pop();
    const lines = rawLines.map((l) => l.split('\t'));
    const out: string[] = [];
    const widths: number[] = [];
    const writeLines = (line0: number, line1: number) => {
      for (let i = line0; i < line1; i++) {
        const line = lines[i];
        let s = '';
        for (let j = 0; j < line.length; j++) {
          const c = line[j];
          s += c;
          if (j < widths.length) s += ' '.repeat(Math.max(0, widths[j] - runeLength(c)));
        }
        out.push(s);
      }
    };
    const format = (line0: number, line1: number) => {
      const column = widths.length;
      for (let cur = line0; cur < line1; cur++) {
        if (column >= lines[cur].length - 1) continue;
        writeLines(line0, cur);
        line0 = cur;
        let width = this.opts.minwidth;
        for (; cur < line1; cur++) {
          const line = lines[cur];
          if (column >= line.length - 1) break;
          const w = runeLength(line[column]) + this.opts.padding;
          if (w > width) width = w;
        }
        if (this.opts.rememberWidths) {
          if (column < this.maxWidths.length && this.maxWidths[column] > width) width = this.maxWidths[column];
          else this.maxWidths[column] = width;
        }
        widths.push(width);
        format(line0, cur);
        widths.pop();
        line0 = cur;
        cur--;
      }
      writeLines(line0, line1);
    };
    format(0, lines.length);
    return out.join('\n') + (endsWithNewline ? '\n' : '');
  }
}
