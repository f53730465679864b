import { test } from 'node:test';
import assert from 'node:assert/strict';
import { printYaml, yamlKeyLess, goFloatG } from '../../src/printers/yaml.js';

// Expected texts below are the real kubectl v1.32's output for the same values.
test('yaml: go-yaml v2 scalar styles, literal blocks and folding', () => {
  const data = {
    bool: 'yes',
    colon: 'a: b',
    emoji: '😀',
    empty: '',
    fold: 'word '.repeat(20) + 'end',
    keep: 'x\n\n',
    lit: 'one\n  two\n',
    num: '0x1F',
    sexa: '1:30',
    strip: '  x\ny',
    tab: 'a\tb',
    ts: '2024-01-01',
  };
  const want = `apiVersion: v1
data:
  bool: "yes"
  colon: 'a: b'
  emoji: "\\U0001F600"
  empty: ""
  fold: word word word word word word word word word word word word word word word
    word word word word word end
  keep: |+
    x

  lit: |
    one
      two
  num: "0x1F"
  sexa: "1:30"
  strip: |2-
      x
    y
  tab: "a\\tb"
  ts: "2024-01-01"
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: x
`;
  assert.equal(printYaml({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'x', creationTimestamp: null }, data }), want);
});

test('yaml: sequences under a key are not indented; empty maps and lists are flow', () => {
  const obj = { spec: { containers: [{ name: 'a', args: ['x', 'y\nz'], resources: {} }], list: [], nested: [[1, 2], []] } };
  assert.equal(
    printYaml(obj),
    `spec:
  containers:
  - args:
    - x
    - |-
      y
      z
    name: a
    resources: {}
  list: []
  nested:
  - - 1
    - 2
  - []
`,
  );
});

test('yaml: numbers as Go prints them after the JSON round trip', () => {
  assert.equal(printYaml({ a: 1, b: 1.5, c: 123456789.5, d: 1e-7, e: 1e21, f: 0.0001, g: 100000.5, h: -0 }), 'a: 1\nb: 1.5\nc: 1.234567895e+08\nd: 1e-07\ne: 1e+21\nf: 0.0001\ng: 100000.5\nh: 0\n');
  assert.equal(goFloatG(1234567.25), '1.23456725e+06');
});

test('yaml: keys in go-yaml natural order, quoted when they would not read back as strings', () => {
  assert.equal(printYaml({ a10: 1, a9: 1, aB: 1, a_b: 1, '1': 1, yes: 1 }), '"1": 1\na_b: 1\na9: 1\na10: 1\naB: 1\n"yes": 1\n');
  assert.equal(yamlKeyLess('1', '01'), true);
  assert.equal(yamlKeyLess('01', '1'), false);
});

test('yaml: long keys become complex keys; control characters are refused', () => {
  const k = 'k'.repeat(129);
  assert.equal(printYaml({ [k]: 'v' }), `? ${k}\n: v\n`);
  assert.throws(() => printYaml({ a: 'x\u007f' }), /^Error: yaml: control characters are not allowed$/);
  assert.equal(printYaml({ a: 'a\u0085b' }), 'a: a b\n');
});
