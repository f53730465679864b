/**
 * `kubectl get` layout against the real kubectl v1.32: the fake API server answers with tables built
 * by our server printers (as kube-apiserver would), so what is compared is kubectl's client-side
 * half — headers, NAMESPACE, kind prefixes, -L, --show-labels, blank lines between kinds, widths,
 * --no-headers, --sort-by, empty results, -o name / custom-columns / jsonpath / go-template, errors.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeApiServer } from '../helpers/fake-apiserver.js';
import { makeHome, NOW } from '../helpers/cli.js';
import type { KObject } from '../../src/api/types.js';

const h = makeHome();
after(() => h.cleanup());

const EXTRA = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, labels: {tier: backend, app.kubernetes.io/name: web}}
data: {a: "1", b: "2"}
---
apiVersion: v1
kind: Service
metadata: {name: web, labels: {tier: frontend}}
spec:
  type: NodePort
  selector: {app: nginx-pod}
  ports: [{name: http, port: 80, targetPort: 80, nodePort: 30080}, {name: https, port: 443, targetPort: 443, nodePort: 30443}]
---
apiVersion: v1
kind: Secret
metadata: {name: creds}
stringData: {user: admin, password: s3cret}
`;

const CASES: string[][] = [
  ['get', 'pods'],
  ['get', 'pods', '-o', 'wide'],
  ['get', 'pods', '-A'],
  ['get', 'pods', '-A', '-o', 'wide', '--show-labels'],
  ['get', 'pods', '-L', 'app', '-L', 'pod-template-hash'],
  ['get', 'pods', '-Lapp,nosuch'],
  ['get', 'pods', '--show-kind', '--no-headers'],
  ['get', 'all'],
  ['get', 'all', '-A', '--no-headers'],
  ['get', 'deploy,rs,pods,svc', '-o', 'wide'],
  ['get', 'cm,secret,svc', '--show-labels'],
  ['get', 'nodes', '-o', 'wide'],
  ['get', 'ns', '-L', 'kubernetes.io/metadata.name'],
  ['get', 'ns', 'default', 'kube-system'],
  ['get', 'ns/default', 'svc/kubernetes'],
  ['get', 'events', '-A', '-o', 'wide'],
  ['get', 'pods', '--sort-by=.metadata.name'],
  ['get', 'pods', '-A', '--sort-by=.metadata.creationTimestamp'],
  ['get', 'pods', '--sort-by=.status.nosuch'],
  ['get', 'pods,svc', '--sort-by=.metadata.name'],
  ['get', 'all', '-o', 'name'],
  ['get', 'pods', 'nosuch', 'other'],
  ['get', 'deploy', 'nosuch'],
  ['get', 'pods', '-n', 'nosuchns'],
  ['get', 'pv'],
  ['get', 'pod', 'nosuch', '--ignore-not-found'],
  ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGES:.spec.containers[*].image,LABELS:.metadata.labels'],
  ['get', 'pods', '-o', 'custom-columns=NAME'],
  ['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.status.podIP}{"\\n"}{end}'],
  ['get', 'pods', '-o', 'jsonpath={.items[9].metadata.name}'],
  ['get', 'pods', '-o', 'go-template={{range .items}}{{.metadata.name}} {{len .spec.containers}}{{"\\n"}}{{end}}'],
  ['get', 'pods', '-o', 'foo'],
  ['get', 'pods', '-o', 'jsonpath'],
  ['get', 'pods', '-o', 'go-template={{.x'],
  ['get', 'pods', '--show-labels', '-o', 'name'],
  ['get', 'pods', '--output-watch-events'],
  ['get', 'pod', 'nosuch', '-o', 'json'],
  ['get', 'pods', '--template={{len .items}}'],
  ['get', 'pods', '-o', 'jsonpath-as-json={.items[*].metadata.name}'],
  ['get', 'pods', '-A', '--field-selector', 'spec.nodeName=kubemu-m02'],
  ['get', 'ds,rs', '-A', '-o', 'wide', '--show-kind'],
  ['get', 'leases,pc', '-A'],
  ['get', 'pc,leases', '-A'],
  ['get', 'pods', '-l', 'a b'],
  ['get', 'pods', '-l', 'app in (x', '-o', 'name'],
  ['get', 'pods,svc', '-l', 'tier=a@b'],
  ['get', 'pods', '--field-selector', 'spec.foo=bar'],
  ['get', 'pods', '--field-selector', 'metadata.name'],
  ['get', 'pods', '-l', 'app', '--field-selector', 'status.phase!=Pending', '-A'],
];

test('oracle: kubectl get layout, selectors, sorting and -o formats, byte for byte', async () => {
  h.ok(['apply', '-f', 'fixtures/nginx-deployment.yaml']);
  const extra = join(h.dir, 'extra.yaml');
  writeFileSync(extra, EXTRA);
  h.ok(['apply', '-f', extra]);
  writeFileSync(join(h.dir, 'cols.txt'), 'NAME   NODE\n.metadata.name {.spec.nodeName}\n');
  writeFileSync(join(h.dir, 'names.jsonpath'), '{range .items[*]}{.metadata.name}{"\\n"}{end}');
  const files = [
    ['get', 'pods', '-o', `custom-columns-file=${join(h.dir, 'cols.txt')}`],
    ['get', 'pods', '-o', `jsonpath-file=${join(h.dir, 'names.jsonpath')}`],
    ['get', 'pods', '-o', `go-template-file=${join(h.dir, 'nosuch')}`],
    ['get', 'pods', '-o', 'custom-columns=A:.x[', '-n', 'kube-system'],
    ['get', '-f', 'fixtures/nginx-deployment.yaml'],
    ['get', '-f', 'fixtures/nginx-deployment.yaml', '-o', 'yaml'],
    ['get', '-f', extra, '-o', 'wide'],
    ['get', '-f', extra, '-o', 'name', '-l', 'tier'],
    ['get', '-f', 'fixtures/label-pod.yaml'],
    ['get', '-f', 'fixtures/label-pod.yaml', '-o', 'json', '--ignore-not-found'],
    ['get', 'pods', '-f', extra],
    ['get', '-f', 'nosuch.yaml'],
  ];
  const doc = h.state();
  const now = Date.parse(NOW) + doc.cluster.offsetMs;
  const objs: KObject[] = Object.values(doc.objects as Record<string, Record<string, KObject>>).flatMap((b) => Object.values(b));
  const fake = await startFakeApiServer(objs, { serverPrint: { now } });
  try {
    for (const args of [...CASES, ...files]) {
      const theirs = await fake.kubectl(args);
      const ours = h.run(args);
      assert.deepEqual({ stdout: ours.stdout, stderr: ours.stderr, code: ours.code }, theirs, args.join(' '));
    }
  } finally {
    await fake.close();
  }
});
