import type { ApiServer, Change } from '../api/server.js';
import type { KObject } from '../api/types.js';
import type { ResourceInfo } from '../api/registry.js';
import { groupResource } from '../api/registry.js';
import { isStatusError, type StatusError } from '../api/errors.js';
import { recordEvent } from '../api/events.js';
import type { RecordIndex, Timer } from '../api/state.js';
import { storedIndex } from '../store/buckets.js';
import { collectIfBig } from '../util/gc.js';
import type { Action, Controller, View } from './types.js';

/** What the engine's indexes need of an object: from the object, or from the store's index of an unread one. */
interface Facts {
  owners: string[];
  controlled: boolean;
  node?: string;
  ns: string;
}

function factsOf(o: KObject): Facts {
  const refs = o.metadata.ownerReferences ?? [];
  return { owners: refs.map((r) => r.uid), controlled: refs.some((r) => r.controller), node: o.spec?.nodeName || undefined, ns: o.metadata.namespace ?? '' };
}

function storedFacts(idx: RecordIndex | null, key: string): Facts {
  const slash = key.indexOf('/');
  return { owners: idx?.o ?? [], controlled: idx?.oc === 1, node: idx?.n, ns: slash < 0 ? '' : key.slice(0, slash) };
}

/** Secondary indexes over the store, kept up to date as changes are applied. */
type IndexFn = (f: Facts, gr: string) => string[];

const INDEXES: Record<string, IndexFn> = {
  /** The uid of an object's controller (ownerReferences with controller=true), and of every owner. */
  owner: (f) => f.owners,
  /** A pod's node. */
  node: (f) => (f.node ? [f.node] : []),
  /** Objects without a controller, by "groupResource|namespace" (what controllers may adopt). */
  orphan: (f, gr) => (gr === 'events' || f.controlled ? [] : [`${gr}|${f.ns}`]),
};

/**
 * The engine's indexes hold storage keys, and objects are read when a lookup returns them: built from
 * the store's index of each record (owners, node), they leave the records nobody asks for unparsed.
 */
class Indexes {
  /** index name → value → groupResource → storage keys. */
  private built = new Map<string, Map<string, Map<string, Set<string>>>>();

  constructor(private readonly api: ApiServer) {}

  private static storageKey(o: KObject): string {
    return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!;
  }

  lookup(name: string, value: string, grs: string[]): KObject[] {
    const objects = this.api.doc.objects;
    let idx = this.built.get(name);
    if (!idx) {
      idx = new Map();
      const fn = INDEXES[name];
      for (const gr of Object.keys(objects)) {
        // Events have no owners, nodes or controllers: not reading them keeps their bucket unparsed.
        if (gr === 'events') continue;
        const b = objects[gr];
        for (const k of Object.keys(b)) {
          const stored = storedIndex(b, k);
          const f = stored === undefined ? factsOf(b[k]) : storedFacts(stored ? (JSON.parse(stored) as RecordIndex) : null, k);
          for (const v of fn(f, gr)) add(idx, v, gr, k);
        }
      }
      this.built.set(name, idx);
    }
    const byGr = idx.get(value);
    if (!byGr) return [];
    const out: KObject[] = [];
    const collect = (gr: string, keys: Set<string>) => {
      const b = objects[gr];
      if (b) for (const k of keys) if (b[k]) out.push(b[k]);
    };
    if (grs.length === 0) for (const [gr, keys] of byGr) collect(gr, keys);
    else for (const gr of grs) {
      const keys = byGr.get(gr);
      if (keys) collect(gr, keys);
    }
    return out;
  }

  apply(c: Change): void {
    for (const [name, idx] of this.built) {
      const fn = INDEXES[name];
      const sk = Indexes.storageKey(c.obj);
      if (c.old) for (const v of fn(factsOf(c.old), c.gr)) idx.get(v)?.get(c.gr)?.delete(sk);
      if (c.type !== 'DELETED') for (const v of fn(factsOf(c.obj), c.gr)) add(idx, v, c.gr, sk);
    }
  }
}

function add(idx: Map<string, Map<string, Set<string>>>, v: string, gr: string, k: string): void {
  let byGr = idx.get(v);
  if (!byGr) idx.set(v, (byGr = new Map()));
  let m = byGr.get(gr);
  if (!m) byGr.set(gr, (m = new Set()));
  m.add(k);
}

/** The most sync calls one settle may make before it gives up: it never spins. */
const MAX_STEPS = 2_000_000;

export class SettleError extends Error {}

/**
 * The reconcile loop. settle(until) processes every piece of due work in time order: changes feed
 * the controllers' queues, a controller's sync returns actions that are applied through the API
 * server (making more changes), and timers (kubelet stages, back-offs, requeues) fire at their
 * simulated times, stamping what they cause with that time.
 */
export class Engine {
  private readonly watchers = new Map<string, { ctrl: Controller; map: Controller['watches'][string] }[]>();
  private readonly byName = new Map<string, Controller>();

  constructor(readonly controllers: readonly Controller[]) {
    for (const ctrl of controllers) {
      this.byName.set(ctrl.name, ctrl);
      for (const [gr, map] of Object.entries(ctrl.watches)) {
        let l = this.watchers.get(gr);
        if (!l) this.watchers.set(gr, (l = []));
        l.push({ ctrl, map });
      }
    }
  }

  private state = new WeakMap<ApiServer, { cursor: number; indexes: Indexes; until: number }>();

  private stateFor(api: ApiServer) {
    let s = this.state.get(api);
    if (!s) this.state.set(api, (s = { cursor: 0, indexes: new Indexes(api), until: api.now }));
    return s;
  }

