/**
 * Golden tests of the server-side table cells (kubernetes pkg/printers/internalversion rules), one
 * object per tricky case. The API server always builds the wide cells; tableRows drops them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFor } from '../../src/printers/table/columns.js';
import { tableRows } from '../../src/printers/table/print.js';
import { lookupResource } from '../../src/api/registry.js';
import type { KObject } from '../../src/api/types.js';

const NOW = Date.parse('2026-11-22T10:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace('.000Z', 'Z');
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'default', creationTimestamp: ago(600), ...extra });
const cells = (gr: string, o: Partial<KObject>) => tableFor(gr).row(o as KObject, NOW, true);

test('pod: READY, STATUS and RESTARTS across init containers, sidecars, waits and deletion', () => {
  const base = { apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'a' }, { name: 'b' }] } };
  const running = { state: { running: {} }, ready: true, restartCount: 0 };
  assert.deepEqual(cells('pods', { ...base, metadata: meta('p'), status: { phase: 'Running', containerStatuses: [{ name: 'a', ...running }, { name: 'b', ...running }] } }).slice(0, 5), ['p', '2/2', 'Running', '0', '10m']);
  // the first container's waiting reason wins (containers are scanned last to first)
  const crash = { name: 'a', state: { waiting: { reason: 'CrashLoopBackOff' } }, ready: false, restartCount: 5, lastState: { terminated: { finishedAt: ago(45) } } };
  const pulling = { name: 'b', state: { waiting: { reason: 'ErrImagePull' } }, ready: false, restartCount: 1, lastState: { terminated: { finishedAt: ago(300) } } };
  assert.deepEqual(cells('pods', { ...base, metadata: meta('p'), status: { phase: 'Running', containerStatuses: [crash, pulling] } }).slice(1, 4), ['0/2', 'CrashLoopBackOff', '6 (45s ago)']);
  // init containers: Init:i/n, then a sidecar counts in READY once started
  const init = { ...base, spec: { ...base.spec, initContainers: [{ name: 'side', restartPolicy: 'Always' }, { name: 'setup' }] } };
  assert.deepEqual(
    cells('pods', { ...init, metadata: meta('p'), status: { phase: 'Pending', initContainerStatuses: [{ name: 'side', started: true, ready: true, state: { running: {} }, restartCount: 0 }, { name: 'setup', state: { running: {} }, restartCount: 0 }] } }).slice(1, 3),
    ['1/3', 'Init:1/2'],
  );
  assert.equal(cells('pods', { ...init, metadata: meta('p'), status: { phase: 'Pending', initContainerStatuses: [{ name: 'side', state: { terminated: { exitCode: 1 } } }] } })[2], 'Init:ExitCode:1');
  assert.equal(cells('pods', { ...init, metadata: meta('p'), status: { phase: 'Pending', initContainerStatuses: [{ name: 'side', state: { waiting: { reason: 'ImagePullBackOff' } } }] } })[2], 'Init:ImagePullBackOff');
  // Completed with a container still running: Running when Ready, else NotReady
  const completed = { phase: 'Running', containerStatuses: [{ name: 'a', ...running }, { name: 'b', state: { terminated: { reason: 'Completed', exitCode: 0 } } }] };
  assert.equal(cells('pods', { ...base, metadata: meta('p'), status: { ...completed, conditions: [{ type: 'Ready', status: 'True' }] } })[2], 'Running');
  assert.equal(cells('pods', { ...base, metadata: meta('p'), status: completed })[2], 'NotReady');
  assert.equal(cells('pods', { ...base, metadata: meta('p', { deletionTimestamp: ago(0) }), status: { phase: 'Running' } })[2], 'Terminating');
  assert.equal(cells('pods', { ...base, metadata: meta('p', { deletionTimestamp: ago(0) }), status: { phase: 'Succeeded' } })[2], 'Succeeded');
  assert.equal(cells('pods', { ...base, metadata: meta('p', { deletionTimestamp: ago(0) }), status: { phase: 'Running', reason: 'NodeLost' } })[2], 'Unknown');
  assert.equal(cells('pods', { ...base, metadata: meta('p'), status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', reason: 'SchedulingGated' }] } })[2], 'SchedulingGated');
  assert.equal(cells('pods', { ...base, metadata: meta('p'), status: { phase: 'Failed', containerStatuses: [{ name: 'a', state: { terminated: { signal: 9, exitCode: 137 } } }] } })[2], 'Signal:9');
  // wide cells
  assert.deepEqual(cells('pods', { ...base, metadata: meta('p'), spec: { ...base.spec, nodeName: 'n1', readinessGates: [{ conditionType: 'x' }, { conditionType: 'y' }] }, status: { phase: 'Running', podIPs: [{ ip: '10.0.0.1' }], conditions: [{ type: 'x', status: 'True' }] } }).slice(5), ['10.0.0.1', 'n1', '<none>', '1/2']);
});

test('node, deployment, replicaset, daemonset, statefulset, job and cronjob cells', () => {
  const node = { metadata: { name: 'n', creationTimestamp: ago(7200), labels: { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'x' } }, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }], nodeInfo: { kubeletVersion: 'v1.32.5' }, addresses: [{ type: 'InternalIP', address: '10.0.0.2' }] } };
  assert.deepEqual(cells('nodes', node), ['n', 'NotReady,SchedulingDisabled', 'control-plane,x', '120m', 'v1.32.5', '10.0.0.2', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  const sel = { matchLabels: { b: '1' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['y', 'x'] }, { key: 'c', operator: 'DoesNotExist' }] };
  const tmpl = { spec: { containers: [{ name: 'c1', image: 'i1' }, { name: 'c2', image: 'i2' }] } };
  assert.deepEqual(cells('deployments.apps', { metadata: meta('d'), spec: { replicas: 3, selector: sel, template: tmpl }, status: { readyReplicas: 1, updatedReplicas: 2 } }), ['d', '1/3', '2', '0', '10m', 'c1,c2', 'i1,i2', 'a in (x,y),b=1,!c']);
  assert.deepEqual(cells('deployments.apps', { metadata: meta('d'), spec: { template: tmpl } })[7], '');
  assert.deepEqual(cells('replicasets.apps', { metadata: meta('r'), spec: { replicas: 2, template: tmpl } }).slice(1, 4).concat(cells('replicasets.apps', { metadata: meta('r'), spec: { template: tmpl } })[7]), ['2', '0', '0', '<none>']);
  assert.deepEqual(cells('daemonsets.apps', { metadata: meta('ds'), spec: { template: { spec: { nodeSelector: { os: 'linux' }, containers: [] } } }, status: { desiredNumberScheduled: 3, numberReady: 2 } }).slice(1, 8), ['3', '0', '2', '0', '0', 'os=linux', '10m']);
  assert.deepEqual(cells('statefulsets.apps', { metadata: meta('s'), spec: { replicas: 2, template: tmpl }, status: { readyReplicas: 1 } }), ['s', '1/2', '10m', 'c1,c2', 'i1,i2']);
  const job = (spec: object, status: object, m = meta('j')) => cells('jobs.batch', { metadata: m, spec: { template: tmpl, ...spec }, status });
  assert.deepEqual(job({ completions: 3 }, { succeeded: 1, startTime: ago(90) }).slice(1, 4), ['Running', '1/3', '90s']);
  assert.deepEqual(job({ parallelism: 2 }, { succeeded: 0 }).slice(1, 4), ['Running', '0/1 of 2', '']);
  assert.deepEqual(job({}, { succeeded: 1, startTime: ago(300), completionTime: ago(100), conditions: [{ type: 'Complete', status: 'True' }] }).slice(1, 4), ['Complete', '1/1', '3m20s']);
  assert.equal(job({}, { conditions: [{ type: 'Suspended', status: 'True' }] }, meta('j', { deletionTimestamp: ago(1) }))[1], 'Terminating');
  assert.equal(job({}, { conditions: [{ type: 'FailureTarget', status: 'True' }] })[1], 'FailureTarget');
  assert.deepEqual(cells('cronjobs.batch', { metadata: meta('cj'), spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: tmpl } } }, status: { active: [{}], lastScheduleTime: ago(30) } }), ['cj', '*/5 * * * *', '<none>', '<unset>', '1', '30s', '10m', 'c1,c2', 'i1,i2', '<none>']);
  assert.deepEqual(cells('cronjobs.batch', { metadata: meta('cj'), spec: { schedule: '@daily', timeZone: 'Etc/UTC', suspend: false } }).slice(2, 6), ['Etc/UTC', 'False', '0', '<none>']);
});

