/**
 * The garbage collector (pkg/controller/garbagecollector), for every kind: dependents whose owners
 * are all gone are deleted (background); an owner deleted with the "orphan" finalizer first loses
 * its references from its dependents; one deleted with "foregroundDeletion" waits until its
 * dependents with blockOwnerDeletion are gone. Keys name an owner: "uid|apiVersion|kind|ns|name".
 */
import type { Action, Controller, View } from '../engine/types.js';
import type { KObject, OwnerReference } from '../api/types.js';
import type { Change } from '../api/server.js';
import { RESOURCES, forApiVersionKind, groupResource } from '../api/registry.js';
import { forWrite } from './util.js';

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';

/** The key of the owner an ownerReference names, seen from a dependent in namespace ns. */
export function ownerKeyOf(ref: OwnerReference, ns: string | undefined): string {
  return [ref.uid, ref.apiVersion, ref.kind, ns ?? '', ref.name].join('|');
}

function selfKey(o: KObject): string {
  return [o.metadata.uid, o.apiVersion, o.kind, o.metadata.namespace ?? '', o.metadata.name].join('|');
}

function parseKey(key: string): { uid: string; apiVersion: string; kind: string; ns: string; name: string } {
  const [uid, apiVersion, kind, ns, name] = key.split('|');
  return { uid, apiVersion, kind, ns, name };
}

const deletingWith = (o: KObject, f: string) => !!o.metadata.deletionTimestamp && (o.metadata.finalizers ?? []).includes(f);

/** The owner a reference points to, if it exists with that uid; undefined if dangling; null if unknowable. */
function resolveOwner(view: View, ref: OwnerReference, dependentNs: string | undefined): KObject | undefined | null {
  const ri = forApiVersionKind(ref.apiVersion, ref.kind);
  if (!ri) return null;
  const o = view.get(ri, ri.namespaced ? dependentNs : undefined, ref.name);
  return o && o.metadata.uid === ref.uid ? o : undefined;
}

function refsChanged(a: OwnerReference[] | undefined, b: OwnerReference[] | undefined): boolean {
  return JSON.stringify(a ?? []) !== JSON.stringify(b ?? []);
}

/** Which owners a change concerns. */
function keysFor(c: Change): string[] {
  const o = c.obj;
  const keys: string[] = [];
  const ns = o.metadata.namespace;
  if (c.type === 'DELETED') {
    // Its dependents may now be garbage; an owner waiting in the foreground may be done.
    keys.push(selfKey(o));
    for (const r of o.metadata.ownerReferences ?? []) keys.push(ownerKeyOf(r, ns));
    return keys;
  }
  if (o.metadata.deletionTimestamp && (deletingWith(o, ORPHAN) || deletingWith(o, FOREGROUND))) keys.push(selfKey(o));
  if (c.type === 'ADDED' || refsChanged(c.old?.metadata.ownerReferences, o.metadata.ownerReferences)) {
    for (const r of o.metadata.ownerReferences ?? []) keys.push(ownerKeyOf(r, ns));
    for (const r of c.old?.metadata.ownerReferences ?? []) keys.push(ownerKeyOf(r, ns));
  } else if (o.metadata.deletionTimestamp && !c.old?.metadata.deletionTimestamp) {
    // A dependent started deleting: a foreground owner re-checks.
    for (const r of o.metadata.ownerReferences ?? []) keys.push(ownerKeyOf(r, ns));
  }
  return keys;
}

/**
 * attemptToDeleteItem for one dependent: delete it if no owner is left (with the propagation its
 * own finalizers ask for), drop references to dangling owners and to owners deleting in the
 * foreground when another owner remains, or delete it in the foreground when its owner waits.
 */
