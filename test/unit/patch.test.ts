import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  strategicMergePatch,
  createTwoWayMergePatch,
  createThreeWayMergePatch,
  threeWayMerge,
  mergePatch,
  createMergePatch,
  jsonPatch,
  PatchError,
} from '../../src/api/patch.js';

const deploy = (containers: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { replicas: 1, template: { spec: { containers } }, ...extra },
});

test('strategic merge: containers merge by name, others kept, patch order first', () => {
  const d = deploy([
    { name: 'a', image: 'x' },
    { name: 'b', image: 'y' },
  ]);
  const out = strategicMergePatch(d, { spec: { template: { spec: { containers: [{ name: 'b', image: 'z' }, { name: 'c', image: 'w' }] } } } });
  assert.deepEqual(out.spec.template.spec.containers, [
    { name: 'a', image: 'x' },
    { name: 'b', image: 'z' },
    { name: 'c', image: 'w' },
  ]);
  // the input is not modified
  assert.equal((d.spec.template.spec.containers[1] as { image: string }).image, 'y');
});

test('strategic merge: lists without a merge strategy are replaced; maps merge; null deletes', () => {
  const d = deploy([{ name: 'a', image: 'x', args: ['1', '2'] }]);
  const out = strategicMergePatch(d, { metadata: { labels: { app: null, tier: 'fe' } }, spec: { template: { spec: { containers: [{ name: 'a', args: ['3'] }] } } } });
  assert.deepEqual(out.metadata.labels, { tier: 'fe' });
  assert.deepEqual(out.spec.template.spec.containers[0].args, ['3']);
});

test('strategic merge: $patch delete / replace, $deleteFromPrimitiveList, $setElementOrder, $retainKeys', () => {
  const d = deploy(
    [
      { name: 'a', image: 'x' },
      { name: 'b', image: 'y' },
    ],
    { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } },
  );
  let out = strategicMergePatch(d, { spec: { template: { spec: { containers: [{ name: 'a', $patch: 'delete' }] } } } });
  assert.deepEqual(
    out.spec.template.spec.containers.map((c: { name: string }) => c.name),
    ['b'],
  );
  out = strategicMergePatch(d, { spec: { template: { spec: { containers: [{ name: 'z', image: 'q' }, { $patch: 'replace' }] } } } });
  assert.deepEqual(out.spec.template.spec.containers, [{ name: 'z', image: 'q' }]);
  out = strategicMergePatch(d, { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] } } } });
  assert.deepEqual(
    out.spec.template.spec.containers.map((c: { name: string }) => c.name),
    ['b', 'a'],
  );
  out = strategicMergePatch(d, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
  assert.deepEqual(out.spec.strategy, { type: 'Recreate' });
  out = strategicMergePatch(d, { metadata: { $patch: 'replace', name: 'web' } });
  assert.deepEqual(out.metadata, { name: 'web' });
  const withFinalizers = { ...d, metadata: { ...d.metadata, finalizers: ['a', 'b', 'c'] } };
  out = strategicMergePatch(withFinalizers, { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], finalizers: ['d'] } });
  // items the server does not know go first (mergeSortedSlice)
  assert.deepEqual(out.metadata.finalizers, ['d', 'a', 'c']);
});

test('strategic merge: errors carry apimachinery texts', () => {
  const d = deploy([{ name: 'a', image: 'x' }]);
  assert.throws(
    () => strategicMergePatch(d, { spec: { template: { spec: { containers: [{ image: 'y' }] } } } }),
    (e: unknown) => e instanceof PatchError && e.message === 'map: map[image:y] does not contain declared merge key: name',
  );
  assert.throws(
    () => strategicMergePatch(d, { metadata: { $patch: 'bogus' } }),
    (e: unknown) => e instanceof PatchError && e.message === 'unknown patch type: bogus in map: map[$patch:bogus]',
  );
});

