/**
 * Unit-test helpers for controllers: an API server over an empty cluster document (with the real
 * strategies), objects written through it, and views for calling a controller's sync directly.
 */
import { ApiServer } from '../../src/api/server.js';
import { emptyEngineState, type ClusterDoc } from '../../src/api/state.js';
import type { KObject } from '../../src/api/types.js';
import { strategies } from '../../src/api/strategies/index.js';
import { Engine } from '../../src/engine/engine.js';
import type { Action, Controller, View } from '../../src/engine/types.js';
import { Random } from '../../src/util/random.js';

export const T0 = Date.parse('2026-11-22T10:00:00Z');

export interface TestCluster {
  api: ApiServer;
  view: View;
  /** Settles with these controllers only (none: nothing reacts). */
  settle(controllers: Controller[], until?: number): void;
  create(o: KObject): KObject;
  status(o: KObject, status: unknown): KObject;
}

export function testCluster(opts: { namespaces?: string[]; now?: number } = {}): TestCluster {
  const doc: ClusterDoc = {
    format: 1,
    cluster: { name: 'test', created: T0, profile: 'instant', offsetMs: 0, rng: [], imagePolicy: 'allow', settledAt: T0 },
    rv: 0,
    objects: {},
    engine: emptyEngineState(),
  };
  const api = new ApiServer(doc, Random.fromSeed('unit'), opts.now ?? T0);
  api.strategies = strategies;
  for (const ns of opts.namespaces ?? ['default']) {
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
  }
  const view = new Engine([]).view(api);
  return {
    api,
    view,
    settle(controllers, until) {
      new Engine(controllers).settle(api, until ?? api.now);
    },
    create: (o) => api.create(o),
    status: (o, status) => api.updateStatus({ ...api.get(api.resourceFor(o), o.metadata.namespace, o.metadata.name!), status }),
  };
}

/** Applies a controller's actions the way the engine does (through the API), returning the created objects. */
export function applyActions(api: ApiServer, ctrl: Controller, key: string, actions: Action[]): void {
  const e = new Engine([ctrl]) as unknown as { applyAll(api: ApiServer, c: Controller, k: string, a: Action[], enq: () => void): void };
  e.applyAll(api, ctrl, key, actions, () => {});
}

/** A compact description of actions for assertions: "create Pod web-", "event Normal SuccessfulCreate ...". */
export function describeActions(actions: Action[]): string[] {
  return actions.map((a) => {
    switch (a.op) {
      case 'create':
        return `create ${a.obj.kind} ${a.obj.metadata.name ?? a.obj.metadata.generateName}`;
      case 'update':
        return `update ${a.obj.kind} ${a.obj.metadata.name}`;
      case 'status':
        return `status ${a.obj.kind} ${a.obj.metadata.name}`;
      case 'finalize':
        return `finalize ${a.obj.kind} ${a.obj.metadata.name}`;
      case 'delete':
        return `delete ${a.ri.kind} ${a.name}`;
      case 'remove':
        return `remove ${a.ri.kind} ${a.name}`;
      case 'event':
        return `event ${a.event.type} ${a.event.reason} ${a.event.message}`;
      case 'bind':
        return `bind ${a.name} ${a.node}`;
      case 'after':
        return `after ${a.delayMs} ${a.key}`;
      case 'data':
        return 'data';
    }
  });
}

export const podTemplate = (labels: Record<string, string>, image = 'nginx') => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', image }] },
});

/** A pod that is bound, running and ready since `readySince` (ms). */
export function readyPodStatus(readySince: number): unknown {
  const t = new Date(readySince).toISOString().replace('.000Z', 'Z');
  return {
    phase: 'Running',
    conditions: [
      { type: 'Ready', status: 'True', lastTransitionTime: t, lastProbeTime: null },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: t, lastProbeTime: null },
    ],
  };
}
