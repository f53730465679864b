/**
 * The watch log: while a watcher (`get -w`, `events -w`) is registered, every change a transaction
 * made is kept in doc.engine.watchLog with an increasing position, so the watcher — a separate
 * process polling the document — sees each intermediate state. Bounded: entries every watcher has
 * read are dropped, watchers whose process is gone are forgotten, and the log never exceeds
 * MAX_ENTRIES.
 */
import type { ApiServer } from '../api/server.js';
import type { EngineState, WatcherEntry } from '../api/state.js';

export const MAX_ENTRIES = 2000;

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Watchers still running: their process is alive (watchers are processes on this machine, sharing
 * KUBEMU_HOME). A watcher that died without cleaning up is dropped at the next transaction.
 */
export function liveWatchers(eng: EngineState): Record<string, WatcherEntry> {
  const live: Record<string, WatcherEntry> = {};
  for (const [id, w] of Object.entries(eng.watchers ?? {})) {
    const entry: WatcherEntry = typeof w === 'number' ? { until: w, seen: 0 } : w;
    if (processAlive(Number(id))) live[id] = entry;
  }
  return live;
}

/** End of a transaction: record its changes for the watchers (and prune what nobody needs). */
export function recordForWatchers(api: ApiServer): void {
  const eng = api.doc.engine;
  const ids = Object.keys(eng.watchers ?? {});
  if (!ids.length) {
    if (eng.watchLog?.length) eng.watchLog = [];
    return;
  }
  const live = liveWatchers(eng);
  eng.watchers = live;
  if (!Object.keys(live).length) {
    eng.watchLog = [];
    return;
  }
  eng.watchLog ??= [];
  let seq = eng.watchSeq ?? 0;
  for (const c of api.changes) eng.watchLog.push({ seq: ++seq, type: c.type, gr: c.gr, obj: structuredClone(c.obj) });
  eng.watchSeq = seq;
  const minSeen = Math.min(...Object.values(live).map((w) => w.seen));
  let drop = 0;
  while (drop < eng.watchLog.length && eng.watchLog[drop].seq <= minSeen) drop++;
  if (eng.watchLog.length - drop > MAX_ENTRIES) drop = eng.watchLog.length - MAX_ENTRIES;
  if (drop) eng.watchLog.splice(0, drop);
}
