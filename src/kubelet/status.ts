/**
 * The pod status the kubelet posts, derived from its runtime state: phase (kubelet's getPhase),
 * conditions with their transition times, container and init container statuses (state, last
 * state, restart count, ready, started, image and container IDs), host and pod IPs.
 */
import type { KObject } from '../api/types.js';
import type { View } from '../engine/types.js';
import { rfc3339 } from '../util/clock.js';
import { imageID, imageName } from './images.js';
import type { ContainerRt, Instance, PodRt } from './kubelet.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const EPOCH = '1970-01-01T00:00:00Z';

function terminated(inst: Instance): any {
  const t: any = {
    containerID: inst.id,
    exitCode: inst.code ?? 0,
    finishedAt: rfc3339(inst.end ?? 0),
    reason: inst.reason ?? (inst.code ? 'Error' : 'Completed'),
    startedAt: inst.startError ? EPOCH : rfc3339(inst.start),
  };
  if (inst.message) t.message = inst.message;
  return t;
}

function mounts(spec: any): any[] | undefined {
  const vm: any[] = spec?.volumeMounts ?? [];
  if (!vm.length) return undefined;
  return vm.map((m) => {
    const o: any = { mountPath: m.mountPath, name: m.name };
    if (m.readOnly) {
      o.readOnly = true;
      o.recursiveReadOnly = 'Disabled';
    }
    return o;
  });
}

function containerStatus(c: ContainerRt, spec: any, defaultWaiting: string, final: boolean): any {
  const s: any = { image: spec?.image ?? c.image, imageID: '', lastState: {}, name: c.name, ready: c.ready, restartCount: c.restarts, started: c.started, state: {} };
  const cur = c.cur;
  const showCurAsLast = c.st === 'exited' && cur && c.reason === 'CrashLoopBackOff' && !final;
  const last = showCurAsLast ? cur : c.prev;
  const ran = cur ?? c.prev;
  if (ran) {
    s.containerID = ran.id;
    s.image = imageName(c.image);
    s.imageID = imageID(c.image);
  }
  if (last?.end !== undefined) s.lastState = { terminated: terminated(last) };
  if (c.st === 'running' && cur) {
    s.state = { running: { startedAt: rfc3339(cur.start) } };
  } else if (c.st === 'exited' && cur && !showCurAsLast) {
    s.state = { terminated: terminated(cur) };
  } else {
    const w: any = { reason: c.reason ?? (c.restarts > 0 ? 'CrashLoopBackOff' : defaultWaiting) };
    if (c.message) w.message = c.message;
    s.state = { waiting: w };
  }
  if (ran) {
    const vm = mounts(spec);
    if (vm) s.volumeMounts = vm;
  }
  return s;
}

