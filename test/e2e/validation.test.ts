import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

/** Writes a manifest into the home and returns its path. */
function file(name: string, text: string): string {
  const p = join(h.dir, name);
  writeFileSync(p, text);
  return p;
}

const DEPLOY = (extra = '', container = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${extra}  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
${container}`;

test('strict decoding: unknown fields are rejected before anything is written', () => {
  const f = file('unknown.yaml', DEPLOY('  replica: 3\n', '        imagee: x\n'));
  const r = h.run(['create', '-f', f]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    `Error from server (BadRequest): error when creating "${f}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagee"\n`,
  );
  assert.equal(h.run(['get', 'deploy', 'web']).stderr, 'Error from server (NotFound): deployments.apps "web" not found\n');
  const a = h.run(['apply', '-f', f]);
  assert.equal(a.code, 1);
  assert.equal(a.stderr, r.stderr);
});

test('--validate=warn prints the warnings and stores the object without the unknown fields; ignore is silent', () => {
  const f = file('warn.yaml', DEPLOY('  replica: 3\n'));
  const r = h.run(['apply', '-f', f, '--validate=warn']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'deployment.apps/web created\n');
  assert.equal(r.stderr, 'Warning: unknown field "spec.replica"\n');
  const d = JSON.parse(h.ok(['get', 'deploy', 'web', '-o', 'json']));
  assert.equal(d.spec.replica, undefined);
  assert.equal(d.spec.replicas, 1);
  h.ok(['delete', 'deploy', 'web']);
  const g = file('ignore.yaml', DEPLOY('  replica: 3\n').replace('name: web', 'name: quiet'));
  const i = h.run(['create', '-f', g, '--validate=false']);
  assert.equal(i.code, 0);
  assert.equal(i.stderr, '');
  assert.equal(i.stdout, 'deployment.apps/quiet created\n');
  assert.equal(h.run(['create', '-f', g, '--validate=maybe']).stderr, 'error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)\n');
  h.ok(['delete', 'deploy', 'quiet']);
});

test('type errors fail in every validation mode, with encoding/json text', () => {
  const f = file('typed.yaml', DEPLOY('  replicas: "3"\n'));
  for (const mode of ['strict', 'warn', 'ignore']) {
    const r = h.run(['apply', '-f', f, `--validate=${mode}`]);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `Error from server (BadRequest): error when creating "${f}": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n`,
    );
  }
  const env = file('env.yaml', DEPLOY('', '        env:\n        - name: PORT\n          value: 8080\n'));
  assert.equal(
    h.run(['apply', '-f', env]).stderr,
    `Error from server (BadRequest): error when creating "${env}": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string\n`,
  );
  const mem = file('mem.yaml', DEPLOY('', '        resources:\n          limits:\n            memory: 128mb\n'));
  assert.equal(
    h.run(['apply', '-f', mem]).stderr,
    `Error from server (BadRequest): error when creating "${mem}": Deployment in version "v1" cannot be handled as a Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n`,
  );
  const sec = file('secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ndata:\n  password: hunter2\n');
  assert.equal(
    h.run(['apply', '-f', sec]).stderr,
    `Error from server (BadRequest): error when creating "${sec}": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4\n`,
  );
});

test('apply to an existing object: decoding errors name the patch, as the patch handler does', () => {
  const f = file('patch.yaml', DEPLOY());
  assert.equal(h.ok(['apply', '-f', f]), 'deployment.apps/web created\n');
  writeFileSync(f, DEPLOY('  replica: 3\n'));
  const r = h.run(['apply', '-f', f]);
  assert.equal(r.code, 1);
  const lastApplied =
    '{\\"apiVersion\\":\\"apps/v1\\",\\"kind\\":\\"Deployment\\",\\"metadata\\":{\\"annotations\\":{},\\"name\\":\\"web\\",\\"namespace\\":\\"default\\"},\\"spec\\":{\\"replica\\":3,\\"selector\\":{\\"matchLabels\\":{\\"app\\":\\"web\\"}},\\"template\\":{\\"metadata\\":{\\"labels\\":{\\"app\\":\\"web\\"}},\\"spec\\":{\\"containers\\":[{\\"image\\":\\"nginx:1.27\\",\\"name\\":\\"nginx\\"}]}}}}\\n';
  assert.equal(
    r.stderr,
    `The request is invalid: patch: Invalid value: "map[metadata:map[annotations:map[kubectl.kubernetes.io/last-applied-configuration:${lastApplied}]] spec:map[replica:3]]": strict decoding error: unknown field "spec.replica"\n`,
  );
  const w = h.run(['apply', '-f', f, '--validate=warn']);
  assert.equal(w.code, 0);
  assert.equal(w.stdout, 'deployment.apps/web configured\n');
  assert.equal(w.stderr, 'Warning: unknown field "spec.replica"\n');
  writeFileSync(f, DEPLOY('  replicas: "2"\n'));
  assert.match(h.run(['apply', '-f', f]).stderr, /^The request is invalid: patch: Invalid value: "map\[.*spec:map\[replicas:2\]\]": unrecognized type: int32\n$/);
});

test('several causes: one line each after the kind and name', () => {
  const f = file('bad-deploy.yaml', `apiVersion: apps/v1
kind: Deployment
metadata:
  name: Web_App
spec:
  replicas: -1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: webx
    spec:
      containers:
      - name: Nginx
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 1
`);
  const r = h.run(['apply', '-f', f]);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    `The Deployment "Web_App" is invalid: 
* metadata.name: Invalid value: "Web_App": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
* spec.replicas: Invalid value: -1: must be greater than or equal to 0
* spec.template.metadata.labels: Invalid value: map[string]string{"app":"webx"}: \`selector\` does not match template \`labels\`
* spec.template.spec.containers[0].name: Invalid value: "Nginx": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')
* spec.template.spec.containers[0].image: Required value
* spec.template.spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m
`,
  );
});

