import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import { CliError, ExitError } from '../cli/errors.js';
import { clusterFile } from '../cluster/home.js';
import { forGroupResource, lookupResource, apiVersionOf } from '../api/registry.js';
import { humanDuration } from '../printers/duration.js';
import { TabWriter, GET_TABWRITER } from '../printers/tabwriter.js';
import { PRINT_FLAGS, makePrinter, printFlagValues, allowedFormats, type Printer } from '../printers/index.js';
import { goSort } from '../printers/sort.js';

export const verb: VerbModule = {
  use: `events [(-o|--output=)${allowedFormats('generic').join('|')}] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]`,
  long: `Display events.

 Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.`,
  example: `  # List recent events in the default namespace
  kubectl events
  
  # List recent events in all namespaces
  kubectl events --all-namespaces
  
  # List recent events for the specified pod, then wait for more events and list them as they arrive
  kubectl events --for pod/web-pod-13je7 --watch
  
  # List recent events in YAML format
  kubectl events -oyaml
  
  # List recent only events of type 'Warning' or 'Normal'
  kubectl events --types=Warning,Normal`,
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { name: 'for', type: 'string', usage: 'Filter events to only those pertaining to the specified resource.' },
    { name: 'no-headers', type: 'bool', usage: "When using the default output format, don't print headers." },
    { name: 'types', type: 'stringSlice', usage: 'Output only events of given types.' },
    { name: 'watch', short: 'w', type: 'bool', usage: 'After listing the requested events, watch for more events.' },
    ...PRINT_FLAGS,
  ],
  run,
};

interface ForObject {
  kind: string;
  apiVersion: string;
  name: string;
}

/** --for TYPE/NAME, resolved as kubectl's RESTMapper would. */
function parseFor(ctx: Ctx, s: string): ForObject | undefined {
  if (!s) return undefined;
  if (!s.includes('/')) throw new CliError('--for must be in resource/name form');
  const seg = s.split('/');
  if (seg.length !== 2) throw new CliError('arguments in resource/name form may not have more than one slash');
  const ri = lookupResource(seg[0]);
  if (!ri) {
    // kubectl prints the mapper's error as is, without "error: ".
    ctx.io.err(`the server doesn't have a resource type "${seg[0].toLowerCase()}"\n`);
    throw new ExitError(1);
  }
  return { kind: ri.kind, apiVersion: apiVersionOf(ri), name: seg[1] };
}

/** When an event last happened: series, else lastTimestamp, else eventTime (kubectl's sort key). */
function eventTime(e: KObject): number {
  const t = e.series?.lastObservedTime || e.lastTimestamp || e.eventTime;
  return t ? Date.parse(t) : -Infinity;
}

const since = (ts: string | undefined | null, now: number) => (ts ? humanDuration(now - Date.parse(ts)) : '<unknown>');

/** LAST SEEN: the first occurrence, or `last (xN over first)` for repeated events. */
export function eventInterval(e: KObject, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

const escapeTerminal = (s: string) => s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');

function eventLine(e: KObject, now: number, allNs: boolean): string {
  const io = e.involvedObject ?? {};
  const cells = [eventInterval(e, now), escapeTerminal(e.type ?? ''), escapeTerminal(e.reason ?? ''), `${escapeTerminal(io.kind ?? '')}/${escapeTerminal(io.name ?? '')}`, escapeTerminal((e.message ?? '').trim())];
  return (allNs ? [e.metadata.namespace ?? '', ...cells] : cells).join('\t') + '\n';
}

// ---- Events as the typed client decodes them (for -o json/yaml/templates) ---------------------------

function omitEmpty(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '' || v === 0 || v === false) continue;
    if (Array.isArray(v) && !v.length) continue;
    if (typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).length) continue;
    out[k] = v;
  }
  return out;
}

function typedMeta(m: KObject['metadata']): Record<string, unknown> {
  const head = omitEmpty({ name: m.name, generateName: m.generateName, namespace: m.namespace, selfLink: m.selfLink, uid: m.uid, resourceVersion: m.resourceVersion, generation: m.generation });
  const tail = omitEmpty({
    deletionTimestamp: m.deletionTimestamp,
    deletionGracePeriodSeconds: m.deletionGracePeriodSeconds,
    labels: m.labels,
    annotations: m.annotations,
    ownerReferences: m.ownerReferences,
    finalizers: m.finalizers,
    managedFields: m.managedFields,
  });
  return { ...head, creationTimestamp: m.creationTimestamp ?? null, ...tail };
}

function typedRef(r: Record<string, unknown> | undefined): Record<string, unknown> {
  const o = r ?? {};
  return omitEmpty({ kind: o.kind, namespace: o.namespace, name: o.name, uid: o.uid, apiVersion: o.apiVersion, resourceVersion: o.resourceVersion, fieldPath: o.fieldPath });
}