test('service, endpoints, endpointslice and ingress cells', () => {
  const svc = (spec: object, status: object = {}) => cells('services', { metadata: meta('s'), spec, status });
  assert.deepEqual(svc({ type: 'NodePort', clusterIPs: ['10.96.0.5'], ports: [{ port: 80, nodePort: 31234, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }], selector: { app: 'x' } }), ['s', 'NodePort', '10.96.0.5', '<none>', '80:31234/TCP,53/UDP', '10m', 'app=x']);
  assert.deepEqual(svc({ type: 'ClusterIP', clusterIPs: ['None'] }).slice(2, 5).concat(svc({ type: 'ClusterIP' })[6]), ['None', '<none>', '<none>', '<none>']);
  assert.equal(svc({ type: 'LoadBalancer' })[3], '<pending>');
  // the API server builds wide cells, so long load-balancer lists are not cut
  assert.equal(svc({ type: 'LoadBalancer', externalIPs: ['5.5.5.5'] }, { loadBalancer: { ingress: [{ ip: '2.2.2.2' }, { hostname: 'a.example.com' }, { ip: '2.2.2.2' }] } })[3], '2.2.2.2,a.example.com,5.5.5.5');
  assert.equal(svc({ type: 'ExternalName', externalName: 'db.example.com' })[3], 'db.example.com');
  const ep = { metadata: meta('e'), subsets: [{ addresses: [{ ip: '10.0.0.1' }, { ip: '10.0.0.2' }], ports: [{ port: 80 }, { port: 443 }] }] };
  assert.deepEqual(cells('endpoints', ep), ['e', '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...', '10m']);
  assert.equal(cells('endpoints', { metadata: meta('e') })[1], '<none>');
  assert.equal(cells('endpoints', { metadata: meta('e'), subsets: [{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }] })[1], '[fd00::1]:80');
  assert.deepEqual(cells('endpointslices.discovery.k8s.io', { metadata: meta('s'), addressType: 'IPv4', ports: [{ port: 80 }, { name: 'x' }, {}], endpoints: [{ addresses: ['1.1.1.1'] }] }), ['s', 'IPv4', '80,x,*', '1.1.1.1', '10m']);
  assert.deepEqual(cells('endpointslices.discovery.k8s.io', { metadata: meta('s'), addressType: 'IPv4' }).slice(2, 4), ['<unset>', '<unset>']);
  const ing = { metadata: meta('i'), spec: { rules: [{ host: 'a' }, { host: 'b' }, {}, { host: 'c' }, { host: 'd' }], tls: [{}] }, status: { loadBalancer: { ingress: [{ ip: '3.3.3.3' }] } } };
  assert.deepEqual(cells('ingresses.networking.k8s.io', ing), ['i', '<none>', 'a,b,c + 2 more...', '3.3.3.3', '80, 443', '10m']);
  assert.deepEqual(cells('ingresses.networking.k8s.io', { metadata: meta('i'), spec: { ingressClassName: 'nginx', rules: [{}] } }).slice(1, 5), ['nginx', '*', '', '80']);
});

