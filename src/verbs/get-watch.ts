/**
 * `kubectl get -w` / `--watch-only` / `--output-watch-events`: print the list, then one row (or
 * object) per change, with kubectl's watch layout — one tabwriter whose column widths are
 * remembered and only grow, no header after the first.
 *
 * The watcher registers itself in the cluster document (doc.engine.watchers) so that every
 * transaction, in any process, appends its changes to doc.engine.watchLog; it polls the document a
 * few times a second (a stat when nothing changed), and its own transactions let the control plane
 * catch up with time, so intermediate states (Pending → ContainerCreating → Running) are seen.
 */
import { statSync } from 'node:fs';
import type { Ctx, ClusterSession } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import type { ApiServer } from '../api/server.js';
import type { ResourceInfo } from '../api/registry.js';
import type { ResourceRequest } from './util/resources.js';
import type { GetOptions } from './get.js';
import type { WatchLogEntry, WatcherEntry } from '../api/state.js';
import { groupResource } from '../api/registry.js';
import { CliError } from '../cli/errors.js';
import { isStatusError } from '../api/errors.js';
import { clusterFile } from '../cluster/home.js';
import { parseLabelSelector, matchesLabels, parseFieldSelector } from '../api/selectors.js';
import { fieldValue } from '../api/fields.js';
import { tableRows } from '../printers/table/print.js';
import { TabWriter, GET_TABWRITER } from '../printers/tabwriter.js';
import { makePrinter, printFlagValues, type Printer, type WatchEventType } from '../printers/index.js';
import { fetchAll, tableOptions } from './get.js';

const POLL_MS = 250;
/** Re-register this often (real ms), and hold the entry this long (simulated ms) past the last renewal. */
const RENEW_MS = 5000;
const HOLD_MS = 60000;

const EVENT_CELL: Record<WatchEventType, string> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ' };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** What a watch follows: one resource, in a namespace (or all), narrowed by selectors or a name. */
export interface WatchTarget {
  ri: ResourceInfo;
  ns: string | undefined;
  name?: string;
  labelSelector: string;
  fieldSelector: string;
}

/** Whether a logged change concerns the target (as the API server's watch filter decides). */
export function matchesTarget(e: WatchLogEntry, t: WatchTarget): boolean {
  if (e.gr !== groupResource(t.ri)) return false;
  const o = e.obj;
  if (t.ns !== undefined && t.ri.namespaced && o.metadata.namespace !== t.ns) return false;
  if (t.name !== undefined && o.metadata.name !== t.name) return false;
  if (t.labelSelector && !matchesLabels(parseLabelSelector(t.labelSelector), o.metadata.labels)) return false;
  if (t.fieldSelector) {
    for (const r of parseFieldSelector(t.fieldSelector)) {
      if ((fieldValue(t.ri, o, r.field) === r.value) !== (r.op === '=')) return false;
    }
  }
  return true;
}

/**
 * Follows the watch log for a process: registers, reads new entries, renews, and stops quietly on
 * SIGINT/SIGTERM. `onEntries` runs inside the read transaction with the entries not yet seen.
 */
export class LogFollower {
  private readonly id = String(process.pid);
  private seen = 0;
  private lastRenew = 0;
  private stopped = false;
  private lastStat = '';
  private nextDue = 0;
  private readonly stopHandlers: (() => void)[] = [];

  constructor(
    private readonly session: ClusterSession,
    private readonly file: string,
  ) {}

