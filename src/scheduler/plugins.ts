/**
 * The scheduling framework's default plugins, as pure functions over a snapshot: PreFilter and
 * Filter (NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit,
 * PodTopologySpread, InterPodAffinity, in the default profile's order), Score (the default
 * weights), and host selection with a random tie-break. Failure reasons carry the plugins' exact
 * texts, and whether preemption could help (Unschedulable) or not (UnschedulableAndUnresolvable).
 */
import type { KObject } from '../api/types.js';
import { fromLabelSelector, matchesLabels, type Requirement } from '../api/selectors.js';
import type { Random } from '../util/random.js';
import { allocatable, podRequests, type Res } from './resources.js';
import { parseImage } from '../kubelet/images.js';
import { hostPorts, type NodeInfo, type PodEntry, type SchedulerCache } from './cache.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Status {
  code: Code;
  reasons: string[];
  plugin: string;
}

export const ERR = {
  unschedulable: 'node(s) were unschedulable',
  nodeName: "node(s) didn't match the requested node name",
  nodeAffinity: "node(s) didn't match Pod's node affinity/selector",
  affinityConflict: 'pod affinity terms conflict',
  ports: "node(s) didn't have free ports for the requested pod ports",
  tooManyPods: 'Too many pods',
  podAffinity: "node(s) didn't match pod affinity rules",
  podAntiAffinity: "node(s) didn't match pod anti-affinity rules",
  existingAntiAffinity: "node(s) didn't satisfy existing pods anti-affinity rules",
  spread: "node(s) didn't match pod topology spread constraints",
  spreadMissingLabel: "node(s) didn't match pod topology spread constraints (missing required label)",
};

const st = (code: Code, plugin: string, ...reasons: string[]): Status => ({ code, reasons, plugin });

// ---- the snapshot --------------------------------------------------------------------------------

export interface Snapshot {
  nodes: KObject[];
  cache: SchedulerCache;
  /** A namespace's labels (for namespaceSelector in affinity terms). */
  namespaceLabels(ns: string): Record<string, string> | undefined;
  /** Images present on a node, and an image's size in bytes (ImageLocality). */
  imagesOn(node: string): readonly string[] | undefined;
  imageSize(image: string): number;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface NodeView {
  node: KObject;
  name: string;
  labels: Record<string, string>;
  alloc: Res;
  taints: Taint[];
  unschedulable: boolean;
}

const nodeViews = new WeakMap<KObject, NodeView>();

/** What the scheduler sees of a node: allocatable, labels and its taints (plus the condition taints). */
export function nodeView(node: KObject): NodeView {
  let v = nodeViews.get(node);
  if (v) return v;
  const taints: Taint[] = [...(node.spec?.taints ?? [])];
  const ready = (node.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
  // TaintNodesByCondition: a node that is not Ready carries not-ready/unreachable NoSchedule taints.
  const condTaint = ready?.status === 'False' ? 'node.kubernetes.io/not-ready' : ready?.status === 'Unknown' || !ready ? 'node.kubernetes.io/unreachable' : undefined;
  if (condTaint && !taints.some((t) => t.key === condTaint && t.effect === 'NoSchedule')) taints.push({ key: condTaint, effect: 'NoSchedule' });
  v = { node, name: node.metadata.name!, labels: node.metadata.labels ?? {}, alloc: allocatable(node), taints, unschedulable: !!node.spec?.unschedulable };
  nodeViews.set(node, v);
  return v;
}

// ---- tolerations and node selectors --------------------------------------------------------------

export function toleratesTaint(tol: any, taint: Taint): boolean {
  if (tol.effect && tol.effect !== taint.effect) return false;
  if (tol.key && tol.key !== taint.key) return false;
  const op = tol.operator ?? 'Equal';
  if (op === 'Exists') return true;
  if (op === 'Equal') return (tol.value ?? '') === (taint.value ?? '');
  return false;
}

export function tolerates(tolerations: any[] | undefined, taint: Taint): boolean {
  for (const t of tolerations ?? []) if (toleratesTaint(t, taint)) return true;
  return false;
}

function exprMatches(e: any, value: string | undefined, has: boolean): boolean {
  const values: string[] = e.values ?? [];
  switch (e.operator) {
    case 'In':
      return has && values.includes(value!);
    case 'NotIn':
      return !has || !values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !/^-?\d+$/.test(value!) || values.length !== 1 || !/^-?\d+$/.test(values[0])) return false;
      return e.operator === 'Gt' ? Number(value) > Number(values[0]) : Number(value) < Number(values[0]);
    }
    default:
      return false;
  }
}