/** kubelet getPhase over main containers (init containers decide Pending / Failed first). */
function phaseOf(pod: KObject, rt: PodRt, initPending: boolean, final: boolean): string {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  for (const c of rt.cs) if (c.init && !c.sidecar && c.st === 'exited' && c.cur?.code !== 0 && policy === 'Never' && !c.reason) return 'Failed';
  if (initPending && !final) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of rt.cs) {
    if (c.init) continue;
    if (c.st === 'running') running++;
    else if (c.st === 'exited' && c.cur && c.reason !== 'CrashLoopBackOff') {
      stopped++;
      if (c.cur.code === 0) succeeded++;
    } else if (c.prev || (c.st === 'exited' && c.cur)) stopped++;
    else waiting++;
  }
  if (final) return stopped === succeeded && running === 0 && waiting === 0 ? 'Succeeded' : stopped === succeeded && running === 0 ? 'Succeeded' : 'Failed';
  if (running > 0) return 'Running';
  if (running === 0 && stopped > 0 && waiting === 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

export function buildStatus(view: View, pod: KObject, rt: PodRt, node: KObject, final: boolean): any {
  const prev = pod.status ?? {};
  const nowStr = view.api.nowRfc3339();
  const hostIP = node?.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address ?? prev.hostIP ?? '';
  const prevConds: any[] = prev.conditions ?? [];
  const cond = (type: string, status: string, reason?: string, message?: string): any => {
    const old = prevConds.find((c) => c.type === type);
    const c: any = { lastProbeTime: null, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : nowStr };
    if (message) c.message = message;
    if (reason) c.reason = reason;
    c.status = status;
    c.type = type;
    return c;
  };
  const others = prevConds.filter((c) => !['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady'].includes(c.type));
  if (rt.rejected) {
    const st: any = { ...prev, message: rt.rejected.message, phase: 'Failed', reason: rt.rejected.reason, startTime: prev.startTime ?? rfc3339(rt.admitted) };
    st.conditions = others;
    return st;
  }
  const specs = new Map<string, any>();
  for (const c of pod.spec?.initContainers ?? []) specs.set(`i/${c.name}`, c);
  for (const c of pod.spec?.containers ?? []) specs.set(`c/${c.name}`, c);
  const hasInit = (pod.spec?.initContainers ?? []).length > 0;
  const defaultWaiting = hasInit ? 'PodInitializing' : 'ContainerCreating';
  const incomplete = rt.cs.filter((c) => c.init && !(c.sidecar ? c.started || c.restarts > 0 || c.st === 'running' : c.done));
  const initPending = incomplete.length > 0;
  const phase = phaseOf(pod, rt, initPending, final);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const unready = [...rt.cs.filter((c) => c.sidecar && !c.ready), ...rt.cs.filter((c) => !c.init && !c.ready)].map((c) => c.name);
  const gates: string[] = (pod.spec?.readinessGates ?? []).map((g: any) => g.conditionType);
  const missingGate = gates.find((g) => !prevConds.some((c) => c.type === g && c.status === 'True'));
  // A pod done for good has its sandbox torn down.
  const conditions = [cond('PodReadyToStartContainers', rt.sandboxAt !== undefined && !terminal ? 'True' : 'False')];
  if (initPending && !terminal) conditions.push(cond('Initialized', 'False', 'ContainersNotInitialized', `containers with incomplete status: [${incomplete.map((c) => c.name).join(' ')}]`));
  else conditions.push(cond('Initialized', 'True'));
  if (terminal) {
    conditions.push(cond('Ready', 'False', 'PodCompleted'), cond('ContainersReady', 'False', 'PodCompleted'));
  } else if (unready.length) {
    const msg = `containers with unready status: [${unready.join(' ')}]`;
    conditions.push(cond('Ready', 'False', 'ContainersNotReady', msg), cond('ContainersReady', 'False', 'ContainersNotReady', msg));
  } else if (missingGate) {
    const exists = prevConds.some((c) => c.type === missingGate);
    const msg = exists ? `corresponding condition of pod readiness gate "${missingGate}" is not True` : `corresponding condition of pod readiness gate "${missingGate}" does not exist.`;
    conditions.push(cond('Ready', 'False', 'ReadinessGatesNotReady', msg), cond('ContainersReady', 'True'));
  } else {
    conditions.push(cond('Ready', 'True'), cond('ContainersReady', 'True'));
  }
  const status: any = { conditions: [...conditions, ...others] };
  status.containerStatuses = rt.cs.filter((c) => !c.init).map((c) => containerStatus(c, specs.get(`c/${c.name}`), defaultWaiting, final));
  status.hostIP = hostIP;
  status.hostIPs = [{ ip: hostIP }];
  if (hasInit) status.initContainerStatuses = rt.cs.filter((c) => c.init).map((c) => containerStatus(c, specs.get(`i/${c.name}`), 'PodInitializing', final));
  if (prev.nominatedNodeName) status.nominatedNodeName = prev.nominatedNodeName;
  status.phase = phase;
  if (rt.ip) {
    status.podIP = rt.ip;
    status.podIPs = [{ ip: rt.ip }];
  }
  if (prev.qosClass) status.qosClass = prev.qosClass;
  status.startTime = prev.startTime ?? rfc3339(rt.admitted);
  return status;
}
