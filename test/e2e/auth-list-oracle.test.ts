/**
 * `auth can-i --list` against the real kubectl: the fake API server answers kubectl's
 * SelfSubjectRulesReview with the rules kubemu's RBAC gives the user (src/api/rbac.ts rulesReview),
 * and kubectl's breakdown, compaction, sort and table must be what kubemu prints.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { makeHome } from '../helpers/cli.js';
import { startFakeApiServer, type FakeApiServer } from '../helpers/fake-apiserver.js';
import { ApiServer } from '../../src/api/server.js';
import { Random } from '../../src/util/random.js';
import { rulesReview, impersonate, ADMIN } from '../../src/api/rbac.js';

const h = makeHome();
let fake: FakeApiServer;
/** The namespace kubectl asks about in the running case. */
let namespace = 'default';

const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pod-reader, namespace: default}
rules:
- apiGroups: [""]
  resources: [pods, pods/log]
  verbs: [get, list, watch]
- apiGroups: ["", apps]
  resources: [configmaps, deployments]
  resourceNames: [b, a]
  verbs: [get, update]
- apiGroups: [apps]
  resources: [deployments/scale]
  verbs: [patch, get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: metrics-reader}
rules:
- nonResourceURLs: [/metrics, /logs/*]
  verbs: [get, post]
- apiGroups: [""]
  resources: [nodes]
  resourceNames: [kubemu]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: jane-metrics}
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
roleRef: {kind: ClusterRole, name: metrics-reader, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: read-pods, namespace: default}
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
- kind: ServiceAccount
  name: robot
  namespace: default
roleRef: {kind: Role, name: pod-reader, apiGroup: rbac.authorization.k8s.io}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: jane-view}
subjects:
- kind: User
  name: jane
  apiGroup: rbac.authorization.k8s.io
roleRef: {kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}
`;

before(async () => {
  h.ok(['apply', '-f', '-'], { input: RBAC });
  const doc = h.state();
  const api = new ApiServer(doc, new Random(doc.cluster.rng), 0);
  fake = await startFakeApiServer([], {
    handle(req, res, url) {
      if (req.method !== 'POST' || !url.pathname.endsWith('/selfsubjectrulesreviews')) return false;
      // kubectl may send the review as protobuf: the namespace is taken from the case instead.
      req.resume();
      req.on('end', () => {
        const ns = namespace;
        const as = req.headers['impersonate-user'] as string | undefined;
        const user = as ? impersonate(as, []) : ADMIN;
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec: { namespace: ns }, status: rulesReview(api, user, ns) }));
      });
      return true;
    },
  });
});
after(async () => {
  await fake?.close();
  h.cleanup();
});

const cases: string[][] = [
  ['auth', 'can-i', '--list'],
  ['auth', 'can-i', '--list', '--no-headers'],
  ['auth', 'can-i', '--list', '--as=jane'],
  ['auth', 'can-i', '--list', '--as=jane', '-n', 'kube-system'],
  ['auth', 'can-i', '--list', '--as=system:serviceaccount:default:robot'],
  ['auth', 'can-i', '--list', 'get', 'pods'],
  ['auth', 'can-i', '--list', '-A'],
  ['auth', 'can-i', '--list', '--subresource=log'],
  ['auth', 'can-i', 'get', 'pods', '--no-headers'],
];

for (const args of cases) {
  test(`kubectl ${args.join(' ')}`, async () => {
    const n = args.indexOf('-n');
    namespace = n >= 0 ? args[n + 1] : 'default';
    const theirs = await fake.kubectl(args);
    assert.deepEqual(h.run(args), theirs);
  });
}