/** One NodeSelectorTerm: its matchExpressions (labels) and matchFields (metadata.name), ANDed. */
export function nodeSelectorTermMatches(term: any, view: NodeView): boolean {
  const exprs: any[] = term?.matchExpressions ?? [];
  const fields: any[] = term?.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  for (const e of exprs) if (!exprMatches(e, view.labels[e.key], Object.prototype.hasOwnProperty.call(view.labels, e.key))) return false;
  for (const f of fields) {
    if (f.key !== 'metadata.name') return false;
    if (!exprMatches(f, view.name, true)) return false;
  }
  return true;
}

/** spec.nodeSelector and the required node affinity, as the NodeAffinity filter checks them. */
export function matchesNodeSelectorAndAffinity(pod: KObject, view: NodeView): boolean {
  const sel: Record<string, string> | undefined = pod.spec?.nodeSelector;
  if (sel) for (const [k, v] of Object.entries(sel)) if (view.labels[k] !== v) return false;
  const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req) {
    const terms: any[] = req.nodeSelectorTerms ?? [];
    if (!terms.some((t) => nodeSelectorTermMatches(t, view))) return false;
  }
  return true;
}

// ---- pod affinity terms ------------------------------------------------------------------------------

interface AffinityTerm {
  selector: Requirement[] | null;
  /** Namespaces the term looks at; null means every namespace. */
  namespaces: Set<string> | null;
  nsSelector: Requirement[] | null;
  topologyKey: string;
  weight: number;
}

function affinityTerm(pod: KObject, t: any, weight: number): AffinityTerm {
  const ns = new Set<string>(t.namespaces ?? []);
  const nsSel = t.namespaceSelector ? fromLabelSelector(t.namespaceSelector) : null;
  const all = nsSel !== null && nsSel.length === 0;
  if (!ns.size && !t.namespaceSelector) ns.add(pod.metadata.namespace ?? 'default');
  return { selector: fromLabelSelector(t.labelSelector), namespaces: all ? null : ns, nsSelector: all ? null : nsSel, topologyKey: t.topologyKey ?? '', weight };
}

function termMatchesPod(term: AffinityTerm, pod: KObject, snap: Snapshot): boolean {
  const ns = pod.metadata.namespace ?? 'default';
  if (term.namespaces !== null && !term.namespaces.has(ns)) {
    if (!term.nsSelector || !matchesLabels(term.nsSelector, snap.namespaceLabels(ns))) return false;
  }
  return term.selector !== null && matchesLabels(term.selector, pod.metadata.labels);
}

function requiredTerms(pod: KObject, kind: 'podAffinity' | 'podAntiAffinity'): AffinityTerm[] {
  return (pod.spec?.affinity?.[kind]?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t: any) => affinityTerm(pod, t, 1));
}

function preferredTerms(pod: KObject, kind: 'podAffinity' | 'podAntiAffinity'): AffinityTerm[] {
  return (pod.spec?.affinity?.[kind]?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t: any) => affinityTerm(pod, t.podAffinityTerm ?? {}, t.weight ?? 0));
}

const tpKey = (k: string, v: string) => `${k}\u0000${v}`;

// ---- the cycle state (PreFilter) -------------------------------------------------------------------

interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  hard: boolean;
  selector: Requirement[] | null;
  minDomains: number;
}

export interface Cycle {
  pod: KObject;
  key: string;
  req: Res;
  nzCpu: number;
  nzMem: number;
  noRequests: boolean;
  ports: string[];
  tolerations: any[];
  owner?: string;
  priority: number;
  /** Node names a PreFilter narrowed the search to (NodeAffinity on metadata.name). */
  preNodes?: Set<string>;
  preFilterStatus?: Status;
  affinity: AffinityTerm[];
  antiAffinity: AffinityTerm[];
  affinityCounts: Map<string, number>;
  antiAffinityCounts: Map<string, number>;
  existingAntiCounts: Map<string, number>;
  affinityMatchesSelf: boolean;
  spread: SpreadConstraint[];
  /** Per hard spread constraint: domain → matching pods, and the minimum over eligible domains. */
  spreadCounts: { counts: Map<string, number>; min: number }[];
  needsInterPod: boolean;
}

