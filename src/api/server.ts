import { storedLabels, type ClusterDoc } from './state.js';
import { putRecord } from '../store/split.js';
import type { KObject, ObjectMeta } from './types.js';
import type { ResourceInfo } from './registry.js';
import { apiVersionOf, forApiVersionKind, forGroupResource, groupResource } from './registry.js';
import {
  FieldError,
  OBJECT_MODIFIED,
  StatusError,
  alreadyExistsError,
  badRequestError,
  conflictError,
  forbiddenError,
  invalidError,
  notFoundError,
  required,
  invalid,
} from './errors.js';
import { matchesLabels, parseFieldSelector, parseLabelSelector, SelectorParseError, type Requirement, type FieldRequirement } from './selectors.js';
import { rfc3339 } from '../util/clock.js';
import type { Random } from '../util/random.js';
import { fieldValue } from './fields.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface Change {
  type: WatchEventType;
  gr: string;
  obj: KObject;
  old?: KObject;
}

export interface WriteOptions {
  dryRun?: boolean;
  /**
   * Decode the object against the kind's schema, as for requests from kubectl (field validation):
   * true or 'Strict' rejects unknown fields, 'Warn' turns them into warnings, 'Ignore' drops them.
   * Type errors fail in every mode. Off for the control plane's own writes.
   */
  decode?: boolean | FieldValidation;
  /** The request was kubectl apply's patch (this is the patch): decoding errors name it as the patch handler does. */
  patch?: unknown;
  /** Who writes: used for events and managed fields ("kubectl-client-side-apply", a controller...). */
  manager?: string;
  /**
   * The event recorder's writes, which need not read the resource's whole bucket: on create, the name
   * is known to be new (generated from the time in ns); on update, `current` is the stored version the
   * recorder last wrote (from its correlation cache).
   */
  unique?: boolean;
  current?: KObject;
  /** The caller hands `input` over (built for this request and not used after): it is stored without a copy. */
  owned?: boolean;
}

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  dryRun?: boolean;
  gracePeriodSeconds?: number;
  propagationPolicy?: Propagation;
  /** Only delete when the object still has this uid (preconditions). */
  uid?: string;
}

export interface ListOptions {
  labelSelector?: string | Requirement[];
  fieldSelector?: string | FieldRequirement[];
}

/**
 * Per-resource behaviour of the API server (pkg/registry/<group>/<kind>/strategy.go): defaulting,
 * admission, validation, graceful deletion. Loaded only by commands that write.
 */
export interface Strategy {
  /** Defaults applied on create and update (SetDefaults_*). */
  defaults?(obj: KObject, api: ApiServer): void;
  /** Create-time admission and preparation (clears status, sets generation, assigns IPs...). */
  prepareCreate?(obj: KObject, api: ApiServer): void;
  /** Update-time preparation: keep what the client may not change. */
  prepareUpdate?(obj: KObject, old: KObject, api: ApiServer): void;
  validate?(obj: KObject, api: ApiServer): FieldError[];
  validateUpdate?(obj: KObject, old: KObject, api: ApiServer): FieldError[];
  /** Has a status subresource: writes to the main resource keep the stored status. */
  statusSubresource?: boolean;
  /** The grace period a delete waits for (pods on a node); 0 deletes at once. */
  gracePeriod?(obj: KObject, requested: number | undefined): number;
  /** Default propagation when the client does not say. */
  defaultPropagation?: Propagation;
  /** Called after the object is gone, to release what it held (node ports, cluster IPs). */
  released?(obj: KObject, api: ApiServer): void;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface StrategySet {
  get(gr: string): Strategy;
  /**
   * Decoding against the kind's schema (unknown fields, wrong types): the object as decoded (unknown
   * fields dropped, quantities canonical), warnings for the client, or the error to return.
   */
  decode?(obj: KObject, ri: ResourceInfo, req: { mode: FieldValidation; patch?: unknown; current?: KObject }): { obj: KObject; warnings: string[]; error?: StatusError };
  /** Validating admission after validation, before storage (LimitRanger, ResourceQuota): throws its refusal. */
  admit?(obj: KObject, ri: ResourceInfo, api: ApiServer): void;
}

const NO_STRATEGY: StrategySet = { get: () => ({}) };

/**
 * The API server over one cluster document: CRUD with resourceVersions, generation, defaulting,
 * validation, admission, graceful deletion and finalizers. Every change is recorded in `changes`
 * for the engine's controllers and for watchers.
 */
export class ApiServer {
  /** Current simulated time in ms; the engine moves it as it processes due work. */
  now: number;
  readonly changes: Change[] = [];
  /** Warnings the server returns with a response (printed by kubectl as "Warning: ..."). */
  readonly warnings: string[] = [];
  /** The last event name's timestamp (ns): events recorded in one millisecond keep their order. */
  lastEventNanos = 0n;
  private dirty = false;
  strategies: StrategySet = NO_STRATEGY;

