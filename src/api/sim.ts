/**
 * Controls of the simulation itself, outside Kubernetes' API: a node's kubelet stopping and
 * starting (`kubemu node stop|start`). The node lifecycle controller and the kubelet read this
 * state (doc.engine.data.nodes); the next settle reacts to it.
 */
import type { ApiServer } from './server.js';
import { forGroupResource } from './registry.js';

const NODES = forGroupResource('nodes')!;

export interface NodeSimState {
  stopped?: boolean;
  /** Simulated ms when the kubelet stopped posting. */
  stoppedAt?: number;
}

function nodesData(api: ApiServer): Record<string, NodeSimState> {
  return ((api.doc.engine.data.nodes as Record<string, NodeSimState> | undefined) ??= {});
}

export function nodeStopped(api: ApiServer, name: string): boolean {
  return !!nodesData(api)[name]?.stopped;
}

/** Stops or starts a node's kubelet. Returns false when it already was so. Throws NotFound. */
export function setNodeRunning(api: ApiServer, name: string, running: boolean): boolean {
  api.get(NODES, undefined, name);
  const data = nodesData(api);
  if (!!data[name]?.stopped === !running) return false;
  if (running) delete data[name];
  else data[name] = { stopped: true, stoppedAt: api.now };
  // Every controller looks again (the lifecycle controller starts its grace period, the kubelet its pods).
  api.doc.engine.data.pending = true;
  api.markDirty();
  return true;
}

/** Forgets a removed node. */
export function forgetNode(api: ApiServer, name: string): void {
  delete nodesData(api)[name];
  api.markDirty();
}