function preFilter(pod: KObject, key: string, snap: Snapshot): Cycle {
  const req = podRequests(pod);
  const nz = podRequests(pod, true);
  const c: Cycle = {
    pod,
    key,
    req,
    nzCpu: nz.cpu ?? 0,
    nzMem: nz.memory ?? 0,
    noRequests: Object.entries(req).every(([k, v]) => k === 'pods' || !v),
    ports: hostPorts(pod),
    tolerations: pod.spec?.tolerations ?? [],
    owner: pod.metadata.ownerReferences?.find((r: any) => r.controller)?.uid,
    priority: pod.spec?.priority ?? 0,
    affinity: requiredTerms(pod, 'podAffinity'),
    antiAffinity: requiredTerms(pod, 'podAntiAffinity'),
    affinityCounts: new Map(),
    antiAffinityCounts: new Map(),
    existingAntiCounts: new Map(),
    affinityMatchesSelf: false,
    spread: [],
    spreadCounts: [],
    needsInterPod: false,
  };
  // NodeAffinity PreFilter: terms that all name nodes narrow the search to those nodes.
  const terms: any[] | undefined = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms?.length) {
    let names: Set<string> | undefined;
    let allNamed = true;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const f of t.matchFields ?? []) {
        if (f.key !== 'metadata.name' || f.operator !== 'In') continue;
        const s = new Set<string>(f.values ?? []);
        termNames = termNames ? new Set([...termNames].filter((x) => s.has(x))) : s;
      }
      if (!termNames) {
        allNamed = false;
        break;
      }
      names = new Set([...(names ?? []), ...termNames]);
    }
    if (allNamed && names) {
      if (names.size === 0) c.preFilterStatus = st('UnschedulableAndUnresolvable', 'NodeAffinity', ERR.affinityConflict);
      else c.preNodes = names;
    }
  }
  // InterPodAffinity PreFilter: counts per topology domain.
  const hasOwn = c.affinity.length > 0 || c.antiAffinity.length > 0;
  c.needsInterPod = hasOwn || snap.cache.affinityPods > 0 || preferredTerms(pod, 'podAffinity').length > 0 || preferredTerms(pod, 'podAntiAffinity').length > 0;
  if (hasOwn || snap.cache.affinityPods > 0) {
    const nodeLabels = new Map<string, Record<string, string>>();
    for (const n of snap.nodes) nodeLabels.set(n.metadata.name!, n.metadata.labels ?? {});
    for (const e of snap.cache.pods.values()) {
      const labels = nodeLabels.get(e.node);
      if (!labels) continue;
      if (c.affinity.length && c.affinity.every((t) => termMatchesPod(t, e.pod, snap))) {
        for (const t of c.affinity) if (t.topologyKey in labels) bump(c.affinityCounts, tpKey(t.topologyKey, labels[t.topologyKey]));
      }
      for (const t of c.antiAffinity) {
        if (t.topologyKey in labels && termMatchesPod(t, e.pod, snap)) bump(c.antiAffinityCounts, tpKey(t.topologyKey, labels[t.topologyKey]));
      }
      if (e.antiAffinity) {
        for (const t of requiredTerms(e.pod, 'podAntiAffinity')) {
          if (t.topologyKey in labels && termMatchesPod(t, pod, snap)) bump(c.existingAntiCounts, tpKey(t.topologyKey, labels[t.topologyKey]));
        }
      }
    }
    c.affinityMatchesSelf = c.affinity.length > 0 && c.affinity.every((t) => termMatchesPod(t, pod, snap));
  }
  // PodTopologySpread.
  for (const s of pod.spec?.topologySpreadConstraints ?? []) {
    c.spread.push({
      maxSkew: s.maxSkew ?? 1,
      topologyKey: s.topologyKey,
      hard: (s.whenUnsatisfiable ?? 'DoNotSchedule') === 'DoNotSchedule',
      selector: fromLabelSelector(s.labelSelector),
      minDomains: s.minDomains ?? 1,
    });
  }
  for (const s of c.spread) {
    if (!s.hard) continue;
    const counts = new Map<string, number>();
    for (const n of snap.nodes) {
      const v = nodeView(n);
      if (!(s.topologyKey in v.labels) || !matchesNodeSelectorAndAffinity(pod, v)) continue;
      const d = v.labels[s.topologyKey];
      if (!counts.has(d)) counts.set(d, 0);
      const info = snap.cache.nodes.get(v.name);
      if (!info) continue;
      for (const e of info.pods.values()) {
        if (e.pod.metadata.namespace === pod.metadata.namespace && s.selector && matchesLabels(s.selector, e.pod.metadata.labels)) bump(counts, d);
      }
    }
    let min = counts.size ? Math.min(...counts.values()) : 0;
    if (counts.size < s.minDomains) min = 0;
    c.spreadCounts.push({ counts, min });
  }
  return c;
}