test('storage, quota, autoscaling, policy, rbac, scheduling and other kinds', () => {
  assert.deepEqual(
    cells('persistentvolumes', { metadata: meta('pv'), spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'default', name: 'c' }, storageClassName: 'std' }, status: { phase: 'Bound' } }),
    ['pv', '1Gi', 'RWO,RWX', 'Retain', 'Bound', 'default/c', 'std', '<unset>', '', '10m', '<unset>'],
  );
  assert.deepEqual(cells('persistentvolumeclaims', { metadata: meta('c'), spec: { storageClassName: 'std', volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }), ['c', 'Pending', '', '', '', 'std', '<unset>', '10m', 'Filesystem']);
  assert.deepEqual(cells('persistentvolumeclaims', { metadata: meta('c'), spec: { volumeName: 'pv' }, status: { phase: 'Bound', capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOncePod'] } }).slice(1, 6), ['Bound', 'pv', '5Gi', 'RWOP', '']);
  assert.deepEqual(cells('resourcequotas', { metadata: meta('q'), status: { hard: { pods: '10', 'limits.cpu': '2', 'requests.cpu': '1' }, used: { pods: '3', 'requests.cpu': '500m' } } }), ['q', 'pods: 3/10, requests.cpu: 500m/1', 'limits.cpu: 0/2', '10m']);
  const hpa = { metadata: meta('h'), spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] }, status: { currentReplicas: 2 } };
  assert.deepEqual(cells('horizontalpodautoscalers.autoscaling', hpa), ['h', 'Deployment/web', 'cpu: <unknown>/50%', '<unset>', '5', '2', '10m']);
  const hpa3 = { ...hpa, spec: { ...hpa.spec, minReplicas: 1, metrics: [hpa.spec.metrics[0], hpa.spec.metrics[0], { type: 'Pods', pods: { target: { averageValue: '1k' } } }] }, status: { currentMetrics: [{ resource: { current: { averageUtilization: 40 } } }] } };
  assert.deepEqual(cells('horizontalpodautoscalers.autoscaling', hpa3).slice(2, 4), ['cpu: 40%/50%, cpu: <unknown>/50% + 1 more...', '1']);
  assert.deepEqual(cells('horizontalpodautoscalers.autoscaling', { metadata: meta('h'), spec: { scaleTargetRef: { kind: 'Deployment', name: 'x' } } })[2], '<none>');
  assert.deepEqual(cells('poddisruptionbudgets.policy', { metadata: meta('p'), spec: { minAvailable: '50%' }, status: { disruptionsAllowed: 1 } }), ['p', '50%', 'N/A', '1', '10m']);
  const rb = { metadata: meta('rb'), roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'jane' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', namespace: 'ci', name: 'bot' }, { kind: 'User', name: 'joe' }] };
  assert.deepEqual(cells('rolebindings.rbac.authorization.k8s.io', rb), ['rb', 'ClusterRole/view', '10m', 'jane, joe', 'devs', 'ci/bot']);
  assert.deepEqual(cells('priorityclasses.scheduling.k8s.io', { metadata: meta('pc'), value: 1000, globalDefault: true, preemptionPolicy: 'Never' }), ['pc', '1000', 'true', '10m', 'Never']);
  assert.deepEqual(cells('storageclasses.storage.k8s.io', { metadata: meta('sc', { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }), provisioner: 'rancher.io/local-path' }), ['sc (default)', 'rancher.io/local-path', 'Delete', 'Immediate', 'false', '10m']);
  assert.deepEqual(cells('controllerrevisions.apps', { metadata: meta('cr', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kp', uid: 'u', controller: true }] }), revision: 2 }), ['cr', 'daemonset.apps/kp', '2', '10m']);
  assert.deepEqual(cells('leases.coordination.k8s.io', { metadata: meta('l'), spec: { holderIdentity: 'n1' } }), ['l', 'n1', '10m']);
  assert.deepEqual(cells('networkpolicies.networking.k8s.io', { metadata: meta('np'), spec: {} }), ['np', '<none>', '10m']);
  assert.deepEqual(cells('ingressclasses.networking.k8s.io', { metadata: meta('ic'), spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'p' } } }), ['ic', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/p', '10m']);
  // kinds without a printer get the API server's default table
  assert.deepEqual(tableFor('roles.rbac.authorization.k8s.io').columns.map((c) => c.name), ['Name', 'Created At']);
  assert.deepEqual(cells('clusterroles.rbac.authorization.k8s.io', { metadata: meta('admin') }), ['admin', '2026-11-22T09:50:00Z']);
  assert.deepEqual(cells('limitranges', { metadata: meta('lr') }), ['lr', '2026-11-22T09:50:00Z']);
});

test('events: OBJECT, SOURCE, COUNT and times (series, eventTime fallbacks)', () => {
  const e = { metadata: meta('p.1'), involvedObject: { kind: 'Pod', name: 'p', fieldPath: 'spec.containers{c}' }, reason: 'Pulled', type: 'Normal', message: ' done \n', source: { component: 'kubelet', host: 'n1' }, firstTimestamp: ago(120), lastTimestamp: ago(30), count: 3 };
  assert.deepEqual(cells('events', e), ['30s', 'Normal', 'Pulled', 'pod/p', 'spec.containers{c}', 'kubelet, n1', 'done', '2m', '3', 'p.1']);
  const newStyle = { metadata: meta('p.2'), involvedObject: { kind: 'Node', name: '' }, reason: 'Scheduled', type: 'Normal', message: 'x', reportingComponent: 'default-scheduler', eventTime: '2026-11-22T09:59:00.000000Z' };
  assert.deepEqual(cells('events', newStyle), ['60s', 'Normal', 'Scheduled', 'node', '', 'default-scheduler', 'x', '60s', '1', 'p.2']);
  const series = { ...e, series: { count: 7, lastObservedTime: ago(5) } };
  assert.deepEqual([cells('events', series)[0], cells('events', series)[8]], ['5s', '7']);
});

test('tableRows: priority columns dropped, -L and LABELS after them, kind prefix on the Name column, cells cut at line breaks', () => {
  const ri = lookupResource('events')!;
  const e = { apiVersion: 'v1', kind: 'Event', metadata: meta('p.1', { labels: { a: '1' } }), involvedObject: { kind: 'Pod', name: 'p' }, message: 'line one\nline two', count: 1 } as unknown as KObject;
  const base = { wide: false, noHeaders: false, withNamespace: true, showLabels: true, labelColumns: ['x/a'], withKind: true, now: NOW };
  const { header, rows } = tableRows(ri, [e], base);
  assert.deepEqual(header, ['NAMESPACE', 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE', 'A', 'LABELS']);
  assert.deepEqual(rows[0], ['default', '<unknown>', '', '', 'pod/p', 'line one...', '', 'a=1']);
  const wide = tableRows(ri, [e], { ...base, wide: true, labelColumns: [], showLabels: false });
  assert.equal(wide.rows[0][10], 'event/p.1');
});