export function attemptToDelete(view: View, dep: KObject): Action[] {
  if (dep.metadata.deletionTimestamp && !deletingWith(dep, FOREGROUND)) return [];
  const refs = dep.metadata.ownerReferences ?? [];
  if (!refs.length) return [];
  const ns = dep.metadata.namespace;
  const solid: OwnerReference[] = [];
  const dangling: OwnerReference[] = [];
  const waiting: OwnerReference[] = [];
  for (const r of refs) {
    const owner = resolveOwner(view, r, ns);
    if (owner === null) return []; // an owner of a kind we cannot look up: leave it be
    if (!owner) dangling.push(r);
    else if (deletingWith(owner, FOREGROUND)) waiting.push(r);
    else solid.push(r);
  }
  const ri = view.api.resourceFor(dep);
  if (solid.length) {
    if (!dangling.length && !waiting.length) return [];
    const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
    const upd = forWrite(dep);
    upd.metadata.ownerReferences = refs.filter((r) => !drop.has(r.uid));
    return [{ op: 'update', obj: upd, onError: () => [] }];
  }
  if (dep.metadata.deletionTimestamp) return [];
  if (waiting.length && view.ownedBy(dep.metadata.uid!).length) {
    return [{ op: 'delete', ri, namespace: ns, name: dep.metadata.name!, options: { propagationPolicy: 'Foreground', uid: dep.metadata.uid }, onError: () => [] }];
  }
  const fin = dep.metadata.finalizers ?? [];
  const policy = fin.includes(ORPHAN) ? 'Orphan' : fin.includes(FOREGROUND) ? 'Foreground' : 'Background';
  return [{ op: 'delete', ri, namespace: ns, name: dep.metadata.name!, options: { propagationPolicy: policy, uid: dep.metadata.uid }, onError: () => [] }];
}

function withoutFinalizer(o: KObject, f: string): Action {
  const upd = forWrite(o);
  const rest = (o.metadata.finalizers ?? []).filter((x) => x !== f);
  if (rest.length) upd.metadata.finalizers = rest;
  else delete upd.metadata.finalizers;
  return { op: 'update', obj: upd, onError: () => [] };
}

export function syncOwner(key: string, view: View): Action[] {
  const k = parseKey(key);
  const ri = forApiVersionKind(k.apiVersion, k.kind);
  if (!ri) return [];
  const found = view.get(ri, ri.namespaced ? k.ns : undefined, k.name);
  const owner = found && found.metadata.uid === k.uid ? found : undefined;
  const dependents = view.ownedBy(k.uid);
  if (!owner) {
    // The owner is gone: its dependents are garbage unless another owner holds them.
    const out: Action[] = [];
    for (const dep of dependents) out.push(...attemptToDelete(view, dep));
    return out;
  }
  if (!owner.metadata.deletionTimestamp) return [];
  if (deletingWith(owner, ORPHAN)) {
    const out: Action[] = [];
    for (const dep of dependents) {
      const upd = forWrite(dep);
      const refs = (dep.metadata.ownerReferences ?? []).filter((r) => r.uid !== k.uid);
      if (refs.length) upd.metadata.ownerReferences = refs;
      else delete upd.metadata.ownerReferences;
      out.push({ op: 'update', obj: upd, onError: () => [] });
    }
    out.push(withoutFinalizer(owner, ORPHAN));
    return out;
  }
  if (deletingWith(owner, FOREGROUND)) {
    const blocking = dependents.filter((d) => (d.metadata.ownerReferences ?? []).some((r) => r.uid === k.uid && r.blockOwnerDeletion));
    if (!blocking.length) return [withoutFinalizer(owner, FOREGROUND)];
    const out: Action[] = [];
    for (const dep of blocking) if (!deletingWith(dep, FOREGROUND)) out.push(...attemptToDelete(view, dep));
    return out;
  }
  return [];
}

/** Every resource that can own or be owned (events, bindings and reviews are never either). */
const WATCHED = RESOURCES.filter((ri) => ri.verbs.includes('delete') && ri.resource !== 'events').map((ri) => groupResource(ri));

export const garbageCollector: Controller = {
  name: 'garbage-collector',
  watches: Object.fromEntries(WATCHED.map((gr) => [gr, (c: Change) => keysFor(c)])),
  resync(view) {
    const keys = new Set<string>();
    for (const gr of WATCHED) {
      for (const o of Object.values(view.doc.objects[gr] ?? {})) {
        if (deletingWith(o, ORPHAN) || deletingWith(o, FOREGROUND)) keys.add(selfKey(o));
        for (const r of o.metadata.ownerReferences ?? []) keys.add(ownerKeyOf(r, o.metadata.namespace));
      }
    }
    return [...keys];
  },
  sync: syncOwner,
};
