/**
 * kubectl's table printer: takes the server's columns and cells and lays them out with the tabwriter,
 * adding NAMESPACE (-A), kind prefixes (several kinds), -L columns and LABELS (--show-labels).
 */
import type { KObject } from '../../api/types.js';
import type { ResourceInfo } from '../../api/registry.js';
import { kindPrefix } from '../../api/registry.js';
import { tableFor, formatLabels } from './columns.js';

export interface TableOptions {
  wide: boolean;
  noHeaders: boolean;
  withNamespace: boolean;
  showLabels: boolean;
  labelColumns: string[];
  /** Prefix names with kind[.group]/ (several kinds in one result). */
  withKind: boolean;
  now: number;
}

/** Cuts a cell at its first line break, as kubectl does, and escapes control characters. */
function cleanCell(s: string): string {
  const i = s.search(/[\n\r\f]/);
  const cut = i >= 0 ? s.slice(0, i) + '...' : s;
  return cut.replace(/\t/g, ' ');
}

/** The header and rows (cells) of one resource's table, before layout. */
export function tableRows(ri: ResourceInfo, objs: KObject[], o: TableOptions): { header: string[]; rows: string[][] } {
  const gr = ri.group ? `${ri.resource}.${ri.group}` : ri.resource;
  const def = tableFor(gr);
  const keep = def.columns.map((c) => o.wide || c.priority === 0);
  const header: string[] = [];
  if (o.withNamespace && ri.namespaced) header.push('NAMESPACE');
  def.columns.forEach((c, i) => keep[i] && header.push(c.name.toUpperCase()));
  for (const l of o.labelColumns) header.push(l.split('/').pop()!.toUpperCase());
  if (o.showLabels) header.push('LABELS');
  const nameIdx = def.columns.findIndex((c) => c.name === 'Name');
  const rows = objs.map((obj) => {
    const cells = def.row(obj, o.now);
    if (o.withKind && nameIdx >= 0) cells[nameIdx] = `${kindPrefix(ri)}/${cells[nameIdx]}`;
    const row: string[] = [];
    if (o.withNamespace && ri.namespaced) row.push(obj.metadata.namespace ?? '');
    cells.forEach((cell, i) => keep[i] && row.push(cleanCell(cell)));
    for (const l of o.labelColumns) row.push(obj.metadata.labels?.[l] ?? '');
    if (o.showLabels) row.push(formatLabels(obj.metadata.labels));
    return row;
  });
  return { header, rows };
}

/** Lines of tab-separated cells, ready for the tabwriter. */
export function tableText(ri: ResourceInfo, objs: KObject[], o: TableOptions): string {
  const { header, rows } = tableRows(ri, objs, o);
  if (!rows.length) return '';
  const lines = o.noHeaders ? rows : [header, ...rows];
  return lines.map((r) => r.join('\t') + '\n').join('');
}