test('a Deployment without selector: required, and the template no longer matches', () => {
  const f = file('nosel.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: nosel\nspec:\n  template:\n    metadata:\n      labels:\n        app: x\n    spec:\n      containers:\n      - name: c\n        image: nginx\n');
  assert.equal(
    h.run(['create', '-f', f]).stderr,
    'The Deployment "nosel" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`\n',
  );
});

test('immutable selectors and the Recreate strategy on an existing Deployment', () => {
  const f = file('imm.yaml', DEPLOY().replace(/app: web/g, 'app: web2'));
  const r = h.run(['apply', '-f', f]);
  assert.equal(r.code, 1);
  assert.equal(
    r.stderr,
    'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
  );
  // The strategy field keeps only the keys applied ($retainKeys): the defaulted rollingUpdate goes.
  const g = file('recreate.yaml', DEPLOY('  strategy:\n    type: Recreate\n'));
  assert.equal(h.ok(['apply', '-f', g]), 'deployment.apps/web configured\n');
  assert.deepEqual(JSON.parse(h.ok(['get', 'deploy', 'web', '-o', 'json'])).spec.strategy, { type: 'Recreate' });
  const both = file('recreate2.yaml', DEPLOY('  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxSurge: 1\n'));
  assert.equal(h.run(['apply', '-f', both]).stderr, 'The Deployment "web" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is \'Recreate\'\n');
});