function bump(m: Map<string, number>, k: string, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

// ---- Filter ----------------------------------------------------------------------------------------

/** Resources of pods nominated to this node with at least the incoming pod's priority. */
function nominatedLoad(c: Cycle, snap: Snapshot, node: string): PodEntry[] {
  const m = snap.cache.nominated.get(node);
  if (!m) return [];
  const out: PodEntry[] = [];
  for (const e of m.values()) if (e.key !== c.key && e.priority >= c.priority) out.push(e);
  return out;
}

/** NodeResourcesFit: the pod count, then cpu, memory, ephemeral storage and extended resources. */
export function fitReasons(c: Cycle, view: NodeView, podCount: number, requested: Res): string[] {
  const out: string[] = [];
  if (podCount + 1 > (view.alloc.pods ?? 110)) out.push(ERR.tooManyPods);
  if (c.noRequests) return out;
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    const want = c.req[r] ?? 0;
    if (want > 0 && want > (view.alloc[r] ?? 0) - (requested[r] ?? 0)) out.push(`Insufficient ${r}`);
  }
  for (const [r, want] of Object.entries(c.req)) {
    if (r === 'cpu' || r === 'memory' || r === 'ephemeral-storage' || r === 'pods' || !want) continue;
    if (want > (view.alloc[r] ?? 0) - (requested[r] ?? 0)) out.push(`Insufficient ${r}`);
  }
  return out;
}

function portsConflict(wanted: string[], used: Map<string, number>): boolean {
  for (const w of wanted) {
    const [proto, ip, port] = w.split('/');
    for (const u of used.keys()) {
      const [uproto, uip, uport] = u.split('/');
      if (uproto !== proto || uport !== port) continue;
      if (ip === uip || ip === '0.0.0.0' || uip === '0.0.0.0') return true;
    }
  }
  return false;
}

/**
 * Runs the filter plugins on one node; the first failing plugin's status, or undefined if it fits.
 * `without` removes pods from the node first (preemption's "what if these were gone").
 */