  constructor(
    readonly doc: ClusterDoc,
    readonly rng: Random,
    now: number,
  ) {
    this.now = now;
  }

  get isDirty(): boolean {
    return this.dirty;
  }

  markDirty(): void {
    this.dirty = true;
  }

  nowRfc3339(): string {
    return rfc3339(this.now);
  }

  // ---- reading -------------------------------------------------------------------------------

  private bucket(gr: string): Record<string, KObject> {
    let b = this.doc.objects[gr];
    if (!b) b = this.doc.objects[gr] = {};
    return b;
  }

  /** Stores an object; `blind` writes without reading the resource's bucket (see WriteOptions.unique). */
  private store(gr: string, key: string, obj: KObject, blind = false): void {
    if (blind) putRecord(this.doc.objects, gr, key, obj);
    else this.bucket(gr)[key] = obj;
  }

  static key(ri: ResourceInfo, ns: string | undefined, name: string): string {
    return ri.namespaced ? `${ns ?? ''}/${name}` : name;
  }

  /** The stored object, or undefined. The returned object must not be mutated: copy it first. */
  peek(ri: ResourceInfo, ns: string | undefined, name: string): KObject | undefined {
    return this.doc.objects[groupResource(ri)]?.[ApiServer.key(ri, ns, name)];
  }

  get(ri: ResourceInfo, ns: string | undefined, name: string): KObject {
    const o = this.peek(ri, ns, name);
    if (!o) throw notFoundError(ri, name);
    return o;
  }

  /**
   * Objects of a resource, in etcd key order (namespace, then name). ns undefined means all
   * namespaces. Selector strings are parsed as the server does; errors are BadRequest.
   */
  list(ri: ResourceInfo, ns: string | undefined, opts: ListOptions = {}): KObject[] {
    const b = this.doc.objects[groupResource(ri)];
    if (!b) return [];
    let labelReqs: Requirement[] | undefined;
    let fieldReqs: FieldRequirement[] | undefined;
    try {
      labelReqs = typeof opts.labelSelector === 'string' ? parseLabelSelector(opts.labelSelector) : opts.labelSelector;
      fieldReqs = typeof opts.fieldSelector === 'string' ? parseFieldSelector(opts.fieldSelector) : opts.fieldSelector;
    } catch (e) {
      if (e instanceof SelectorParseError) throw badRequestError(e.message);
      throw e;
    }
    const prefix = ri.namespaced && ns !== undefined ? `${ns}/` : undefined;
    const keys = Object.keys(b).filter((k) => prefix === undefined || k.startsWith(prefix));
    keys.sort((a, c) => (a < c ? -1 : a > c ? 1 : 0));
    const out: KObject[] = [];
    for (const k of keys) {
      if (labelReqs?.length) {
        // The store keeps labels next to each object: unmatched objects are never parsed.
        const stored = storedLabels(b, k);
        if (stored !== undefined && !matchesLabels(labelReqs, stored ?? undefined)) continue;
      }
      const o = b[k];
      if (labelReqs?.length && !matchesLabels(labelReqs, o.metadata.labels)) continue;
      if (fieldReqs?.length && !this.matchesFields(ri, o, fieldReqs)) continue;
      out.push(o);
    }
    return out;
  }

  private matchesFields(ri: ResourceInfo, o: KObject, reqs: FieldRequirement[]): boolean {
    for (const r of reqs) {
      const v = fieldValue(ri, o, r.field);
      if (v === undefined) throw badRequestError(`field label not supported: ${r.field}`);
      if (r.op === '=' ? v !== r.value : v === r.value) return false;
    }
    return true;
  }

