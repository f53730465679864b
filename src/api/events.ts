import type { ApiServer } from './server.js';
import type { KObject } from './types.js';
import type { EventSpec } from '../engine/types.js';
import { rfc3339, rfc3339Micro } from '../util/clock.js';
import { storedIndex } from '../store/buckets.js';
import type { RecordIndex } from './state.js';

/** How long the API server keeps events (kube-apiserver --event-ttl). */
export const EVENT_TTL_MS = 60 * 60 * 1000;

function correlationKey(spec: EventSpec): string {
  const o = spec.involved;
  // New-style events are isomorphic by action/reason/controller/object/note (no host).
  return [o.metadata.uid, spec.fieldPath ?? '', spec.type, spec.reason, spec.message, spec.component, spec.action ? `action:${spec.action}` : (spec.host ?? '')].join('\u0000');
}

/** How long a new-style event series stays open (client-go's finishTime). */
const SERIES_WINDOW_MS = 6 * 60 * 1000;

/**
 * The correlator's memory: correlation key → the event last written for it (client-go keeps an LRU
 * of 4096 per recorder). It is what lets the recorder bump an event's count without reading every event.
 */
export const EVENT_CACHE_SIZE = 4096;

export interface EventCacheEntry {
  /** When it was last used (a counter): the least recently used entries are forgotten first. */
  seq: number;
  ev: KObject;
}

/** When an event was last seen (ms; NaN when it carries no time): its TTL runs from there. */
export function eventLastSeen(e: KObject): number {
  return Date.parse(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata.creationTimestamp ?? '');
}

/** The stored index of an unread record (see recordIndex), if there is one. */
function stored(b: Record<string, unknown>, key: string): RecordIndex | undefined {
  const s = storedIndex(b, key);
  return s ? (JSON.parse(s) as RecordIndex) : undefined;
}

/** Remembers the event written for a correlation key; forgets the least recently used beyond the cache size. */
function remember(api: ApiServer, ck: string, ev: KObject): KObject {
  const eng = api.doc.engine;
  const cache = (eng.eventCache ??= {});
  const seq = ((eng.data.eventCacheSeq as number | undefined) ?? 0) + 1;
  eng.data.eventCacheSeq = seq;
  // Its size is counted as it grows, so that remembering does not list the whole cache every time.
  let size = (eng.data.eventCacheCount as number | undefined) ?? Object.keys(cache).length;
  if (!(ck in cache)) size++;
  cache[ck] = { seq, ev } satisfies EventCacheEntry;
  // Forgotten in batches (client-go forgets one at a time: the entries kept a little longer only
  // correlate more), so that remembering stays cheap.
  if (size > EVENT_CACHE_SIZE + EVENT_CACHE_SIZE / 2) {
    const keys = Object.keys(cache);
    const bySeq = keys.map((k) => [k, stored(cache, k)?.t ?? cache[k].seq] as const).sort((x, y) => x[1] - y[1]);
    for (const [k] of bySeq.slice(0, keys.length - EVENT_CACHE_SIZE)) delete cache[k];
    size = Object.keys(cache).length;
  }
  eng.data.eventCacheCount = size;
  return ev;
}

/**
 * The event recorder (client-go's EventRecorder + EventCorrelator): writes an Event about an object,
 * or bumps count and lastTimestamp of an identical recent one.
 */
export function recordEvent(api: ApiServer, spec: EventSpec): KObject {
  const o = spec.involved;
  const ns = o.metadata.namespace || 'default';
  const ck = correlationKey(spec);
  const existing = api.doc.engine.eventCache?.[ck]?.ev;
  const now = api.now;
  // The recorder writes from what it remembers, as client-go's does (an event deleted meanwhile is
  // written again with its count): neither path reads the events already stored.
  if (existing && !spec.action) {
    const next = structuredClone(existing);
    next.count = (next.count ?? 1) + 1;
    next.lastTimestamp = rfc3339(now);
    return remember(api, ck, api.update(next, { current: existing }));
  }
  if (existing && spec.action) {
    // events.k8s.io: an isomorphic event within the series window extends its series.
    const last = Date.parse(existing.series?.lastObservedTime ?? existing.eventTime ?? '');
    if (Number.isFinite(last) && now - last <= SERIES_WINDOW_MS) {
      const next = structuredClone(existing);
      next.series = { count: (existing.series?.count ?? 1) + 1, lastObservedTime: rfc3339Micro(now) };
      return remember(api, ck, api.update(next, { current: existing }));
    }
  }
  // Event names carry the creation time in ns (hex); within one ms they stay in recording order.
  let nanos = BigInt(Math.floor(now)) * 1000000n + BigInt(api.rng.int(1000000));
  if (nanos <= api.lastEventNanos) nanos = api.lastEventNanos + 1n + (nanos % 1000n);
  api.lastEventNanos = nanos;
  const involvedObject: Record<string, unknown> = {
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata.name,
    namespace: o.metadata.namespace,
    uid: o.metadata.uid,
    resourceVersion: o.metadata.resourceVersion,
  };
  if (!o.metadata.namespace) delete involvedObject.namespace;
  if (spec.fieldPath) involvedObject.fieldPath = spec.fieldPath;
  const ev: KObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${o.metadata.name}.${nanos.toString(16)}`, namespace: ns },
    involvedObject,
    reason: spec.reason,
    message: spec.message,
    type: spec.type,
  };
  if (spec.action) {
    // events.k8s.io/v1 event, as read through core/v1.
    Object.assign(ev, {
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: rfc3339Micro(now),
      action: spec.action,
      reportingComponent: spec.component,
      reportingInstance: `${spec.component}-${spec.host ?? 'kubemu'}`,
    });
  } else {
    const source: Record<string, string> = { component: spec.component };
    if (spec.host) source.host = spec.host;
    Object.assign(ev, {
      source,
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
      count: 1,
      eventTime: null,
      reportingComponent: spec.component,
      reportingInstance: spec.host ?? '',
    });
  }
  const created = api.create(ev, { unique: true, owned: true });
  api.doc.engine.data.eventsExpireAt ??= now + EVENT_TTL_MS;
  return remember(api, ck, created);
}

/**
 * Deletes events older than the TTL (the API server's lease-based expiry). The earliest time an event
 * can expire is kept in the engine's data, so the events are looked at only when one may be due.
 */
export function expireEvents(api: ApiServer): void {
  const data = api.doc.engine.data;
  const due = data.eventsExpireAt as number | undefined;
  if (due !== undefined && api.now < due) return;
  const b = api.doc.objects['events'];
  if (!b) {
    if (due !== undefined) {
      delete data.eventsExpireAt;
      api.markDirty();
    }
    return;
  }
  const cutoff = api.now - EVENT_TTL_MS;
  let oldest = Infinity;
  for (const k of Object.keys(b)) {
    const t = stored(b, k)?.t ?? eventLastSeen(b[k]);
    if (!Number.isFinite(t)) continue;
    if (t < cutoff) {
      delete b[k];
      api.markDirty();
    } else oldest = Math.min(oldest, t);
  }
  const next = Number.isFinite(oldest) ? oldest + EVENT_TTL_MS : undefined;
  if (next !== due) {
    if (next === undefined) delete data.eventsExpireAt;
    else data.eventsExpireAt = next;
    api.markDirty();
  }
}