export function filterNode(c: Cycle, snap: Snapshot, view: NodeView, without?: Set<string>): Status | undefined {
  const pod = c.pod;
  // NodeUnschedulable
  if (view.unschedulable && !tolerates(c.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) {
    return st('UnschedulableAndUnresolvable', 'NodeUnschedulable', ERR.unschedulable);
  }
  // TaintToleration (NoSchedule and NoExecute)
  for (const t of view.taints) {
    if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
    if (!tolerates(c.tolerations, t)) return st('UnschedulableAndUnresolvable', 'TaintToleration', `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`);
  }
  // NodeAffinity
  if (!matchesNodeSelectorAndAffinity(pod, view)) return st('UnschedulableAndUnresolvable', 'NodeAffinity', ERR.nodeAffinity);
  const info = snap.cache.nodes.get(view.name);
  const nominated = nominatedLoad(c, snap, view.name);
  // NodePorts
  if (c.ports.length) {
    const used = new Map(info?.ports ?? []);
    if (without && info) for (const k of without) for (const p of info.pods.get(k)?.ports ?? []) used.set(p, (used.get(p) ?? 1) - 1 || 0);
    for (const [p, n] of [...used]) if (!n) used.delete(p);
    if (portsConflict(c.ports, used)) return st('Unschedulable', 'NodePorts', ERR.ports);
  }
  // NodeResourcesFit
  let count = info?.pods.size ?? 0;
  let requested: Res = info?.req ?? {};
  if (nominated.length || without?.size) {
    requested = { ...requested };
    for (const e of nominated) {
      count++;
      for (const [k, v] of Object.entries(e.req)) requested[k] = (requested[k] ?? 0) + v;
    }
    if (without && info) {
      for (const k of without) {
        const e = info.pods.get(k);
        if (!e) continue;
        count--;
        for (const [r, v] of Object.entries(e.req)) requested[r] = (requested[r] ?? 0) - v;
      }
    }
  }
  const fit = fitReasons(c, view, count, requested);
  if (fit.length) return st('Unschedulable', 'NodeResourcesFit', ...fit);
  // PodTopologySpread (DoNotSchedule constraints)
  let si = 0;
  for (const s of c.spread) {
    if (!s.hard) continue;
    const sc = c.spreadCounts[si++];
    if (!(s.topologyKey in view.labels)) return st('UnschedulableAndUnresolvable', 'PodTopologySpread', ERR.spreadMissingLabel);
    const selfMatch = s.selector && matchesLabels(s.selector, pod.metadata.labels) ? 1 : 0;
    const cnt = sc.counts.get(view.labels[s.topologyKey]) ?? 0;
    if (cnt + selfMatch - sc.min > s.maxSkew) return st('Unschedulable', 'PodTopologySpread', ERR.spread);
  }
  // InterPodAffinity
  if (c.affinity.length) {
    let exist = true;
    for (const t of c.affinity) {
      if (!(t.topologyKey in view.labels)) return st('UnschedulableAndUnresolvable', 'InterPodAffinity', ERR.podAffinity);
      if ((c.affinityCounts.get(tpKey(t.topologyKey, view.labels[t.topologyKey])) ?? 0) <= 0) exist = false;
    }
    if (!exist && !(c.affinityCounts.size === 0 && c.affinityMatchesSelf)) return st('UnschedulableAndUnresolvable', 'InterPodAffinity', ERR.podAffinity);
  }
  for (const t of c.antiAffinity) {
    if (t.topologyKey in view.labels && (c.antiAffinityCounts.get(tpKey(t.topologyKey, view.labels[t.topologyKey])) ?? 0) > 0) {
      return st('Unschedulable', 'InterPodAffinity', ERR.podAntiAffinity);
    }
  }
  if (c.existingAntiCounts.size) {
    for (const [k, v] of Object.entries(view.labels)) {
      if ((c.existingAntiCounts.get(tpKey(k, v)) ?? 0) > 0) return st('Unschedulable', 'InterPodAffinity', ERR.existingAntiAffinity);
    }
  }
  return undefined;
}

// ---- Score -----------------------------------------------------------------------------------------

const MAX = 100;

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX) / capacity);
}