  /** Registers the watcher and runs `first` (the initial read) in the same transaction. */
  async start<R>(first: (api: ApiServer) => R): Promise<R> {
    const result = await this.session.tx(
      (api) => {
        const eng = api.doc.engine;
        // Changes already made in this transaction are part of what `first` reads.
        this.seen = (eng.watchSeq ?? 0) + api.changes.length;
        this.register(api);
        return first(api);
      },
      { write: true },
    );
    this.lastRenew = Date.now();
    const stop = () => {
      this.stopped = true;
      for (const h of this.stopHandlers) h();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return result;
  }

  private register(api: ApiServer): void {
    const eng = api.doc.engine;
    eng.watchers ??= {};
    eng.watchers[this.id] = { until: api.now + HOLD_MS, seen: this.seen } satisfies WatcherEntry;
    api.markDirty();
  }

  get running(): boolean {
    return !this.stopped;
  }

  /** Resolves after `ms`, or at once when the watch is stopped. */
  private wait(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.stopHandlers.push(done);
    });
  }

  private changedOnDisk(): boolean {
    let sig = '';
    try {
      const st = statSync(this.file);
      sig = `${st.mtimeMs}:${st.size}:${st.ino}`;
    } catch {
      sig = 'missing';
    }
    if (sig === this.lastStat) return false;
    this.lastStat = sig;
    return true;
  }

  /** Polls until stopped, calling onEntries with each batch of new log entries. */
  async follow(onEntries: (entries: WatchLogEntry[], api: ApiServer) => void, flush: () => void): Promise<void> {
    while (!this.stopped) {
      await this.wait(POLL_MS);
      if (this.stopped) break;
      const renew = Date.now() - this.lastRenew >= RENEW_MS;
      if (!renew && !this.changedOnDisk() && Date.now() < this.nextDue) continue;
      await this.session.tx(
        (api) => {
          const eng = api.doc.engine;
          const fresh = (eng.watchLog ?? []).filter((e) => e.seq > this.seen);
          const pending = api.changes.map((c, i) => ({ seq: (eng.watchSeq ?? 0) + i + 1, type: c.type, gr: c.gr, obj: c.obj }));
          const all = [...fresh, ...pending];
          if (all.length) {
            this.seen = all[all.length - 1].seq;
            onEntries(all, api);
          }
          const mine = eng.watchers?.[this.id];
          if (renew || !mine) {
            this.register(api);
            this.lastRenew = Date.now();
          }
          const t = eng.timers[0];
          this.nextDue = t ? Date.now() + Math.max(0, t.at - api.now) : Date.now() + RENEW_MS;
        },
        renew ? { write: true } : {},
      );
      flush();
    }
    flush();
    // Best effort: leave the cluster's document as it was.
    try {
      await this.session.tx(
        (api) => {
          if (api.doc.engine.watchers?.[this.id]) {
            delete api.doc.engine.watchers[this.id];
            api.markDirty();
          }
        },
        { write: true },
      );
    } catch {
      /* the watch is over either way */
    }
  }
}

/** kubectl get -w: the initial list (unless --watch-only), then every change. */
export async function watchGet(ctx: Ctx, p: Parsed, o: GetOptions, requests: ResourceRequest[], human: boolean): Promise<number> {
  const v = p.values;
  if (!requests.length) throw new CliError('you must provide one or more resources by argument or filename');
  if (requests.length > 1) throw new CliError('you may only specify a single resource type');
  const req = requests[0];
  if (req.names.length > 1) throw new CliError('watch is only supported on individual resources and resource collections - more than 1 resource was found');
  if (o.allNs && req.names.length) throw new CliError('a resource cannot be retrieved by name across all namespaces');
  const watchOnly = v['watch-only'] as boolean;
  const withEvents = v['output-watch-events'] as boolean;
  const printer: Printer | undefined = human ? undefined : await makePrinter(printFlagValues(p.values, p.changed), { formats: 'get', cwd: ctx.cwd });
  const session = await ctx.cluster();
  const follower = new LogFollower(session, clusterFile(ctx.home, session.name));
  const target: WatchTarget = {
    ri: req.ri,
    ns: req.ri.namespaced && !o.allNs ? o.ns : undefined,
    name: req.names[0],
    labelSelector: o.selector,
    fieldSelector: o.fieldSelector,
  };
  const errors: unknown[] = [];
  const { found, now } = await follower.start((api) => ({ found: fetchAll(api, requests, o, errors), now: api.now }));
  if (errors.length) throw errors[0];
  const objs = found.flatMap((f) => f.objs);
  const writer = new TabWriter({ ...GET_TABWRITER, rememberWidths: true });
  const flush = () => ctx.io.flush?.();
  const opts = (t: number) => ({ ...tableOptions(o, req.ri, false, t), noHeaders: o.noHeaders });
  let printedHeader = false;
  const human1 = (items: KObject[], t: number, event?: WatchEventType): string => {
    const { header, rows } = tableRows(req.ri, items, opts(t));
    if (!rows.length) return '';
    let text = '';
    if (!o.noHeaders && !printedHeader) text += (withEvents ? ['EVENT', ...header] : header).join('\t') + '\n';
    printedHeader = true;
    for (const r of rows) text += (withEvents ? [EVENT_CELL[event ?? 'ADDED'], ...r] : r).join('\t') + '\n';
    return writer.format(text);
  };
  const emit = (items: KObject[], t: number, event: WatchEventType | undefined) => {
    if (!items.length) return;
    if (human) ctx.io.out(human1(items, t, withEvents ? event : undefined));
    else for (const it of items) ctx.io.out(printer!.print(it, withEvents ? event : undefined, writer));
  };
  if (!watchOnly) emit(objs, now, 'ADDED');
  flush();
  await follower.follow((entries, api) => {
    for (const e of entries) {
      if (!matchesTarget(e, target)) continue;
      try {
        emit([e.obj], api.now, e.type);
      } catch (err) {
        if (!isStatusError(err)) throw err;
      }
    }
  }, flush);
  return 0;
}
