/**
 * The write path's entry: the control plane (controllers, scheduler, kubelet) and the API
 * strategies. Imported only by commands that write or when work is due.
 */
import type { ApiServer } from '../api/server.js';
import { strategies } from '../api/strategies/index.js';
import { expireEvents } from '../api/events.js';
import { engine } from './controlplane.js';
import { recordForWatchers } from './watchlog.js';
import { indexPodFacts } from '../cluster/cluster-store.js';
import { podFacts } from '../scheduler/cache.js';

export { bootstrap } from '../cluster/bootstrap.js';
export { engine };

// Pods written from now on carry the scheduler's facts in the store's index (see cluster-store.ts).
indexPodFacts(podFacts);

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
  recordForWatchers(api);
}