function scoreNodes(c: Cycle, snap: Snapshot, feasible: NodeView[]): number[] {
  const n = feasible.length;
  const total = new Array<number>(n).fill(0);
  const pod = c.pod;
  const taintRaw = new Array<number>(n);
  const affRaw = new Array<number>(n);
  const spreadRaw = new Array<number>(n);
  const interRaw = new Array<number>(n).fill(0);
  const prefNodeAff: any[] = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
  const userSpread = c.spread.filter((s) => !s.hard);
  // System default spreading applies to pods of a controller that set no constraints of their own.
  const defaultSpread = c.spread.length === 0 && c.owner !== undefined;
  const spreadWeight = Math.log(n + 2);
  const images = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((x: any) => parseImage(String(x.image ?? '')).full);
  const imageNodes = new Map<string, number>();
  for (const img of new Set(images)) {
    let cnt = 0;
    for (const nd of snap.nodes) if (snap.imagesOn(nd.metadata.name!)?.includes(img)) cnt++;
    imageNodes.set(img, cnt);
  }
  const interPod = c.needsInterPod ? interPodScores(c, snap, feasible) : undefined;
  for (let i = 0; i < n; i++) {
    const v = feasible[i];
    const info = snap.cache.nodes.get(v.name);
    // NodeResourcesFit (LeastAllocated, cpu and memory weighted 1)
    const cpu = leastRequested((info?.nzCpu ?? 0) + c.nzCpu, v.alloc.cpu ?? 0);
    const mem = leastRequested((info?.nzMem ?? 0) + c.nzMem, v.alloc.memory ?? 0);
    total[i] += Math.floor((cpu + mem) / 2);
    // NodeResourcesBalancedAllocation
    const fc = Math.min(1, v.alloc.cpu ? ((info?.req.cpu ?? 0) + (c.req.cpu ?? 0)) / v.alloc.cpu : 1);
    const fm = Math.min(1, v.alloc.memory ? ((info?.req.memory ?? 0) + (c.req.memory ?? 0)) / v.alloc.memory : 1);
    total[i] += Math.floor((1 - Math.abs(fc - fm) / 2) * MAX);
    // TaintToleration: untolerated PreferNoSchedule taints (fewer is better)
    let intolerable = 0;
    for (const t of v.taints) if (t.effect === 'PreferNoSchedule' && !tolerates(c.tolerations.filter((x: any) => !x.effect || x.effect === 'PreferNoSchedule'), t)) intolerable++;
    taintRaw[i] = intolerable;
    // NodeAffinity: preferred terms
    let w = 0;
    for (const p of prefNodeAff) if (nodeSelectorTermMatches(p.preference, v)) w += p.weight ?? 0;
    affRaw[i] = w;
    // PodTopologySpread
    let s = 0;
    if (defaultSpread) s += (info?.owners.get(c.owner!) ?? 0) * spreadWeight + 2;
    for (const u of userSpread) {
      if (!(u.topologyKey in v.labels)) continue;
      let cnt = 0;
      const dom = v.labels[u.topologyKey];
      for (const nd of feasible) {
        if (nd.labels[u.topologyKey] !== dom) continue;
        for (const e of snap.cache.nodes.get(nd.name)?.pods.values() ?? []) {
          if (e.pod.metadata.namespace === pod.metadata.namespace && u.selector && matchesLabels(u.selector, e.pod.metadata.labels)) cnt++;
        }
      }
      s += cnt * spreadWeight + (u.maxSkew - 1);
    }
    spreadRaw[i] = Math.round(s);
    if (interPod) interRaw[i] = interPod[i];
    // ImageLocality
    let sum = 0;
    for (const img of images) {
      if (snap.imagesOn(v.name)?.includes(img)) sum += Math.floor(snap.imageSize(img) * ((imageNodes.get(img) ?? 0) / Math.max(1, snap.nodes.length)));
    }
    const minT = 23 * 1024 * 1024;
    const maxT = 1000 * 1024 * 1024 * Math.max(1, images.length);
    const clamped = Math.min(maxT, Math.max(minT, sum));
    total[i] += Math.floor((MAX * (clamped - minT)) / (maxT - minT));
  }
  // Normalize and weigh: TaintToleration 3 (reversed), NodeAffinity 2, PodTopologySpread 2, InterPodAffinity 2.
  const maxTaint = Math.max(0, ...taintRaw);
  const maxAff = Math.max(0, ...affRaw);
  const spreadActive = defaultSpread || userSpread.length > 0;
  const maxSpread = spreadActive ? Math.max(0, ...spreadRaw) : 0;
  const minSpread = spreadActive ? Math.min(...spreadRaw) : 0;
  const maxInter = Math.max(...interRaw);
  const minInter = Math.min(...interRaw);
  for (let i = 0; i < n; i++) {
    total[i] += 3 * (maxTaint === 0 ? MAX : MAX - Math.floor((taintRaw[i] * MAX) / maxTaint));
    total[i] += 2 * (maxAff === 0 ? 0 : Math.floor((affRaw[i] * MAX) / maxAff));
    if (spreadActive) total[i] += 2 * (maxSpread === 0 ? MAX : Math.floor((MAX * (maxSpread + minSpread - spreadRaw[i])) / maxSpread));
    if (maxInter !== minInter) total[i] += 2 * Math.floor((MAX * (interRaw[i] - minInter)) / (maxInter - minInter));
  }
  return total;
}

