/**
 * The write path's entry: the control plane (controllers, scheduler, kubelet) and the API
 * strategies. Imported only by commands that write or when work is due.
 */
import type { ApiServer } from '../api/server.js';
import { strategies } from '../api/strategies/index.js';
import { expireEvents } from '../api/events.js';
import { engine } from './controlplane.js';

export { bootstrap } from '../cluster/bootstrap.js';
export { engine };

/** Gives the API server its write-path behaviour (defaulting, validation, admission). */
export function attach(api: ApiServer): void {
  api.strategies = strategies;
}

export function settle(api: ApiServer, until: number): void {
  engine.settle(api, until);
}

/** End of a transaction: expire old events and keep recent changes for watchers. */
export function finish(api: ApiServer): void {
  expireEvents(api);
  const eng = api.doc.engine;
  const live = Object.entries(eng.watchers).filter(([, until]) => until >= api.now);
  if (live.length !== Object.keys(eng.watchers).length) eng.watchers = Object.fromEntries(live);
  if (live.length) {
    for (const c of api.changes) eng.watchLog.push({ rv: Number(c.obj.metadata.resourceVersion ?? api.doc.rv), type: c.type, gr: c.gr, obj: c.obj });
    if (eng.watchLog.length > 5000) eng.watchLog.splice(0, eng.watchLog.length - 5000);
  } else if (eng.watchLog.length) {
    eng.watchLog = [];
  }
}