test('ConfigMap with immutable: true, Secret type', () => {
  const f = file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\nimmutable: true\ndata:\n  a: "1"\n');
  assert.equal(h.ok(['apply', '-f', f]), 'configmap/cfg created\n');
  writeFileSync(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\nimmutable: true\ndata:\n  a: "2"\n');
  assert.equal(h.run(['apply', '-f', f]).stderr, 'The ConfigMap "cfg" is invalid: data: Forbidden: field is immutable when `immutable` is set\n');
  const bad = file('cmkey.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: keys\ndata:\n  "a b": x\n');
  assert.equal(
    h.run(['apply', '-f', bad]).stderr,
    `The ConfigMap "keys" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n`,
  );
  const tls = file('tls.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: x\n');
  assert.equal(h.run(['apply', '-f', tls]).stderr, 'The Secret "tls" is invalid: data[tls.key]: Required value\n');
  const sd = file('sd.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\nstringData:\n  user: admin\n');
  h.ok(['apply', '-f', sd]);
  const s = JSON.parse(h.ok(['get', 'secret', 'plain', '-o', 'json']));
  assert.deepEqual(s.data, { user: 'YWRtaW4=' });
  assert.equal(s.stringData, undefined);
  assert.equal(s.type, 'Opaque');
});

test('Pod update rules', () => {
  const f = file('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
  h.ok(['apply', '-f', f]);
  writeFileSync(f, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n');
  assert.equal(h.ok(['apply', '-f', f]), 'pod/p configured\n');
  writeFileSync(f, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    env:\n    - name: A\n      value: b\n');
  const r = h.run(['apply', '-f', f]);
  assert.equal(r.code, 1);
  assert.ok(
    r.stderr.startsWith(
      'The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n  core.PodSpec{\n',
    ),
    r.stderr,
  );
  assert.match(r.stderr, /\n- \tContainers: .*\n\+ \tContainers: .*Env: \{\{Name: "A", Value: "b"\}\}/);
  writeFileSync(f, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n  - name: d\n    image: busybox\n');
  assert.equal(h.run(['apply', '-f', f]).stderr, 'The Pod "p" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers\n');
});

test('admission: the namespace must exist', () => {
  const f = file('ns.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: nope\n');
  assert.equal(h.run(['apply', '-f', f]).stderr, `Error from server (NotFound): error when creating "${f}": namespaces "nope" not found\n`);
});

test('Services: node port range and allocation, type values, ports', () => {
  const svc = (name: string, body: string) => file(`${name}.yaml`, `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${body}`);
  const range = svc('np', '  type: NodePort\n  selector:\n    app: web\n  ports:\n  - port: 80\n    nodePort: 80\n');
  assert.equal(h.run(['apply', '-f', range]).stderr, 'The Service "np" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\n');
  const ok = svc('np1', '  type: NodePort\n  selector:\n    app: web\n  ports:\n  - port: 80\n    nodePort: 30080\n');
  assert.equal(h.ok(['apply', '-f', ok]), 'service/np1 created\n');
  const taken = svc('np2', '  type: NodePort\n  selector:\n    app: web\n  ports:\n  - port: 80\n    nodePort: 30080\n');
  assert.equal(h.run(['apply', '-f', taken]).stderr, 'The Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n');
  const type = svc('typo', '  type: Nodeport\n  ports:\n  - port: 80\n');
  assert.equal(h.run(['apply', '-f', type]).stderr, 'The Service "typo" is invalid: spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n');
  const two = svc('two', '  ports:\n  - port: 80\n  - port: 443\n');
  assert.equal(h.run(['apply', '-f', two]).stderr, 'The Service "two" is invalid: \n* spec.ports[0].name: Required value\n* spec.ports[1].name: Required value\n');
  const cip = svc('cip', '  type: ClusterIP\n  ports:\n  - port: 80\n    nodePort: 30081\n');
  assert.equal(h.run(['apply', '-f', cip]).stderr, "The Service \"cip\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'\n");
  const name = svc('1web', '  ports:\n  - port: 80\n');
  assert.equal(
    h.run(['apply', '-f', name]).stderr,
    `The Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')\n`,
  );
});

test('Jobs, CronJobs, RBAC', () => {
  const job = file('job.yaml', 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl\n');
  assert.equal(h.run(['apply', '-f', job]).stderr, 'The Job "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n');
  const cj = file('cj.yaml', 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: tick\nspec:\n  schedule: "*/5 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: c\n            image: busybox\n');
  assert.equal(h.run(['apply', '-f', cj]).stderr, 'The CronJob "tick" is invalid: spec.schedule: Invalid value: "*/5 * * *": expected exactly 5 fields, found 4: [*/5 * * *]\n');
  const rb = (ref: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb\nsubjects:\n- kind: User\n  name: jane\nroleRef:\n  kind: Role\n  name: ${ref}\n  apiGroup: rbac.authorization.k8s.io\n`;
  const f = file('rb.yaml', rb('reader'));
  assert.equal(h.ok(['apply', '-f', f]), 'rolebinding.rbac.authorization.k8s.io/rb created\n');
  writeFileSync(f, rb('writer'));
  assert.equal(
    h.run(['apply', '-f', f]).stderr,
    'The RoleBinding "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"writer"}: cannot change roleRef\n',
  );
  const role = file('role.yaml', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\nrules:\n- resources: ["pods"]\n');
  assert.equal(
    h.run(['apply', '-f', role]).stderr,
    'The Role "r" is invalid: \n* rules[0].verbs: Required value: verbs must contain at least one value\n* rules[0].apiGroups: Required value: resource rules must supply at least one api group\n',
  );
});

test('defaults a v1.32 API server stores', () => {
  const ds = file('ds.yaml', 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n    spec:\n      containers:\n      - name: a\n        image: busybox:1.36\n');
  h.ok(['apply', '-f', ds]);
  const d = JSON.parse(h.ok(['get', 'ds', 'agent', '-o', 'json']));
  assert.equal(d.metadata.annotations['deprecated.daemonset.template.generation'], '1');
  assert.equal(d.metadata.generation, 1);
  assert.deepEqual(d.spec.updateStrategy, { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' });
  const job = file('job2.yaml', 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n');
  h.ok(['apply', '-f', job]);
  const j = JSON.parse(h.ok(['get', 'job', 'once', '-o', 'json']));
  assert.equal(j.metadata.labels['job-name'], 'once');
  assert.equal(j.spec.selector.matchLabels['batch.kubernetes.io/controller-uid'], j.metadata.uid);
  assert.equal(j.spec.template.metadata.labels['controller-uid'], j.metadata.uid);
  assert.equal(j.spec.backoffLimit, 6);
  assert.equal(j.spec.completionMode, 'NonIndexed');
  const pvc = file('pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1024Mi\n');
  h.ok(['apply', '-f', pvc]);
  const p = JSON.parse(h.ok(['get', 'pvc', 'data', '-o', 'json']));
  assert.equal(p.spec.volumeMode, 'Filesystem');
  assert.equal(p.spec.resources.requests.storage, '1Gi');
  // The default StorageClass's provisioner binds it at once.
  assert.deepEqual(p.status, { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, phase: 'Bound' });
  const nopvc = file('pvc2.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: nosize\nspec:\n  accessModes: [ReadWriteOnce]\n');
  assert.equal(h.run(['apply', '-f', nopvc]).stderr, 'The PersistentVolumeClaim "nosize" is invalid: spec.resources[storage]: Required value\n');
});

test('admission: LimitRange defaults and limits, ResourceQuota', () => {
  const lr = file('lr.yaml', 'apiVersion: v1\nkind: LimitRange\nmetadata:\n  name: mem\nspec:\n  limits:\n  - max:\n      memory: 1Gi\n    min:\n      memory: 500Mi\n    type: Container\n');
  h.ok(['apply', '-f', lr]);
  const l = JSON.parse(h.ok(['get', 'limitrange', 'mem', '-o', 'json']));
  assert.deepEqual(l.spec.limits[0], { default: { memory: '1Gi' }, defaultRequest: { memory: '1Gi' }, max: { memory: '1Gi' }, min: { memory: '500Mi' }, type: 'Container' });
  const big = file('big.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: big\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      limits:\n        memory: 1.5Gi\n      requests:\n        memory: 800Mi\n');
  assert.equal(h.run(['apply', '-f', big]).stderr, `Error from server (Forbidden): error when creating "${big}": pods "big" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi\n`);
  const plain = file('plain.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: plain\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
  h.ok(['apply', '-f', plain]);
  const p = JSON.parse(h.ok(['get', 'pod', 'plain', '-o', 'json']));
  assert.deepEqual(p.spec.containers[0].resources, { limits: { memory: '1Gi' }, requests: { memory: '1Gi' } });
  assert.equal(p.metadata.annotations['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: memory request for container c; memory limit for container c');
  assert.equal(p.status.qosClass, 'Burstable');
  h.ok(['delete', 'limitrange', 'mem']);

  h.ok(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: quota\n' });
  h.ok(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: mem-cpu\n  namespace: quota\nspec:\n  hard:\n    requests.cpu: "1"\n    requests.memory: 1Gi\n    limits.cpu: "2"\n    limits.memory: 2Gi\n    pods: "2"\n' });
  const pod = (name: string, mem: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: quota\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources:\n      limits:\n        memory: 800Mi\n        cpu: 800m\n      requests:\n        memory: ${mem}\n        cpu: 400m\n`;
  assert.equal(h.ok(['apply', '-f', '-'], { input: pod('q1', '600Mi') }), 'pod/q1 created\n');
  assert.equal(
    h.run(['apply', '-f', '-'], { input: pod('q2', '700Mi') }).stderr,
    'Error from server (Forbidden): error when creating "STDIN": pods "q2" is forbidden: exceeded quota: mem-cpu, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi\n',
  );
  assert.equal(
    h.run(['apply', '-f', '-'], { input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\n  namespace: quota\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n' }).stderr,
    'Error from server (Forbidden): error when creating "STDIN": pods "bare" is forbidden: failed quota: mem-cpu: must specify limits.cpu for: nginx; limits.memory for: nginx; requests.cpu for: nginx; requests.memory for: nginx\n',
  );
});

test('warnings: each text once per command, as kubectl\'s warning writer does', () => {
  const cm = (n: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${n}\nspec: {}\n`;
  const f = file('twowarn.yaml', `${cm('w1')}---\n${cm('w2')}`);
  const r = h.run(['create', '-f', f, '--validate=warn']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'configmap/w1 created\nconfigmap/w2 created\n');
  assert.equal(r.stderr, 'Warning: unknown field "spec"\n');
});

test('a Service changing type leaves no node ports or traffic policy behind', () => {
  const f = file('retype.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: retype\nspec:\n  type: NodePort\n  selector:\n    app: a\n  ports:\n  - port: 80\n');
  h.ok(['apply', '-f', f]);
  writeFileSync(f, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: retype\nspec:\n  type: ClusterIP\n  selector:\n    app: a\n  ports:\n  - port: 80\n');
  assert.equal(h.ok(['apply', '-f', f]), 'service/retype configured\n');
  const s = JSON.parse(h.ok(['get', 'svc', 'retype', '-o', 'json']));
  assert.deepEqual(s.spec.ports, [{ port: 80, protocol: 'TCP', targetPort: 80 }]);
  assert.equal(s.spec.externalTrafficPolicy, undefined);
  assert.equal(s.metadata.generation, undefined);
});