  /** Checks a field selector's fields without listing (for error reporting before any output). */
  checkFieldSelector(ri: ResourceInfo, sel: string): void {
    let reqs: FieldRequirement[];
    try {
      reqs = parseFieldSelector(sel);
    } catch (e) {
      throw badRequestError((e as Error).message);
    }
    const probe = { apiVersion: apiVersionOf(ri), kind: ri.kind, metadata: {} } as KObject;
    for (const r of reqs) if (fieldValue(ri, probe, r.field) === undefined) throw badRequestError(`field label not supported: ${r.field}`);
  }

  // ---- writing -------------------------------------------------------------------------------

  private nextRv(): string {
    this.doc.rv += 1;
    return String(this.doc.rv);
  }

  private record(type: WatchEventType, gr: string, obj: KObject, old?: KObject): void {
    this.dirty = true;
    this.changes.push({ type, gr, obj, old });
  }

  resourceFor(obj: KObject): ResourceInfo {
    const ri = forApiVersionKind(obj.apiVersion ?? '', obj.kind ?? '');
    if (!ri) throw badRequestError(`no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
    return ri;
  }

  /** The decoding step of a request from kubectl; warnings go to `warnings`. */
  private decodeInput(input: KObject, ri: ResourceInfo, opts: WriteOptions, current?: KObject): KObject {
    if (!opts.decode || !this.strategies.decode) return input;
    const mode = opts.decode === true ? 'Strict' : opts.decode;
    const r = this.strategies.decode(input, ri, { mode, patch: opts.patch, current });
    if (r.error) throw r.error;
    this.warnings.push(...r.warnings);
    return r.obj;
  }

  /** Namespace checks every namespaced create goes through (NamespaceLifecycle admission). */
  private admitNamespace(ri: ResourceInfo, obj: KObject): void {
    if (!ri.namespaced) return;
    const ns = obj.metadata.namespace!;
    const nsObj = this.doc.objects['namespaces']?.[ns];
    if (!nsObj) throw notFoundError({ group: '', resource: 'namespaces' }, ns);
    if (nsObj.metadata.deletionTimestamp || nsObj.status?.phase === 'Terminating') {
      throw forbiddenError(ri, obj.metadata.name ?? '', `unable to create new content in namespace ${ns} because it is being terminated`);
    }
  }

  /** Create: defaulting, admission, validation, then storage with uid/rv/timestamps. */
  create(input: KObject, opts: WriteOptions = {}): KObject {
    const ri = this.resourceFor(input);
    const decoded = this.decodeInput(input, ri, opts);
    const obj = opts.owned ? decoded : structuredClone(decoded);
    obj.metadata ??= {};
    const meta = obj.metadata;
    if (ri.namespaced) {
      meta.namespace ||= 'default';
    } else {
      delete meta.namespace;
    }
    const st = this.strategies.get(groupResource(ri));
    if (!meta.name && meta.generateName) {
      meta.name = this.generateName(ri, meta.namespace, meta.generateName);
    }
    if (!meta.name) {
      throw invalidError(ri, '', [required('metadata.name', 'name or generateName is required')]);
    }
    this.admitNamespace(ri, obj);
    // Registry preparation: the server owns these fields.
    delete meta.resourceVersion;
    delete meta.uid;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.managedFields;
    delete meta.selfLink;
    st.defaults?.(obj, this);
    st.prepareCreate?.(obj, this);
    const errs = st.validate?.(obj, this) ?? [];
    errs.push(...validateObjectMeta(ri, meta));
    if (errs.length) throw invalidError(ri, meta.name, dedupe(errs));
    this.strategies.admit?.(obj, ri, this);
    // Storage is where a name already taken is found: after admission and validation.
    if (!opts.unique && this.peek(ri, meta.namespace, meta.name)) throw alreadyExistsError(ri, meta.name);
    meta.uid ??= this.rng.uuid();
    meta.creationTimestamp = this.nowRfc3339();
    if (opts.dryRun) {
      meta.resourceVersion = undefined;
      delete meta.resourceVersion;
      return obj;
    }
    meta.resourceVersion = this.nextRv();
    const ordered = orderMeta(obj);
    this.store(groupResource(ri), ApiServer.key(ri, meta.namespace, meta.name), ordered, opts.unique);
    this.record('ADDED', groupResource(ri), ordered);
    return ordered;
  }

  generateName(ri: ResourceInfo, ns: string | undefined, base: string): string {
    const b = base.length > 58 ? base.slice(0, 58) : base;
    for (;;) {
      const name = b + this.rng.string(5);
      if (!this.peek(ri, ns, name)) return name;
    }
  }

  /**
   * Update (PUT). A stale resourceVersion gives Conflict; an empty one means "unconditional".
   * With status=true this is the status subresource: only status changes.
   */
  update(input: KObject, opts: WriteOptions & { status?: boolean; finalize?: boolean } = {}): KObject {
    const ri = this.resourceFor(input);
    const ns = ri.namespaced ? input.metadata?.namespace || 'default' : undefined;
    const name = input.metadata?.name ?? '';
    const old = opts.current ?? this.peek(ri, ns, name);
    if (!old) throw notFoundError(ri, name);
    input = this.decodeInput(input, ri, opts, old);
    const rv = input.metadata?.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflictError(ri, name, OBJECT_MODIFIED);
    const obj = structuredClone(input);
    const meta = obj.metadata;
    if (ri.namespaced) meta.namespace = ns;
    // Fields the server owns are kept from the stored object.
    meta.uid = old.metadata.uid;
    meta.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) {
      meta.deletionTimestamp = old.metadata.deletionTimestamp;
      if (old.metadata.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    } else {
      delete meta.deletionTimestamp;
      delete meta.deletionGracePeriodSeconds;
    }
    delete meta.managedFields;
    const st = this.strategies.get(groupResource(ri));
    if (opts.status) {
      // Status subresource: everything but status comes from the stored object.
      for (const k of Object.keys(obj)) if (k !== 'status' && k !== 'metadata') delete obj[k];
      // Stored objects are never changed in place: the new version shares what it keeps of the old one.
      for (const k of Object.keys(old)) if (k !== 'status' && k !== 'metadata') obj[k] = old[k];
      obj.metadata = { ...structuredClone(old.metadata), resourceVersion: meta.resourceVersion };
    } else if (opts.finalize) {
      // namespaces/finalize: only spec.finalizers changes.
      const finalizers = obj.spec?.finalizers;
      for (const k of Object.keys(obj)) delete obj[k];
      Object.assign(obj, structuredClone(old));
      obj.metadata.resourceVersion = meta.resourceVersion;
      obj.spec = { ...(obj.spec ?? {}) };
      if (finalizers?.length) obj.spec.finalizers = finalizers;
      else delete obj.spec.finalizers;
    } else {
      if (st.statusSubresource) {
        if (old.status === undefined) delete obj.status;
        else obj.status = structuredClone(old.status);
      }
      st.defaults?.(obj, this);
      st.prepareUpdate?.(obj, old, this);
      // ValidateXUpdate covers the whole object when a kind has one.
      const errs = [...(st.validateUpdate ? st.validateUpdate(obj, old, this) : (st.validate?.(obj, this) ?? [])), ...validateObjectMeta(ri, meta)];
      if (errs.length) throw invalidError(ri, name, dedupe(errs));
      if (old.metadata.generation !== undefined) {
        const gen = old.metadata.generation ?? 1;
        obj.metadata.generation = specChanged(obj, old) ? gen + 1 : gen;
      }
    }
    if (opts.dryRun) return obj;
    if (sameObject(obj, old)) return old;
    obj.metadata.resourceVersion = this.nextRv();
    const ordered = orderMeta(obj);
    // A deleting object whose finalizers are all gone is removed now.
    if (ordered.metadata.deletionTimestamp && !(ordered.metadata.finalizers?.length) && !this.waitsForGrace(ri, ordered)) {
      delete this.bucket(groupResource(ri))[ApiServer.key(ri, ns, name)];
      this.record('DELETED', groupResource(ri), ordered, old);
      this.strategies.get(groupResource(ri)).released?.(ordered, this);
      return ordered;
    }
    this.store(groupResource(ri), ApiServer.key(ri, ns, name), ordered, opts.current !== undefined);
    this.record('MODIFIED', groupResource(ri), ordered, old);
    return ordered;
  }

  /**
   * Pods on a node stay until the kubelet confirms (a delete with grace 0); a namespace stays until
   * the namespace controller has emptied it and removed its spec.finalizers.
   */
  private waitsForGrace(ri: ResourceInfo, obj: KObject): boolean {
    if (ri.resource === 'namespaces' && ri.group === '') return (obj.spec?.finalizers?.length ?? 0) > 0;
    return ri.resource === 'pods' && ri.group === '' && (obj.metadata.deletionGracePeriodSeconds ?? 0) > 0;
  }

  updateStatus(input: KObject, opts: WriteOptions = {}): KObject {
    return this.update(input, { ...opts, status: true });
  }

  /** The namespaces/finalize subresource: the namespace controller's way to drop spec.finalizers. */
  finalizeNamespace(input: KObject, opts: WriteOptions = {}): KObject {
    return this.update(input, { ...opts, finalize: true });
  }

  /**
   * Delete. Objects with finalizers, or pods running on a node (graceful deletion), get a
   * deletionTimestamp and stay until their finalizers are removed or the kubelet confirms.
   * Returns the object as deleted (or as marked for deletion).
   */
  delete(ri: ResourceInfo, ns: string | undefined, name: string, opts: DeleteOptions = {}): KObject {
    const old = this.get(ri, ns, name);
    if (opts.uid && old.metadata.uid !== opts.uid) {
      throw conflictError(
        ri,
        name,
        `Precondition failed: UID in precondition: ${opts.uid}, UID in object meta: ${old.metadata.uid}`,
      );
    }
    const gr = groupResource(ri);
    const st = this.strategies.get(gr);
    const obj = structuredClone(old);
    const meta = obj.metadata;
    const propagation = opts.propagationPolicy ?? st.defaultPropagation ?? 'Background';
    const finalizers = new Set(meta.finalizers ?? []);
    if (propagation === 'Orphan') finalizers.add('orphan');
    if (propagation === 'Foreground') finalizers.add('foregroundDeletion');
    const grace = st.gracePeriod ? st.gracePeriod(old, opts.gracePeriodSeconds) : 0;
    if (opts.dryRun) return obj;

    if (meta.deletionTimestamp) {
      // Already deleting: a shorter grace period may still speed it up.
      if (ri.resource === 'pods' && ri.group === '' && grace < (meta.deletionGracePeriodSeconds ?? 0)) {
        meta.deletionGracePeriodSeconds = grace;
        meta.deletionTimestamp = rfc3339(this.now + grace * 1000);
        if (grace === 0 && !(meta.finalizers?.length)) return this.remove(ri, obj, old);
        meta.resourceVersion = this.nextRv();
        this.bucket(gr)[ApiServer.key(ri, ns, name)] = meta.finalizers ? obj : obj;
        this.record('MODIFIED', gr, obj, old);
      }
      return obj;
    }
    const needsWait = finalizers.size > 0 || grace > 0 || gr === 'namespaces';
    if (!needsWait) return this.remove(ri, obj, old);
    meta.deletionTimestamp = rfc3339(this.now + grace * 1000);
    meta.deletionGracePeriodSeconds = grace;
    if (finalizers.size) meta.finalizers = [...finalizers];
    if (meta.generation !== undefined) meta.generation += 1;
    meta.resourceVersion = this.nextRv();
    if (gr === 'namespaces') {
      obj.status = { ...(obj.status ?? {}), phase: 'Terminating' };
    }
    const ordered = orderMeta(obj);
    this.bucket(gr)[ApiServer.key(ri, ns, name)] = ordered;
    this.record('MODIFIED', gr, ordered, old);
    return ordered;
  }

  private remove(ri: ResourceInfo, obj: KObject, old: KObject): KObject {
    const gr = groupResource(ri);
    delete this.bucket(gr)[ApiServer.key(ri, obj.metadata.namespace, obj.metadata.name!)];
    this.doc.rv += 1;
    this.record('DELETED', gr, obj, old);
    this.strategies.get(gr).released?.(obj, this);
    return obj;
  }

  /**
   * Removes an object at once whatever its grace period (the kubelet's final confirmation): a delete
   * with grace period 0. An object with finalizers still waits for them, marked for deletion.
   */
  forceRemove(ri: ResourceInfo, ns: string | undefined, name: string): KObject | undefined {
    const old = this.peek(ri, ns, name);
    if (!old) return undefined;
    if (old.metadata.finalizers?.length) {
      if (old.metadata.deletionTimestamp && old.metadata.deletionGracePeriodSeconds === 0) return old;
      const obj = structuredClone(old);
      obj.metadata.deletionTimestamp ??= this.nowRfc3339();
      obj.metadata.deletionGracePeriodSeconds = 0;
      obj.metadata.resourceVersion = this.nextRv();
      const ordered = orderMeta(obj);
      this.bucket(groupResource(ri))[ApiServer.key(ri, ns, name)] = ordered;
      this.record('MODIFIED', groupResource(ri), ordered, old);
      return ordered;
    }
    return this.remove(ri, structuredClone(old), old);
  }

  /** POST pods/<name>/binding: assigns the pod to a node (once) and marks it scheduled. */
  bind(ns: string, name: string, node: string): KObject {
    const ri = forGroupResource('pods')!;
    const old = this.get(ri, ns, name);
    if (old.spec?.nodeName) throw conflictError(ri, name, `pod ${name} is already assigned to node "${old.spec.nodeName}"`);
    if (old.metadata.deletionTimestamp) throw conflictError(ri, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    // Stored objects are never changed in place: the bound pod shares what binding leaves as it was.
    const conds = (old.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'PodScheduled');
    conds.push({ lastProbeTime: null, lastTransitionTime: this.nowRfc3339(), status: 'True', type: 'PodScheduled' });
    const obj: KObject = { ...old, metadata: { ...old.metadata }, spec: { ...old.spec, nodeName: node }, status: { ...old.status, conditions: conds } };
    obj.metadata.resourceVersion = this.nextRv();
    this.bucket('pods')[ApiServer.key(ri, ns, name)] = obj;
    this.record('MODIFIED', 'pods', obj, old);
    return obj;
  }

  resourceByGr(gr: string): ResourceInfo {
    const ri = forGroupResource(gr);
    if (!ri) throw new Error(`unknown resource ${gr}`);
    return ri;
  }
}

// ---- helpers -----------------------------------------------------------------------------------

const NAME_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** ObjectMeta checks every kind shares; the name rule itself is per kind (strategies may add more). */
function validateObjectMeta(ri: ResourceInfo, meta: ObjectMeta): FieldError[] {
  const errs: FieldError[] = [];
  if (ri.namespaced && meta.namespace && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(meta.namespace)) {
    errs.push(invalid('metadata.namespace', meta.namespace, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
  }
  return errs;
}

export function subdomainNameErrors(name: string, field = 'metadata.name'): FieldError[] {
  const errs: FieldError[] = [];
  if (name.length > 253) errs.push(invalid(field, name, 'must be no more than 253 characters'));
  if (!NAME_SUBDOMAIN.test(name)) errs.push(invalid(field, name, SUBDOMAIN_MSG));
  return errs;
}

function dedupe(errs: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errs.filter((e) => {
    const k = e.toString();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Whether anything outside metadata and status changed (what bumps metadata.generation). */
function specChanged(a: KObject, b: KObject): boolean {
  const strip = (o: KObject) => {
    const { metadata: _m, status: _s, ...rest } = o;
    return rest;
  };
  return !deepEqual(strip(a), strip(b));
}

function sameObject(a: KObject, b: KObject): boolean {
  const ma = { ...a.metadata, resourceVersion: undefined };
  const mb = { ...b.metadata, resourceVersion: undefined };
  return deepEqual({ ...a, metadata: ma }, { ...b, metadata: mb });
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** Keeps apiVersion, kind, metadata first for readable state files (printers sort keys anyway). */
function orderMeta(obj: KObject): KObject {
  const { apiVersion, kind, metadata, ...rest } = obj;
  return { apiVersion, kind, metadata, ...rest } as KObject;
}

export { StatusError };
