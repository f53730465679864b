import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

test('the first command creates a kubeadm-like cluster with three nodes', () => {
  assert.equal(
    h.ok(['get', 'nodes']),
    [
      'NAME         STATUS   ROLES           AGE    VERSION',
      'kubemu       Ready    control-plane   119s   v1.32.5',
      'kubemu-m02   Ready    <none>          95s    v1.32.5',
      'kubemu-m03   Ready    <none>          90s    v1.32.5',
      '',
    ].join('\n'),
  );
  const nodes = JSON.parse(h.ok(['get', 'nodes', '-o', 'json']));
  const cp = nodes.items[0];
  assert.deepEqual(cp.spec.taints, [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }]);
  assert.equal(cp.metadata.labels['node-role.kubernetes.io/control-plane'], '');
  for (const n of nodes.items) {
    assert.deepEqual(
      n.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`),
      ['MemoryPressure=False', 'DiskPressure=False', 'PIDPressure=False', 'Ready=True'],
    );
  }
});

test('kube-system runs the static pods, coredns, kube-proxy and the CNI on every node', () => {
  const out = h.ok(['get', 'pods', '-n', 'kube-system', '-o', 'wide', '--no-headers']);
  const rows = out.trim().split('\n').map((l) => l.split(/\s+/));
  const names = rows.map((r) => r[0]);
  for (const sp of ['etcd-kubemu', 'kube-apiserver-kubemu', 'kube-controller-manager-kubemu', 'kube-scheduler-kubemu']) assert.ok(names.includes(sp), sp);
  assert.equal(names.filter((n) => /^coredns-[a-z0-9]+-[a-z0-9]{5}$/.test(n)).length, 2);
  for (const ds of ['kube-proxy', 'kindnet']) {
    const nodes = rows.filter((r) => r[0].startsWith(ds + '-')).map((r) => r[6]).sort();
    assert.deepEqual(nodes, ['kubemu', 'kubemu-m02', 'kubemu-m03'], ds);
  }
  for (const r of rows) assert.equal(r[2], 'Running', r[0]);
});

test('namespaces, services, and per-namespace defaults', () => {
  assert.equal(h.ok(['get', 'ns', '--no-headers']).split('\n').map((l) => l.split(/\s+/)[0]).filter(Boolean).join(','), 'default,kube-node-lease,kube-public,kube-system');
  const svc = h.ok(['get', 'svc', '-A']);
  assert.match(svc, /default\s+kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/);
  assert.match(svc, /kube-system\s+kube-dns\s+ClusterIP\s+10\.96\.0\.10\s+<none>\s+53\/UDP,53\/TCP,9153\/TCP/);
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    assert.equal(h.ok(['get', 'sa', 'default', '-n', ns, '-o', 'name']), 'serviceaccount/default\n');
    assert.equal(h.ok(['get', 'cm', 'kube-root-ca.crt', '-n', ns, '-o', 'name']), 'configmap/kube-root-ca.crt\n');
  }
});

test('the same seed and clock give the same bytes', () => {
  const other = makeHome();
  try {
    for (const args of [['get', 'pods', '-A', '-o', 'wide'], ['get', 'events', '-A']]) assert.equal(other.ok(args), h.ok(args));
  } finally {
    other.cleanup();
  }
});