test('two-way patch: what kubectl set image sends', () => {
  const a = deploy([{ name: 'nginx', image: 'nginx' }]);
  const b = deploy([{ name: 'nginx', image: 'nginx:1.9' }]);
  assert.deepEqual(createTwoWayMergePatch(a, b), {
    spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ image: 'nginx:1.9', name: 'nginx' }] } } },
  });
  assert.deepEqual(createTwoWayMergePatch(a, a), {});
  const c = deploy([{ name: 'nginx', image: 'nginx', env: [{ name: 'A', value: '1' }] }]);
  assert.deepEqual(createTwoWayMergePatch(c, a), {
    spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ env: null, name: 'nginx' }] } } },
  });
  const e = deploy([{ name: 'nginx', image: 'nginx', env: [] }]);
  assert.deepEqual(createTwoWayMergePatch(c, e), {
    spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ env: [{ name: 'A', $patch: 'delete' }], name: 'nginx' }] } } },
  });
});

test('three-way merge: deletions come from last-applied, others keep their fields', () => {
  const original = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1' } }, data: { x: '1', y: '2' } };
  const modified = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { b: '2' } }, data: { x: '1' } };
  const current = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', uid: 'u', labels: { a: '1', c: '3' } }, data: { x: '1', y: '2', z: '9' } };
  assert.deepEqual(createThreeWayMergePatch(original, modified, current), { metadata: { labels: { a: null, b: '2' } }, data: { y: null } });
  assert.deepEqual(threeWayMerge(original, modified, current), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', uid: 'u', labels: { b: '2', c: '3' } },
    data: { x: '1', z: '9' },
  });
  // no change: an empty patch
  assert.deepEqual(createThreeWayMergePatch(modified, modified, { ...modified, status: {} }), {});
});

test('three-way merge keeps containers the server defaulted and merges env by name', () => {
  const original = deploy([{ name: 'a', image: 'x', env: [{ name: 'A', value: '1' }] }]);
  const modified = deploy([{ name: 'a', image: 'x', env: [{ name: 'B', value: '2' }] }]);
  const current = deploy([{ name: 'a', image: 'x', imagePullPolicy: 'Always', env: [{ name: 'A', value: '1' }, { name: 'C', value: '3' }] }]);
  const out = threeWayMerge(original, modified, current);
  assert.deepEqual(out.spec.template.spec.containers, [
    {
      name: 'a',
      image: 'x',
      imagePullPolicy: 'Always',
      env: [
        { name: 'B', value: '2' },
        { name: 'C', value: '3' },
      ],
    },
  ]);
});

test('JSON merge patch and its two-way diff', () => {
  assert.deepEqual(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1] }, { b: { c: null, e: 4 }, l: [2] }), { a: 1, b: { d: 3, e: 4 }, l: [2] });
  assert.deepEqual(createMergePatch({ metadata: { labels: { a: '1', b: '2' } } }, { metadata: { labels: { a: '1', c: '3' } } }), { metadata: { labels: { b: null, c: '3' } } });
});

test('JSON patch operations and errors', () => {
  const doc = { spec: { replicas: 1, list: ['a', 'b'] } };
  assert.deepEqual(
    jsonPatch(doc, [
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/spec/list/-', value: 'c' },
      { op: 'remove', path: '/spec/list/0' },
      { op: 'add', path: '/spec/new', value: { x: 1 } },
      { op: 'test', path: '/spec/new/x', value: 1 },
    ]),
    { spec: { replicas: 3, list: ['b', 'c'], new: { x: 1 } } },
  );
  // json-patch v4 sets a missing key of an object on replace, but not a missing index
  assert.deepEqual(jsonPatch(doc, [{ op: 'replace', path: '/spec/nope', value: 1 }]).spec.nope, 1);
  assert.throws(() => jsonPatch(doc, [{ op: 'replace', path: '/spec/list/5', value: 1 }]), /replace operation does not apply: doc is missing key: \/spec\/list\/5: missing value/);
  assert.throws(() => jsonPatch(doc, [{ op: 'add', path: '/nope/x', value: 1 }]), /add operation does not apply: doc is missing path: "\/nope\/x": missing value/);
  assert.throws(() => jsonPatch(doc, [{ op: 'remove', path: '/spec/nope' }]), /remove operation does not apply: doc is missing path: "\/spec\/nope": missing value/);
});