/** InterPodAffinity scoring: preferred (anti-)affinity of the incoming pod, and existing pods' terms toward it. */
function interPodScores(c: Cycle, snap: Snapshot, feasible: NodeView[]): number[] {
  const pod = c.pod;
  const prefAff = preferredTerms(pod, 'podAffinity');
  const prefAnti = preferredTerms(pod, 'podAntiAffinity');
  const topo = new Map<string, number>();
  const nodeLabels = new Map<string, Record<string, string>>();
  for (const n of snap.nodes) nodeLabels.set(n.metadata.name!, n.metadata.labels ?? {});
  for (const e of snap.cache.pods.values()) {
    const labels = nodeLabels.get(e.node);
    if (!labels) continue;
    for (const t of prefAff) if (t.topologyKey in labels && termMatchesPod(t, e.pod, snap)) bump(topo, tpKey(t.topologyKey, labels[t.topologyKey]), t.weight);
    for (const t of prefAnti) if (t.topologyKey in labels && termMatchesPod(t, e.pod, snap)) bump(topo, tpKey(t.topologyKey, labels[t.topologyKey]), -t.weight);
    if (!e.affinity) continue;
    // Existing pods' terms that match the incoming pod (symmetry; hard affinity weighs 1).
    for (const t of requiredTerms(e.pod, 'podAffinity')) if (t.topologyKey in labels && termMatchesPod(t, pod, snap)) bump(topo, tpKey(t.topologyKey, labels[t.topologyKey]), 1);
    for (const t of preferredTerms(e.pod, 'podAffinity')) if (t.topologyKey in labels && termMatchesPod(t, pod, snap)) bump(topo, tpKey(t.topologyKey, labels[t.topologyKey]), t.weight);
    for (const t of preferredTerms(e.pod, 'podAntiAffinity')) if (t.topologyKey in labels && termMatchesPod(t, pod, snap)) bump(topo, tpKey(t.topologyKey, labels[t.topologyKey]), -t.weight);
  }
  return feasible.map((v) => {
    let s = 0;
    for (const [k, val] of Object.entries(v.labels)) s += topo.get(tpKey(k, val)) ?? 0;
    return s;
  });
}

// ---- the scheduling algorithm (schedulePod) ------------------------------------------------------

export interface FitError {
  numAllNodes: number;
  /** The cycle state, for preemption's dry runs. */
  cycle?: Cycle;
  /** Node → why it was rejected. */
  statuses: Map<string, Status>;
  preFilterMsg?: string;
}

export type ScheduleResult = { node: string; evaluated: number; feasible: number } | { fitError: FitError } | { noNodes: true };

/** Finds the best node for a pod, or why none fits. */
export function schedulePod(pod: KObject, key: string, snap: Snapshot, rng: Random): ScheduleResult {
  if (!snap.nodes.length) return { noNodes: true };
  const c = preFilter(pod, key, snap);
  const statuses = new Map<string, Status>();
  if (c.preFilterStatus) {
    for (const n of snap.nodes) statuses.set(n.metadata.name!, c.preFilterStatus);
    return { fitError: { numAllNodes: snap.nodes.length, statuses, preFilterMsg: c.preFilterStatus.reasons.join(', ') } };
  }
  const feasible: NodeView[] = [];
  for (const n of snap.nodes) {
    const v = nodeView(n);
    if (c.preNodes && !c.preNodes.has(v.name)) {
      statuses.set(v.name, st('UnschedulableAndUnresolvable', 'NodeAffinity', "node(s) didn't satisfy plugin(s) [NodeAffinity]"));
      continue;
    }
    const s = filterNode(c, snap, v);
    if (s) statuses.set(v.name, s);
    else feasible.push(v);
  }
  if (!feasible.length) return { fitError: { numAllNodes: snap.nodes.length, statuses, cycle: c } };
  if (feasible.length === 1) return { node: feasible[0].name, evaluated: snap.nodes.length, feasible: 1 };
  const scores = scoreNodes(c, snap, feasible);
  // selectHost: the highest score; ties broken at random (reservoir sampling).
  let best = 0;
  let ties = 1;
  for (let i = 1; i < feasible.length; i++) {
    if (scores[i] > scores[best]) {
      best = i;
      ties = 1;
    } else if (scores[i] === scores[best]) {
      ties++;
      if (rng.int(ties) === 0) best = i;
    }
  }
  return { node: feasible[best].name, evaluated: snap.nodes.length, feasible: feasible.length };
}

/** The reason histogram FitError.Error() prints: "N reason" sorted as strings, comma-joined. */
export function reasonHistogram(statuses: Iterable<Status>): string {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([r, n]) => `${n} ${r}`);
  parts.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return parts.join(', ');
}

/** FitError.Error(): "0/N nodes are available: <histogram>." plus the PostFilter (preemption) message. */
export function fitErrorMessage(fe: FitError, postFilterMsg?: string): string {
  let msg = `0/${fe.numAllNodes} nodes are available:`;
  if (fe.preFilterMsg) msg += ` ${fe.preFilterMsg}.`;
  else {
    const h = reasonHistogram(fe.statuses.values());
    if (h) msg += ` ${h}.`;
  }
  if (postFilterMsg) msg += ` ${postFilterMsg}`;
  return msg;
}

export { preFilter };
export type { NodeInfo };