/** A corev1.Event in Go struct field order, with the zero values the typed encoder writes. */
export function typedEvent(e: KObject): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: 'Event', apiVersion: 'v1', metadata: typedMeta(e.metadata), involvedObject: typedRef(e.involvedObject) };
  Object.assign(out, omitEmpty({ reason: e.reason, message: e.message }));
  out.source = omitEmpty({ component: e.source?.component, host: e.source?.host });
  out.firstTimestamp = e.firstTimestamp ?? null;
  out.lastTimestamp = e.lastTimestamp ?? null;
  Object.assign(out, omitEmpty({ count: e.count, type: e.type }));
  out.eventTime = e.eventTime ?? null;
  if (e.series) out.series = { count: e.series.count ?? 0, lastObservedTime: e.series.lastObservedTime ?? null };
  Object.assign(out, omitEmpty({ action: e.action }));
  if (e.related) out.related = typedRef(e.related);
  out.reportingComponent = e.reportingComponent ?? '';
  out.reportingInstance = e.reportingInstance ?? '';
  return out;
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const allNs = v['all-namespaces'] as boolean;
  const ns = ctx.namespace();
  const forObj = parseFor(ctx, v.for as string);
  const types = [...new Set(v.types as string[])].sort();
  for (const t of types) if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw new CliError('valid --types are Normal or Warning');
  const printer: Printer | undefined = v.output ? await makePrinter(printFlagValues(p.values, p.changed), { formats: 'generic', cwd: ctx.cwd, typed: true }) : undefined;
  const noHeaders = v['no-headers'] as boolean;
  const eventsRi = forGroupResource('events')!;
  const wanted = (e: KObject) => {
    if (types.length && !types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase())) return false;
    if (forObj) {
      const io = e.involvedObject ?? {};
      if (io.kind !== forObj.kind || io.apiVersion !== forObj.apiVersion || io.name !== forObj.name) return false;
    }
    return true;
  };
  let headerPrinted = false;
  const human = (items: KObject[], now: number, writer: TabWriter): string => {
    let text = '';
    if (!noHeaders && !headerPrinted) text += (allNs ? 'NAMESPACE\t' : '') + 'LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n';
    headerPrinted = true;
    for (const e of items) text += eventLine(e, now, allNs);
    return writer.format(text);
  };
  const session = await ctx.cluster();
  if (v.watch) {
    const { LogFollower } = await import('./get-watch.js');
    const follower = new LogFollower(session, clusterFile(ctx.home, session.name));
    const writer = new TabWriter({ ...GET_TABWRITER, rememberWidths: true });
    const show = (items: KObject[], now: number) => {
      if (!items.length) return;
      if (printer) for (const e of items) ctx.io.out(safePrint(printer, typedEvent(e)));
      else ctx.io.out(human(items, now, writer));
    };
    // Like a watch from "now": the events that exist arrive first (in the server's order), then new ones.
    const { initial, now } = await follower.start((api) => ({ initial: api.list(eventsRi, allNs ? undefined : ns).filter(wanted), now: api.now }));
    show(initial, now);
    ctx.io.flush?.();
    await follower.follow(
      (entries, api) => {
        const items = entries.filter((e) => e.gr === 'events' && e.type !== 'DELETED' && (allNs || e.obj.metadata.namespace === ns) && wanted(e.obj)).map((e) => e.obj);
        show(items, api.now);
      },
      () => ctx.io.flush?.(),
    );
    return 0;
  }
  const { items, now } = await session.tx((api) => ({ items: api.list(eventsRi, allNs ? undefined : ns), now: api.now }));
  const filtered = items.filter(wanted);
  if (!filtered.length) {
    ctx.io.err(allNs ? 'No events found.\n' : `No events found in ${ns} namespace.\n`);
    return 0;
  }
  goSort(filtered, (a, b) => eventTime(a) < eventTime(b));
  if (!printer) {
    ctx.io.out(human(filtered, now, new TabWriter(GET_TABWRITER)));
    return 0;
  }
  const list = { kind: 'EventList', apiVersion: 'v1', metadata: {}, items: filtered.map(typedEvent) };
  // kubectl ignores what its printer returns here (e.g. -o name cannot print a typed list).
  ctx.io.out(safePrint(printer, list, true));
  return 0;
}

/** kubectl events ignores printer errors; the name printer refuses typed lists. */
function safePrint(printer: Printer, obj: Record<string, unknown>, isList = false): string {
  if (printer.format === 'name' && isList) return '';
  try {
    return printer.print(obj);
  } catch (e) {
    const stdout = (e as { stdout?: string }).stdout;
    return stdout ?? '';
  }
}
