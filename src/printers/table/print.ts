/**
 * kubectl's table printer: takes the server's columns and cells and lays them out with the tabwriter,
 * adding NAMESPACE (-A), kind prefixes (several kinds), -L columns and LABELS (--show-labels).
 */
import type { KObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/registry.js';
import { kindPrefix } from '../../api/registry.js';
import { tableFor, formatLabels, defaultTable } from './columns.js';

export interface TableOptions {
  wide: boolean;
  noHeaders: boolean;
  /** Add the NAMESPACE column (kubectl does this for -A on namespaced resources). */
  withNamespace: boolean;
  showLabels: boolean;
  labelColumns: string[];
  /** Prefix names with kind[.group]/ (several kinds in one result, or --show-kind). */
  withKind: boolean;
  now: number;
  /** --server-print=false: kubectl's own NAME/AGE table for every kind. */
  serverPrint?: boolean;
}

/** How kubectl writes a cell: cut at the first line break (adding "..."), terminal escapes defused. */
export function cleanCell(s: string): string {
  const i = s.search(/[\n\r\f]/);
  const cut = i >= 0 ? s.slice(0, i) + '...' : s;
  return cut.includes('\x1b') ? cut.replace(/\x1b/g, '^[') : cut;
}

/** The header and rows (cells) of one resource's table, before layout. */
export function tableRows(ri: ResourceInfo, objs: KObject[], o: TableOptions): { header: string[]; rows: string[][] } {
  const gr = ri.group ? `${ri.resource}.${ri.group}` : ri.resource;
  const def = o.serverPrint === false ? defaultTable : tableFor(gr);
  const keep = def.columns.map((c) => o.wide || c.priority === 0);
  const header: string[] = [];
  if (o.withNamespace) header.push('NAMESPACE');
  def.columns.forEach((c, i) => keep[i] && header.push(c.name.toUpperCase()));
  for (const l of o.labelColumns) header.push(l.split('/').pop()!.toUpperCase());
  if (o.showLabels) header.push('LABELS');
  const nameIdx = def.columns.findIndex((c) => c.name === 'Name');
  const prefix = kindPrefix(ri);
  const rows = objs.map((obj) => {
    // The API server always builds the wide cells; kubectl drops priority columns itself.
    const cells = def.row(obj, o.now, true);
    if (o.withKind && nameIdx >= 0) cells[nameIdx] = `${prefix}/${cells[nameIdx]}`;
    const row: string[] = [];
    if (o.withNamespace) row.push(cleanCell(obj.metadata.namespace ?? ''));
    cells.forEach((cell, i) => keep[i] && row.push(cleanCell(cell)));
    for (const l of o.labelColumns) row.push(cleanCell(obj.metadata.labels?.[l] ?? ''));
    if (o.showLabels) row.push(cleanCell(formatLabels(obj.metadata.labels)));
    return row;
  });
  return { header, rows };
}

/** Lines of tab-separated cells, ready for the tabwriter (no header when there are no rows). */
export function tableText(ri: ResourceInfo, objs: KObject[], o: TableOptions): string {
  const { header, rows } = tableRows(ri, objs, o);
  if (!rows.length) return '';
  const lines = o.noHeaders ? rows : [header, ...rows];
  return lines.map((r) => r.join('\t') + '\n').join('');
}
