import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toTyped, goTypeFor, lookupSlice, lookupStruct } from '../../src/api/gotypes.js';
import { canonicalQuantity, parseQuantity, QuantityError } from '../../src/util/quantity.js';
import { selectString } from '../../src/verbs/set/common.js';
import { parseFileSource, parseLiteralSource, configMapKeyErrors, kubectlHash } from '../../src/verbs/generators/util.js';
import { containerNameFor } from '../../src/verbs/generators/deployment.js';
import { isImageReference } from '../../src/verbs/generators/pod.js';

test('toTyped: Go struct order, zero values without omitempty, unknown fields dropped, maps sorted', () => {
  const d = toTyped({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', labels: { b: '2', a: '1' } }, spec: { replicas: 1, bogus: true, template: { spec: { containers: [{ image: 'i', name: 'c' }] } } } });
  assert.equal(JSON.stringify(d), '{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"x","creationTimestamp":null,"labels":{"a":"1","b":"2"}},"spec":{"replicas":1,"selector":null,"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":[{"name":"c","image":"i","resources":{}}]}},"strategy":{}},"status":{}}');
  // A non-omitempty slice is null when unset; an unknown kind is left alone.
  assert.equal(JSON.stringify(toTyped({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } })), '{"kind":"ClusterRole","apiVersion":"rbac.authorization.k8s.io/v1","metadata":{"name":"r","creationTimestamp":null},"rules":null}');
  const crd = { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' }, spec: { z: 1, a: 2 } };
  assert.equal(toTyped(crd), crd);
  assert.equal(goTypeFor('v1', 'Pod'), 'core/v1.Pod');
  assert.equal(goTypeFor('networking.k8s.io/v1', 'Ingress'), 'networking/v1.Ingress');
});

test('patch metadata from the struct tags', () => {
  const [containers, meta] = lookupSlice('core/v1.PodSpec', 'containers');
  assert.equal(containers, 'core/v1.Container');
  assert.deepEqual(meta, { strategies: ['merge'], mergeKey: 'name' });
  assert.deepEqual(lookupSlice('core/v1.Container', 'ports')[1], { strategies: ['merge'], mergeKey: 'containerPort' });
  assert.deepEqual(lookupStruct('apps/v1.DeploymentSpec', 'strategy')[1], { strategies: ['retainKeys'], mergeKey: '' });
  assert.deepEqual(lookupSlice('core/v1.Container', 'args')[1], { strategies: [], mergeKey: '' });
});

test('quantities: canonical forms and errors', () => {
  const cases: [string, string][] = [
    ['1000m', '1'],
    ['0.5Gi', '512Mi'],
    ['1.5', '1500m'],
    ['100Mi', '100Mi'],
    ['1024Mi', '1Gi'],
    ['2000', '2k'],
    ['0.1m', '100u'],
    ['12e2', '1200'],
    ['1e3', '1e3'],
  ];
  for (const [i, o] of cases) assert.equal(canonicalQuantity(i), o, i);
  assert.throws(() => parseQuantity('abc'), (e: unknown) => e instanceof QuantityError && /^quantities must match the regular expression/.test(e.message));
  assert.throws(() => parseQuantity('1mm'), /unable to parse quantity's suffix/);
});

test('set container selectors, source arguments, keys, names', () => {
  assert.ok(selectString('nginx', '*'));
  assert.ok(selectString('nginx', 'ngi*'));
  assert.ok(!selectString('nginx', 'a*'));
  assert.ok(selectString('nginx', 'nginx'));
  assert.deepEqual(parseFileSource('dir/app.properties'), ['app.properties', 'dir/app.properties']);
  assert.deepEqual(parseFileSource('k=dir/a'), ['k', 'dir/a']);
  assert.throws(() => parseFileSource('=a'), /key name for file path a missing/);
  assert.deepEqual(parseLiteralSource('a=b=c'), ['a', 'b=c']);
  assert.throws(() => parseLiteralSource('=a'), /invalid literal source =a, expected key=value/);
  assert.deepEqual(configMapKeyErrors('..x'), ["must not start with '..'"]);
  assert.equal(containerNameFor('registry.example.com:5000/team/app:1.2', () => 'xxxxx'), 'app');
  assert.equal(containerNameFor('my_app', () => 'abcde'), 'my-app-abcde');
  assert.ok(isImageReference('nginx@sha256:0123456789abcdef0123456789abcdef'));
  assert.ok(!isImageReference('Bad'));
  // kubectl's hash of a configmap for --append-hash
  assert.match(kubectlHash({ kind: 'ConfigMap', name: 'c', data: { a: '1' } }), /^[a-z0-9]{10}$/);
});
