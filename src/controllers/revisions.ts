/**
 * ControllerRevisions for DaemonSets and StatefulSets (pkg/controller/history): one revision per
 * distinct pod template, named "<owner>-<hash>", holding the template as a replace patch, numbered
 * in the order templates were used, with the oldest unused ones pruned past revisionHistoryLimit.
 */
import type { Action, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import { forGroupResource } from '../api/registry.js';
import { compileSelector, computeHash, controllerRef, forWrite, ownerRefTo, semanticEqual } from './util.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const CONTROLLER_REVISIONS = forGroupResource('controllerrevisions.apps')!;
export const REVISION_HASH_LABEL = 'controller-revision-hash';

/** The revision's data: the template as a strategic-merge "replace" patch of spec.template. */
export function revisionData(template: any): any {
  return { spec: { template: { ...structuredClone(template ?? {}), $patch: 'replace' } } };
}

export function templateOf(cr: KObject): any {
  const t = structuredClone(cr.data?.spec?.template ?? {});
  delete t.$patch;
  return t;
}

export interface History {
  /** The revision of the current template (undefined when it is being created by the returned actions). */
  current: KObject | undefined;
  /** Its hash: the pod label value (DaemonSet) and the name suffix. */
  hash: string;
  /** "<owner>-<hash>". */
  name: string;
  revision: number;
  /** Every revision the owner has (after adoption), oldest revision first. */
  all: KObject[];
  actions: Action[];
  /** A hash collision was found: the owner's status.collisionCount must be bumped. */
  collision: boolean;
}

/**
 * constructHistory: claims the owner's ControllerRevisions, and makes sure the current template has
 * one with the highest revision number (creating it, or renumbering an old one being rolled back to).
 */
export function syncHistory(owner: KObject, view: View): History {
  const uid = owner.metadata.uid!;
  const ns = owner.metadata.namespace;
  const matches = compileSelector(owner.spec?.selector);
  const actions: Action[] = [];
  const all: KObject[] = [];
  for (const cr of view.ownedBy(uid)) if (cr.kind === 'ControllerRevision' && controllerRef(cr)?.uid === uid) all.push(cr);
  for (const cr of view.orphans(CONTROLLER_REVISIONS, ns)) {
    if (cr.metadata.deletionTimestamp || !matches(cr.metadata.labels)) continue;
    const adopted = forWrite(cr);
    adopted.metadata.ownerReferences = [...(cr.metadata.ownerReferences ?? []), ownerRefTo(owner)];
    actions.push({ op: 'update', obj: adopted, onError: () => [] });
    all.push(adopted);
  }
  all.sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  const template = owner.spec?.template;
  const collisions = owner.status?.collisionCount ?? 0;
  const hash = computeHash(template, collisions || undefined);
  const name = `${owner.metadata.name}-${hash}`;
  const max = all.reduce((m, cr) => Math.max(m, cr.revision ?? 0), 0);
  const equal = all.filter((cr) => semanticEqual(templateOf(cr), template));
  let current: KObject | undefined;
  let revision: number;
  let collision = false;
  if (equal.length) {
    // Duplicates (the same template twice) collapse into the newest one.
    current = equal[equal.length - 1];
    for (const dup of equal.slice(0, -1)) actions.push({ op: 'delete', ri: CONTROLLER_REVISIONS, namespace: ns, name: dup.metadata.name!, onError: () => [] });
    revision = current.revision ?? 0;
    if (revision < max) {
      revision = max + 1;
      const upd = forWrite(current);
      upd.revision = revision;
      actions.push({ op: 'update', obj: upd, onError: () => [] });
      current = upd;
    }
  } else {
    revision = max + 1;
    const clash = view.get(CONTROLLER_REVISIONS, ns, name);
    if (clash && !semanticEqual(templateOf(clash), template)) {
      collision = true;
    } else {
      const cr: KObject = {
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: { name, namespace: ns, labels: { ...(template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash }, ownerReferences: [ownerRefTo(owner)] },
        data: revisionData(template),
        revision,
      };
      actions.push({ op: 'create', obj: cr, onError: () => [] });
    }
  }
  return { current, hash: current?.metadata.labels?.[REVISION_HASH_LABEL] ?? hash, name: current?.metadata.name ?? name, revision, all, actions, collision };
}

/** cleanupHistory: old revisions no live pod uses, beyond revisionHistoryLimit, oldest first. */
export function pruneHistory(owner: KObject, history: History, liveHashes: Set<string>, keepNames: Set<string> = new Set()): Action[] {
  const limit = owner.spec?.revisionHistoryLimit ?? 10;
  const old = history.all.filter(
    (cr) => cr.metadata.name !== history.name && !keepNames.has(cr.metadata.name!) && !liveHashes.has(cr.metadata.labels?.[REVISION_HASH_LABEL] ?? '') && !liveHashes.has(cr.metadata.name!),
  );
  const out: Action[] = [];
  for (let i = 0; i < old.length - limit; i++) {
    out.push({ op: 'delete', ri: CONTROLLER_REVISIONS, namespace: old[i].metadata.namespace, name: old[i].metadata.name!, onError: () => [] });
  }
  return out;
}
