import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Quantity } from '../../src/util/quantity.js';
import { goSort } from '../../src/printers/describe/gosort.js';
import { smartLabel, camelSplit } from '../../src/printers/describe/generic.js';
import { selectorString, formatLabelSelector, makeClock, taintString } from '../../src/printers/describe/common.js';
import { describeProbe, podQOS } from '../../src/printers/describe/containers.js';
import { compactRules } from '../../src/printers/describe/policy.js';
import { tabbed } from '../../src/printers/describe/writer.js';

const q = (s: string) => Quantity.parse(s)!.toString();

test('quantities print in their canonical form, as resource.Quantity.String()', () => {
  const cases: [string, string][] = [
    ['0', '0'],
    ['0Mi', '0'],
    ['100m', '100m'],
    ['0.1', '100m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['1.5', '1500m'],
    ['1000', '1k'],
    ['1', '1'],
    ['1e3', '1e3'],
    ['1.5e3', '1500'],
    ['129e6', '129e6'],
    ['129M', '129M'],
    ['128974848', '128974848'],
    ['100Mi', '100Mi'],
    ['1024Mi', '1Gi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Ki', '512'],
    ['1536', '1536'],
    ['1n', '1n'],
    ['0.0000000001', '1n'],
    ['-1', '-1'],
    ['-500m', '-500m'],
    ['+2', '2'],
    ['1000E', '1'],
  ];
  for (const [input, want] of cases) assert.equal(q(input), want, input);
  assert.equal(Quantity.parse('abc'), undefined);
  assert.equal(Quantity.parse('1Zi'), undefined);
  assert.equal(Quantity.parse(''), undefined);
});

test('quantity arithmetic keeps the receiver format, values round up', () => {
  const add = (a: string, b: string) => Quantity.parse(a)!.add(Quantity.parse(b)!).toString();
  assert.equal(add('1Gi', '512Mi'), '1536Mi');
  assert.equal(add('100m', '1'), '1100m');
  assert.equal(Quantity.zero().add(Quantity.parse('1Gi')!).toString(), '1Gi');
  assert.equal(add('70Mi', '100Mi'), '170Mi');
  assert.equal(Quantity.parse('100m')!.value(), 1);
  assert.equal(Quantity.parse('1.5')!.milliValue(), 1500);
  assert.equal(Quantity.parse('0.5m')!.milliValue(), 1);
  assert.equal(Quantity.parse('1Ki')!.cmp(Quantity.parse('1024')!), 0);
  assert.equal(Quantity.of(536870912n, 0, 'BinarySI').toString(), '512Mi');
  assert.equal(Quantity.zero().toString(), '0');
});

test('goSort sorts like sort.Sort: ordered results, insertion sort (stable) up to 12 elements', () => {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 5;
  for (const n of [0, 1, 2, 12, 13, 49, 50, 51, 200]) {
    const arr = Array.from({ length: n }, (_, i) => ({ k: rnd(), i }));
    goSort(arr, (a, b) => a.k < b.k);
    for (let i = 1; i < arr.length; i++) assert.ok(arr[i - 1].k <= arr[i].k, `n=${n}`);
    if (n <= 12) for (let i = 1; i < arr.length; i++) if (arr[i - 1].k === arr[i].k) assert.ok(arr[i - 1].i < arr[i].i);
  }
  const desc = Array.from({ length: 100 }, (_, i) => 100 - i);
  assert.deepEqual(goSort(desc, (a, b) => a < b), Array.from({ length: 100 }, (_, i) => i + 1));
});

test('the generic describer turns field names into words', () => {
  assert.deepEqual(camelSplit('HTTPServer'), ['HTTP', 'Server']);
  assert.deepEqual(camelSplit('apiVersion'), ['api', 'Version']);
  assert.equal(smartLabel('apiVersion'), 'API Version');
  assert.equal(smartLabel('uid'), 'UID');
  assert.equal(smartLabel('involvedObject'), 'Involved Object');
  assert.equal(smartLabel('holderIdentity'), 'Holder Identity');
  assert.equal(smartLabel('kube-proxy'), 'Kube - Proxy');
  assert.equal(smartLabel('x509'), 'x509');
  assert.equal(smartLabel('$patch'), '$patch');
});

test('selectors print as labels.Selector strings', () => {
  assert.equal(selectorString({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod', 'dev'] }, { key: 'canary', operator: 'DoesNotExist' }, { key: 'c', operator: 'Exists' }] }), 'a=1,b=2,c,!canary,env notin (dev,prod)');
  assert.equal(selectorString(undefined), '');
  assert.equal(formatLabelSelector({}), '<none>');
  assert.equal(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }), '<error>');
  assert.equal(taintString({ key: 'k', effect: 'NoSchedule' }), 'k:NoSchedule');
  assert.equal(taintString({ key: 'k', value: 'v' }), 'k=v:');
});

test('times print in the client zone; probes and QoS as kubectl', () => {
  const kst = makeClock(0, () => 540, () => 'KST');
  const t = Date.parse('2026-11-22T08:26:10Z');
  assert.equal(kst.rfc1123z(t), 'Sun, 22 Nov 2026 17:26:10 +0900');
  assert.equal(kst.goString(t), '2026-11-22 17:26:10 +0900 KST');
  assert.equal(describeProbe({ httpGet: { path: '/a b?', port: 80, scheme: 'HTTP' }, periodSeconds: 10 }), 'http-get http://:80/a%20b%3F delay=0s timeout=0s period=10s #success=0 #failure=0');
  assert.equal(describeProbe({ httpGet: { host: 'fe80::1', port: 'http' } }), 'http-get //[fe80::1]:http delay=0s timeout=0s period=0s #success=0 #failure=0');
  const pod = (resources: object) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', resources }] } });
  assert.equal(podQOS(pod({})), 'BestEffort');
  assert.equal(podQOS(pod({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1000m', memory: '1024Mi' } })), 'Guaranteed');
  assert.equal(podQOS(pod({ limits: { cpu: '1' } })), 'Burstable');
  assert.equal(podQOS(pod({ requests: { cpu: '0' } })), 'BestEffort');
});

test('RBAC rules are broken down, compacted and sorted as kubectl does', () => {
  const rules = compactRules([
    { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
    { apiGroups: [''], resources: ['pods'], verbs: ['watch', 'get'] },
    { nonResourceURLs: ['/healthz'], verbs: ['get'] },
  ]);
  assert.deepEqual(
    rules.map((r) => [r.resources, r.nonResourceURLs, r.verbs]),
    // Sorted by the rule's String(), which starts with the verbs: "[get list watch]" < "[get]".
    [
      [['pods'], [], ['get', 'list', 'watch']],
      [[], ['/healthz'], ['get']],
    ],
  );
});

test('the writer aligns runs of tabbed lines and escapes terminal controls', () => {
  const out = tabbed((w) => {
    w.write(0, 'Name:\tx\n');
    w.write(0, 'Longer key:\ty\n');
    w.write(0, 'Section:\n');
    w.write(1, 'K:\t\x1b[31mred\r\n');
  });
  assert.equal(out, 'Name:        x\nLonger key:  y\nSection:\n  K:  ^[[31mred\\r\n');
});
