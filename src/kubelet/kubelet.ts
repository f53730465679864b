/**
 * The simulated kubelet (minimal): brings bound pods up (ContainerCreating → Running and Ready) with
 * the image-pull and container events, and tears deleted pods down (Killing, then gone).
 */
import type { Controller, Action, View } from '../engine/types.js';
import type { KObject } from '../api/types.js';
import { forGroupResource } from '../api/registry.js';
import { keyOf, splitKey } from '../controllers/util.js';
import { rfc3339 } from '../util/clock.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PODS = forGroupResource('pods')!;
const NODES = forGroupResource('nodes')!;

interface KubeletData {
  /** pod uid → simulated ms when its containers are up. */
  startAt: Record<string, number>;
  /** pod uid → simulated ms when its containers have stopped. */
  stopAt: Record<string, number>;
  /** node → next host number in its pod CIDR. */
  ipam: Record<string, number>;
}

function data(view: View): KubeletData {
  return (view.doc.engine.data.kubelet as KubeletData) ?? { startAt: {}, stopAt: {}, ipam: {} };
}

const setData = (fn: (d: KubeletData) => void): Action => ({
  op: 'data',
  apply: (doc) => {
    const d = ((doc.engine.data.kubelet as KubeletData) ??= { startAt: {}, stopAt: {}, ipam: {} });
    fn(d);
  },
});

function nodeIP(node: KObject | undefined): string {
  return node?.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address ?? '';
}

function allocateIP(view: View, node: KObject): string {
  const cidr: string = node.spec?.podCIDR ?? '10.244.0.0/24';
  const base = cidr.split('/')[0].split('.').slice(0, 3).join('.');
  const next = data(view).ipam[node.metadata.name!] ?? 2;
  return `${base}.${next}`;
}

function imageSize(image: string): number {
  let h = 7;
  for (const ch of image) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return 20_000_000 + (h % 180_000_000);
}

const cond = (type: string, status: string, t: string, extra: Record<string, string> = {}) => ({ lastProbeTime: null, lastTransitionTime: t, ...extra, status, type });

