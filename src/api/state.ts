import type { KObject } from './types.js';
import { storedIndex } from '../store/buckets.js';
import { eventLastSeen, type EventCacheEntry } from './events.js';

export type Profile = 'realistic' | 'instant';

/** A timer the engine fires at a simulated time. */
export interface Timer {
  /** Simulated ms when it is due. */
  at: number;
  /** Which part of the control plane owns it: a controller's name, "kubelet", "nodelifecycle"... */
  owner: string;
  /** What to reconcile when it fires (owner-defined, e.g. "default/nginx"). */
  key: string;
}

/** One change kept for watchers (`kubectl get -w`, `kubectl events -w`). */
export interface WatchLogEntry {
  /** Position in the log (increasing; a deletion gets its own, as a watch event would). */
  seq: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  gr: string;
  /** The object as the change left it. */
  obj: KObject;
}

/** A running watcher (keyed by its process id). */
export interface WatcherEntry {
  /** Simulated ms of the watcher's last renewal plus a minute (informational: liveness is its process). */
  until: number;
  /** The last log position it has read: entries all watchers have read are dropped. */
  seen: number;
}

/** The simulated-cluster bookkeeping that is not a Kubernetes object. */
export interface EngineState {
  timers: Timer[];
  /** Per node: images present on the node (the kubelet's image cache). */
  images: Record<string, string[]>;
  /** Container logs by "<ns>/<pod>/<container>/<restart>". */
  logs: Record<string, string[]>;
  /** pid → a running watcher that wants changes kept in watchLog. */
  watchers: Record<string, WatcherEntry>;
  /** Recent changes, kept only while a watcher is registered. */
  watchLog: WatchLogEntry[];
  /** The last watchLog position handed out (absent in older documents: 0). */
  watchSeq?: number;
  /** Free-form per-component data (node heartbeats, node pod-CIDR allocation, ...). */
  data: Record<string, unknown>;
  /** The event recorder's correlation cache (see api/events.ts). */
  eventCache?: Record<string, EventCacheEntry>;
}

export interface ClusterMeta {
  name: string;
  /** Simulated ms at creation. */
  created: number;
  profile: Profile;
  /** Simulated time = wall clock + offsetMs. */
  offsetMs: number;
  /** The random source's state (see util/random.ts). */
  rng: number[];
  /** Unknown images pull fine ("allow") or fail like a missing tag ("known-only"). */
  imagePolicy: 'allow' | 'known-only';
  /** Simulated ms of the last completed settle. */
  settledAt: number;
}

/** One cluster's whole state: the cluster's etcd, as one JSON document. */
export interface ClusterDoc {
  format: number;
  cluster: ClusterMeta;
  /** The last resourceVersion handed out (global, as etcd's revision). */
  rv: number;
  /** groupResource ("pods", "deployments.apps") → storage key ("ns/name" or "name") → object. */
  objects: Record<string, Record<string, KObject>>;
  engine: EngineState;
}

export function emptyEngineState(): EngineState {
  return { timers: [], images: {}, logs: {}, watchers: {}, watchLog: [], data: {} };
}

/** Whether the control plane has work due at `now` (cheap: decides whether the engine is even loaded). */
export function needsSettle(doc: ClusterDoc, now: number): boolean {
  if (doc.engine.data.pending) return true;
  const t = doc.engine.timers;
  return t.length > 0 && t[0].at <= now;
}

/** The format of the cluster document this kubemu writes (2: big buckets in files of their own). */
export const CLUSTER_FORMAT = 2;

/**
 * How the store splits a cluster document: one bucket per resource, and the engine's per-pod and
 * per-container bookkeeping (the kubelet's pod states, container logs), which grows with the pods.
 */
export const CLUSTER_LAYOUT = {
  containers: [['objects']],
  buckets: [
    ['engine', 'logs'],
    ['engine', 'eventCache'],
    ['engine', 'data', 'kubelet', 'pods'],
    ['engine', 'data', 'kubelet', 'byKey'],
  ],
};

/** What the store keeps next to each object (readable without parsing it): labels; for events, their correlation key and last-seen time. */
export interface RecordIndex {
  /** Labels. */
  l?: Record<string, string>;
  /** Owners' uids; oc: 1 when one of them is the controller. */
  o?: string[];
  oc?: 1;
  /** A pod's node. */
  n?: string;
  /** When an event was last seen; when a correlation cache entry was last used. */
  t?: number;
  /** A pod's scheduling facts (the scheduler's PodFacts; added by the cluster store's indexer). */
  s?: unknown;
}

/** The index value of a record (see RecordIndex); the store calls it when it writes a record. */
export function recordIndex(bucket: string, record: unknown): RecordIndex | undefined {
  if (bucket === 'engine.eventCache') return { t: (record as EventCacheEntry).seq };
  if (!bucket.startsWith('objects.')) return undefined;
  const o = record as KObject;
  const idx: RecordIndex = {};
  const labels = o?.metadata?.labels;
  if (labels && Object.keys(labels).length) idx.l = labels;
  const refs = o?.metadata?.ownerReferences;
  if (refs?.length) {
    idx.o = refs.map((r) => r.uid);
    if (refs.some((r) => r.controller)) idx.oc = 1;
  }
  if (o?.spec?.nodeName) idx.n = o.spec.nodeName;
  if (bucket === 'objects.events') idx.t = eventLastSeen(o);
  return Object.keys(idx).length ? idx : undefined;
}

/** The labels of a stored object without parsing it, when the store has them (undefined: read the object). */
export function storedLabels(bucket: Record<string, KObject>, key: string): Record<string, string> | undefined | null {
  const s = storedIndex(bucket, key);
  if (s === undefined) return undefined;
  return s === '' ? null : ((JSON.parse(s) as RecordIndex).l ?? null);
}