  view(api: ApiServer): View {
    const st = this.stateFor(api);
    const doc = api.doc;
    return {
      api,
      get now() {
        return api.now;
      },
      get until() {
        return Math.max(st.until, api.now);
      },
      profile: doc.cluster.profile,
      rng: api.rng,
      doc,
      get: (ri, ns, name) => api.peek(ri, ns, name),
      list: (ri, ns) => {
        const b = doc.objects[groupResource(ri)];
        if (!b) return [];
        const all = Object.values(b);
        return ns === undefined || !ri.namespaced ? all : all.filter((o) => o.metadata.namespace === ns);
      },
      ownedBy: (uid) => st.indexes.lookup('owner', uid, []),
      podsOnNode: (node) => st.indexes.lookup('node', node, ['pods']),
      orphans: (ri, ns) => st.indexes.lookup('orphan', `${groupResource(ri)}|${ns ?? ''}`, []),
    };
  }

  settle(api: ApiServer, until: number): void {
    const st = this.stateFor(api);
    st.until = until;
    const doc = api.doc;
    const view = this.view(api);
    const queue = new Map<string, { ctrl: Controller; key: string }>();
    const enqueue = (ctrl: Controller, key: string) => {
      const k = `${ctrl.name}\u0000${key}`;
      if (!queue.has(k)) queue.set(k, { ctrl, key });
    };
    if (doc.engine.data.pending) {
      delete doc.engine.data.pending;
      api.markDirty();
      for (const c of this.controllers) for (const k of c.resync?.(view) ?? []) enqueue(c, k);
    }
    // Without a watcher, nobody needs a change once the controllers have seen it: dropping them keeps
    // a big settle (thousands of pods, each written several times) from holding every version.
    const keepChanges = Object.keys(doc.engine.watchers ?? {}).length > 0;
    let steps = 0;
    for (;;) {
      // 1. Feed new changes to the indexes and the controllers that watch them.
      while (st.cursor < api.changes.length) {
        const c = api.changes[st.cursor++];
        st.indexes.apply(c);
        for (const w of this.watchers.get(c.gr) ?? []) for (const k of w.map(c, view)) enqueue(w.ctrl, k);
      }
      if (!keepChanges && st.cursor > 0) {
        api.changes.length = 0;
        st.cursor = 0;
      }
      // 2. Work on the queue at the current simulated time.
      const first = queue.entries().next();
      if (!first.done) {
        const [qk, item] = first.value;
        queue.delete(qk);
        if (++steps > MAX_STEPS) {
          throw new SettleError(`the simulated control plane did not settle after ${MAX_STEPS} steps (last: ${item.ctrl.name} ${item.key})`);
        }
        // A big settle (thousands of pods) makes much garbage: keep the heap near what is live.
        if (steps % 4096 === 0) collectIfBig();
        const actions = item.ctrl.sync(item.key, view);
        this.applyAll(api, item.ctrl, item.key, actions, enqueue);
        continue;
      }
      // 3. Nothing queued: fire the next due timer, at its own time.
      const timers = doc.engine.timers;
      if (timers.length && timers[0].at <= until) {
        const t = timers.shift()!;
        api.markDirty();
        if (t.at > api.now) api.now = t.at;
        const ctrl = this.byName.get(t.owner);
        if (ctrl) enqueue(ctrl, t.key);
        continue;
      }
      break;
    }
    if (until > api.now) api.now = until;
    doc.cluster.settledAt = api.now;
  }

  private applyAll(api: ApiServer, ctrl: Controller, key: string, actions: Action[], enqueue: (c: Controller, k: string) => void): void {
    for (const a of actions) {
      let more: Action[] = [];
      try {
        more = this.apply(api, ctrl, a);
      } catch (e) {
        if (!isStatusError(e)) throw e;
        const onError = 'onError' in a ? a.onError : undefined;
        if (onError) this.applyAll(api, ctrl, key, onError(e as StatusError), enqueue);
        else if (e.reason === 'Conflict') enqueue(ctrl, key);
        // Other API errors are the controller's to notice on its next sync (as in Kubernetes).
      }
      if (more.length) this.applyAll(api, ctrl, key, more, enqueue);
    }
  }

  private apply(api: ApiServer, ctrl: Controller, a: Action): Action[] {
    switch (a.op) {
      case 'create': {
        const created = api.create(a.obj, { manager: ctrl.name });
        return a.then ? a.then(created) : [];
      }
      case 'update':
        api.update(a.obj, { manager: ctrl.name });
        break;
      case 'status':
        api.updateStatus(a.obj, { manager: ctrl.name });
        break;
      case 'finalize':
        api.finalizeNamespace(a.obj, { manager: ctrl.name });
        break;
      case 'delete':
        api.delete(a.ri, a.namespace, a.name, a.options);
        break;
      case 'remove':
        api.forceRemove(a.ri as ResourceInfo, a.namespace, a.name);
        break;
      case 'event':
        recordEvent(api, a.event);
        break;
      case 'bind':
        api.bind(a.namespace, a.name, a.node);
        break;
      case 'after':
        addTimer(api, { at: api.now + Math.max(0, a.delayMs), owner: ctrl.name, key: a.key });
        break;
      case 'data':
        a.apply(api.doc);
        api.markDirty();
        break;
    }
    return [];
  }
}

/** Inserts a timer in time order (stable: equal times keep insertion order); skips exact duplicates. */
export function addTimer(api: ApiServer, t: Timer): void {
  const timers = api.doc.engine.timers;
  let lo = 0;
  let hi = timers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timers[mid].at <= t.at) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && timers[i].at === t.at; i--) if (timers[i].owner === t.owner && timers[i].key === t.key) return;
  timers.splice(lo, 0, t);
  api.markDirty();
}