export const kubelet: Controller = {
  name: 'kubelet',
  watches: {
    pods: (c) => (c.type !== 'DELETED' && c.obj.spec?.nodeName ? [keyOf(c.obj)] : []),
  },
  resync: (view) => view.list(PODS).filter((p) => p.spec?.nodeName).map(keyOf),
  sync(key, view) {
    const [ns, name] = splitKey(key);
    const pod = view.get(PODS, ns, name);
    if (!pod || !pod.spec?.nodeName) return [];
    const node = view.get(NODES, undefined, pod.spec.nodeName);
    const uid = pod.metadata.uid!;
    const d = data(view);
    const now = view.now;
    const t = rfc3339(now);
    const host = pod.spec.nodeName;
    const containers: any[] = pod.spec.containers ?? [];
    const instant = view.profile === 'instant';

    if (pod.metadata.deletionTimestamp) {
      if (d.stopAt[uid] === undefined) {
        const at = now + (instant ? 0 : 300 + view.rng.int(700));
        const actions: Action[] = containers.map((c) => ({
          op: 'event',
          event: { involved: pod, fieldPath: `spec.containers{${c.name}}`, type: 'Normal', reason: 'Killing', message: `Stopping container ${c.name}`, component: 'kubelet', host },
        }));
        actions.push(setData((x) => (x.stopAt[uid] = at)), { op: 'after', delayMs: at - now, key });
        return actions;
      }
      if (now < d.stopAt[uid]) return [];
      return [setData((x) => delete x.stopAt[uid]), { op: 'remove', ri: PODS, namespace: ns, name }];
    }

    if (!pod.status?.containerStatuses) {
      const images = new Set(view.doc.engine.images[host] ?? []);
      const actions: Action[] = [];
      let pull = 0;
      for (const c of containers) {
        if (!images.has(c.image) || c.imagePullPolicy === 'Always') {
          actions.push({ op: 'event', event: { involved: pod, fieldPath: `spec.containers{${c.name}}`, type: 'Normal', reason: 'Pulling', message: `Pulling image "${c.image}"`, component: 'kubelet', host } });
          pull += instant ? 0 : 1000 + view.rng.int(2000);
        }
      }
      const at = now + pull + (instant ? 0 : 100 + view.rng.int(400));
      const ip = nodeIP(node);
      const status = {
        ...pod.status,
        conditions: [
          cond('PodReadyToStartContainers', 'False', t),
          cond('Initialized', 'True', t),
          cond('Ready', 'False', t, { message: `containers with unready status: [${containers.map((c) => c.name).join(' ')}]`, reason: 'ContainersNotReady' }),
          cond('ContainersReady', 'False', t, { message: `containers with unready status: [${containers.map((c) => c.name).join(' ')}]`, reason: 'ContainersNotReady' }),
          ...(pod.status?.conditions ?? []).filter((x: any) => x.type === 'PodScheduled'),
        ],
        containerStatuses: containers.map((c) => ({
          image: c.image,
          imageID: '',
          lastState: {},
          name: c.name,
          ready: false,
          restartCount: 0,
          started: false,
          state: { waiting: { reason: 'ContainerCreating' } },
        })),
        hostIP: ip,
        hostIPs: [{ ip }],
        phase: 'Pending',
        startTime: t,
      };
      actions.push({ op: 'status', obj: { ...pod, status } }, setData((x) => (x.startAt[uid] = at)), { op: 'after', delayMs: at - now, key });
      return actions;
    }

    const waiting = pod.status.containerStatuses.some((cs: any) => cs.state?.waiting?.reason === 'ContainerCreating');
    if (!waiting || d.startAt[uid] === undefined || now < d.startAt[uid]) return [];
    const images = new Set(view.doc.engine.images[host] ?? []);
    const actions: Action[] = [];
    for (const c of containers) {
      const fp = `spec.containers{${c.name}}`;
      if (!images.has(c.image) || c.imagePullPolicy === 'Always') {
        const secs = ((d.startAt[uid] - Date.parse(pod.status.startTime)) / 1000).toFixed(3).replace(/\.?0+$/, '');
        actions.push({
          op: 'event',
          event: { involved: pod, fieldPath: fp, type: 'Normal', reason: 'Pulled', message: `Successfully pulled image "${c.image}" in ${secs}s (${secs}s including waiting). Image size: ${imageSize(c.image)} bytes.`, component: 'kubelet', host },
        });
      } else {
        actions.push({ op: 'event', event: { involved: pod, fieldPath: fp, type: 'Normal', reason: 'Pulled', message: `Container image "${c.image}" already present on machine`, component: 'kubelet', host } });
      }
      actions.push({ op: 'event', event: { involved: pod, fieldPath: fp, type: 'Normal', reason: 'Created', message: `Created container ${c.name}`, component: 'kubelet', host } });
      actions.push({ op: 'event', event: { involved: pod, fieldPath: fp, type: 'Normal', reason: 'Started', message: `Started container ${c.name}`, component: 'kubelet', host } });
    }
    const podIP = pod.spec.hostNetwork ? nodeIP(node) : allocateIP(view, node!);
    const status = {
      ...pod.status,
      conditions: [
        cond('PodReadyToStartContainers', 'True', t),
        cond('Initialized', 'True', pod.status.startTime),
        cond('Ready', 'True', t),
        cond('ContainersReady', 'True', t),
        ...(pod.status.conditions ?? []).filter((x: any) => x.type === 'PodScheduled'),
      ],
      containerStatuses: containers.map((c) => ({
        containerID: `containerd://${view.rng.hex(64)}`,
        image: c.image.includes('/') ? c.image : `docker.io/library/${c.image.includes(':') ? c.image : c.image + ':latest'}`,
        imageID: `docker.io/library/${c.image.split(':')[0]}@sha256:${view.rng.hex(64)}`,
        lastState: {},
        name: c.name,
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: t } },
      })),
      phase: 'Running',
      podIP,
      podIPs: [{ ip: podIP }],
    };
    actions.push({ op: 'status', obj: { ...pod, status } });
    actions.push(
      setData((x) => {
        delete x.startAt[uid];
        if (!pod.spec.hostNetwork) x.ipam[host] = ((x.ipam[host] ?? 2) % 254) + 1;
      }),
      {
        op: 'data',
        apply: (doc) => {
          const list = (doc.engine.images[host] ??= []);
          for (const c of containers) if (!list.includes(c.image)) list.push(c.image);
        },
      },
    );
    return actions;
  },
};
