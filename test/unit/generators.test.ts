import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Files } from '../../src/verbs/generators/util.js';
import { generateConfigMap } from '../../src/verbs/generators/configmap.js';
import { generateGenericSecret, generateDockerRegistrySecret } from '../../src/verbs/generators/secret.js';
import { generateService, parsePorts } from '../../src/verbs/generators/service.js';
import { generateIngress } from '../../src/verbs/generators/ingress.js';
import { generatePdb } from '../../src/verbs/generators/pdb.js';
import { generatePod } from '../../src/verbs/generators/pod.js';
import { generateExposeService } from '../../src/verbs/generators/expose.js';
import { policyRules, parseResources, normalizeVerbs } from '../../src/verbs/generators/rbac.js';
import { generateJobFromCronJob } from '../../src/verbs/generators/job.js';

/** An in-memory file system. */
function files(tree: Record<string, string | Buffer | null>, env: Record<string, string> = {}): Files {
  return {
    stat: (p) => (p in tree ? { dir: tree[p] === null } : undefined),
    read: (p) => Buffer.from(tree[p] as string),
    list: (d) =>
      Object.keys(tree)
        .filter((k) => k.startsWith(d + '/') && !k.slice(d.length + 1).includes('/'))
        .sort()
        .map((k) => ({ name: k.slice(d.length + 1), regular: tree[k] !== null })),
    env: (n) => env[n],
  };
}

test('configmap: files, directories, binary data, env files, duplicate keys', () => {
  const fs = files({ conf: null, 'conf/a': 'x', 'conf/b': Buffer.from([0xff, 0xfe]), 'app.env': 'A=1\n# c\nB\n' }, { B: 'from-env' });
  const cm = generateConfigMap({ name: 'c', fileSources: ['conf'], literalSources: ['l=v'], envFileSources: [], appendHash: false }, fs);
  assert.deepEqual(cm.data, { a: 'x', l: 'v' });
  assert.deepEqual(cm.binaryData, { b: '//4=' });
  const env = generateConfigMap({ name: 'c', fileSources: [], literalSources: [], envFileSources: ['app.env'], appendHash: false }, fs);
  assert.deepEqual(env.data, { A: '1', B: 'from-env' });
  assert.throws(() => generateConfigMap({ name: 'c', fileSources: [], literalSources: ['a=1', 'a=2'], envFileSources: [], appendHash: false }, fs), /cannot add key "a", another key by that name already exists in Data for ConfigMap "c"/);
  assert.match(generateConfigMap({ name: 'c', fileSources: [], literalSources: ['a=1'], envFileSources: [], appendHash: true }, fs).metadata.name!, /^c-[a-z0-9]{10}$/);
});

test('secrets: base64 data; docker config JSON', () => {
  const s = generateGenericSecret({ name: 's', type: '', fileSources: [], literalSources: ['k=v'], envFileSources: [], appendHash: false }, files({}));
  assert.deepEqual(s.data, { k: 'dg==' });
  const d = generateDockerRegistrySecret({ name: 'd', username: 'u', password: 'p', email: '', server: 'r.io', fileSources: [], appendHash: false }, files({}));
  assert.equal(Buffer.from(d.data['.dockerconfigjson'], 'base64').toString(), '{"auths":{"r.io":{"username":"u","password":"p","auth":"dTpw"}}}');
  assert.equal(d.type, 'kubernetes.io/dockerconfigjson');
});

test('service, ingress, pdb, pod, expose: the fields kubectl sets', () => {
  assert.deepEqual(parsePorts('80:http'), [80, 'http']);
  const svc = generateService({ name: 's', type: 'NodePort', tcp: ['80:8080'], clusterIP: '', nodePort: 30080, externalName: '' });
  assert.deepEqual(svc.spec.ports, [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30080 }]);
  const ing = generateIngress({ name: 'i', ingressClass: '', rules: ['a.com/x*=svc:80,tls=cert', 'a.com/y=svc:http'], defaultBackend: '', annotations: [] });
  assert.deepEqual(ing.spec.tls, [{ hosts: ['a.com'], secretName: 'cert' }]);
  assert.deepEqual(ing.spec.rules, [
    {
      host: 'a.com',
      http: {
        paths: [
          { path: '/x', pathType: 'Prefix', backend: { service: { name: 'svc', port: { number: 80 } } } },
          { path: '/y', pathType: 'Exact', backend: { service: { name: 'svc', port: { name: 'http' } } } },
        ],
      },
    },
  ]);
  const pdb = generatePdb({ name: 'p', minAvailable: '50%', maxUnavailable: '', selector: 'b=2,a in (y,x)' });
  assert.deepEqual(pdb.spec, { selector: { matchLabels: { b: '2' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['x', 'y'] }] }, minAvailable: '50%' });
  const pod = generatePod({ name: 'p', image: 'i', labels: '', annotations: [], env: ['A=1'], port: '80', restart: 'Never', imagePullPolicy: '', args: ['x'], command: true, privileged: false });
  assert.deepEqual(pod.spec.containers[0], { name: 'p', image: 'i', resources: {}, command: ['x'], env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80 }] });
  assert.deepEqual(pod.metadata.labels, { run: 'p' });
  const exp = generateExposeService({ name: '', defaultName: 'd', selector: 'app=x', labels: '', port: '', ports: '80,443', protocol: '', protocols: '80/TCP,443/TCP,443/UDP', targetPort: '', externalIP: '', type: '', loadBalancerIP: '', sessionAffinity: '', clusterIP: '' });
  assert.deepEqual(exp.spec.ports, [
    { name: 'port-1', port: 80, protocol: 'TCP', targetPort: 80 },
    { name: 'port-2-tcp', port: 443, protocol: 'TCP', targetPort: 443 },
    { name: 'port-2-udp', port: 443, protocol: 'UDP', targetPort: 443 },
  ]);
});

test('rbac rules group resources by API group; a job from a cronjob is owned by it', () => {
  const mapper = (r: string, g: string) => (r === 'deploy' || r === 'deployments' ? { resource: 'deployments', group: 'apps' } : r === 'pods' ? { resource: 'pods', group: g } : undefined);
  assert.deepEqual(normalizeVerbs(['get', 'get', 'list']), ['get', 'list']);
  assert.deepEqual(normalizeVerbs(['get', '*']), ['*']);
  const rules = policyRules(['get'], parseResources(['deploy', 'pods', 'pods/log']), [], ['/healthz'], mapper);
  assert.deepEqual(rules, [
    { verbs: ['get'], apiGroups: [''], resources: ['pods', 'pods/log'], resourceNames: [] },
    { verbs: ['get'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: [] },
    { verbs: ['get'], nonResourceURLs: ['/healthz'] },
  ]);
  const job = generateJobFromCronJob('j', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj', uid: 'u1' }, spec: { jobTemplate: { metadata: { labels: { a: 'b' } }, spec: { backoffLimit: 2 } } } });
  assert.deepEqual(job.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'cj', uid: 'u1', controller: true }]);
  assert.deepEqual(job.metadata.labels, { a: 'b' });
  assert.deepEqual(job.spec, { backoffLimit: 2 });
});
