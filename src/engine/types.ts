import type { ApiServer, Change, DeleteOptions } from '../api/server.js';
import type { KObject } from '../api/types.js';
import type { ResourceInfo } from '../api/registry.js';
import type { Random } from '../util/random.js';
import type { ClusterDoc, Profile } from '../api/state.js';
import type { StatusError } from '../api/errors.js';

/** What an event says, before the recorder turns it into an Event object. */
export interface EventSpec {
  /** The object the event is about. */
  involved: KObject;
  /** e.g. "spec.containers{nginx}". */
  fieldPath?: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** e.g. "deployment-controller", "kubelet", "default-scheduler". */
  component: string;
  /** The node, for kubelet events. */
  host?: string;
  /**
   * New-style (events.k8s.io) events, as the scheduler writes: eventTime is set, source is empty,
   * and reportingController/action are filled in.
   */
  action?: string;
}

/**
 * What a controller asks for. The engine applies every action through the API server (validation,
 * resourceVersion, watch changes), never behind its back.
 */
export type Action =
  | { op: 'create'; obj: KObject; then?: (created: KObject) => Action[]; onError?: (err: StatusError) => Action[] }
  | { op: 'update'; obj: KObject; onError?: (err: StatusError) => Action[] }
  | { op: 'status'; obj: KObject; onError?: (err: StatusError) => Action[] }
  /** The namespaces/finalize subresource: writes spec.finalizers only. */
  | { op: 'finalize'; obj: KObject; onError?: (err: StatusError) => Action[] }
  | { op: 'delete'; ri: ResourceInfo; namespace?: string; name: string; options?: DeleteOptions; onError?: (err: StatusError) => Action[] }
  /** Removes an object at once (the kubelet confirming a pod is gone; a namespace finalized). */
  | { op: 'remove'; ri: ResourceInfo; namespace?: string; name: string }
  | { op: 'event'; event: EventSpec }
  /** The pods/binding subresource: sets spec.nodeName and the PodScheduled condition. */
  | { op: 'bind'; namespace: string; name: string; node: string }
  /** Sync this controller's key again after delayMs of simulated time. */
  | { op: 'after'; delayMs: number; key: string }
  /** Write engine-private data (kubelet image cache, logs, heartbeats). */
  | { op: 'data'; apply: (doc: ClusterDoc) => void };

/** Read access for controllers: the API server's reads, plus the simulated clock and timing profile. */
export interface View {
  readonly api: ApiServer;
  readonly now: number;
  /**
   * The simulated time the current settle is heading to (>= now). Controllers whose repeated work
   * is invisible in between (heartbeats, schedules long past) may skip ahead to it.
   */
  readonly until: number;
  readonly profile: Profile;
  readonly rng: Random;
  readonly doc: ClusterDoc;
  get(ri: ResourceInfo, ns: string | undefined, name: string): KObject | undefined;
  list(ri: ResourceInfo, ns?: string): KObject[];
  /** Objects with an ownerReference to uid (an index, cheap). */
  ownedBy(uid: string): KObject[];
  /** Pods bound to a node (an index, cheap). */
  podsOnNode(node: string): KObject[];
  /** Objects of a resource in a namespace that have no controller (what a controller may adopt; an index, cheap). */
  orphans(ri: ResourceInfo, ns: string | undefined): KObject[];
}

/**
 * A control loop. Like an informer + workqueue: changes to watched resources map to keys, and
 * sync(key) compares desired with observed state and returns actions.
 */
export interface Controller {
  readonly name: string;
  /** groupResource → the keys a change to that resource should sync. */
  readonly watches: Record<string, (change: Change, view: View) => string[]>;
  /** Reconciles one key. Pure with respect to the view: decisions only, no writes. */
  sync(key: string, view: View): Action[];
  /** Every key, for a full resync (after writes made without the engine loaded). */
  resync?(view: View): string[];
}
