/**
 * Running a command in a running container, for `kubectl exec` (and attach-like uses): the
 * container's environment, its mounted files and the files its program has written so far. What an
 * exec'd command writes does not persist (each exec starts from the container's own state).
 *
 *   execInContainer(doc, pod, container, argv, { stdin, now }) → { stdout, stderr, exitCode }
 */
import type { KObject } from '../api/types.js';
import type { ClusterDoc } from '../api/state.js';
import { kubeletData } from './kubelet.js';
import { instanceSnap } from './kubelet.js';
import { docReader } from './logs.js';
import { filesAt, runProgram, type Sibling } from './program.js';
import { clusterNet } from './network.js';

export class ExecError extends Error {}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function execInContainer(doc: ClusterDoc, pod: KObject, container: string, argv: string[], opts: { stdin?: string; now?: number } = {}): ExecResult {
  const rt = kubeletData(doc).pods[pod.metadata.uid!];
  const c = rt?.cs.find((x) => x.name === container);
  if (!rt || !c || c.st !== 'running' || !c.cur) throw new ExecError(`unable to upgrade connection: container not found ("${container}")`);
  const now = opts.now ?? doc.cluster.settledAt;
  const snap = instanceSnap(docReader(doc), pod, c, c.cur, rt.ip ?? '');
  if (!snap) throw new ExecError(`unable to upgrade connection: container not found ("${container}")`);
  if (snap.shell === 'none') {
    return { stdout: '', stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown\n`, exitCode: 126 };
  }
  const siblings: Sibling[] = rt.cs.filter((x) => x !== c && x.cur?.snap?.shared.length).map((x) => ({ snap: x.cur!.snap!, start: x.cur!.start, end: x.cur!.end }));
  const reader = docReader(doc);
  const net = clusterNet(reader, pod);
  const r = runProgram(argv, snap.env, filesAt(snap, c.cur.start, now, siblings, net), { at: now, hostname: snap.hostname, shell: snap.shell, stdin: opts.stdin, timeoutMs: 60_000, image: snap.image });
  if (r.stderr.startsWith('failed to create containerd task')) {
    return { stdout: '', stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown\n`, exitCode: 126 };
  }
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
}
