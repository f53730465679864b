import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goYamlUnmarshal } from '../../src/verbs/util/goyaml.js';
import { splitYamlDocuments } from '../../src/verbs/util/manifests.js';
import { readJsonStream } from '../../src/verbs/util/json-stream.js';
import { cronError } from '../../src/api/validation/workloads.js';

test('go-yaml v2 resolves plain scalars by YAML 1.1 rules; quoted ones stay strings', () => {
  assert.deepEqual(goYamlUnmarshal('a: yes\nb: "yes"\nc: off\nd: ~\ne: 0644\nf: 0x1F\ng: 1_000\nh: 1.5\ni: .5\nj: 2024-01-02\nk: 1e3\nl: y\nm: +12\n'), {
    a: true,
    b: 'yes',
    c: false,
    d: null,
    e: 420,
    f: 31,
    g: 1000,
    h: 1.5,
    i: 0.5,
    j: '2024-01-02',
    k: 1000,
    l: true,
    m: 12,
  });
  assert.deepEqual(goYamlUnmarshal('1: a\ntrue: b\n1.5: c\n'), { '1': 'a', true: 'b', '1.5': 'c' });
  assert.deepEqual(goYamlUnmarshal('base: &b {p: 1, q: 2}\nderived:\n  <<: *b\n  q: 3\n'), { base: { p: 1, q: 2 }, derived: { p: 1, q: 3 } });
  // "y" is a YAML 1.1 boolean, even as a key.
  assert.deepEqual(goYamlUnmarshal('x: 1\ny: 2\n'), { x: 1, true: 2 });
  assert.deepEqual(goYamlUnmarshal('s: |\n  line1\n  line2\nf: >-\n  a\n  b\n'), { s: 'line1\nline2\n', f: 'a b' });
  assert.deepEqual(goYamlUnmarshal('l:\n- a\n- - b\n  - c\n- {k: v}\n'), { l: ['a', ['b', 'c'], { k: 'v' }] });
  assert.deepEqual(goYamlUnmarshal('k: "a\\tb\\u00e9"\n'), { k: 'a\tb\u00e9' });
  assert.equal(goYamlUnmarshal('# only a comment\n'), null);
  assert.equal(goYamlUnmarshal(''), null);
});

test('go-yaml errors: scanner lines count from 1, parser lines from 0, line 0 is not shown', () => {
  assert.throws(() => goYamlUnmarshal('a: b: c\n'), { message: 'yaml: mapping values are not allowed in this context' });
  assert.throws(() => goYamlUnmarshal('a: 1\nb: 2: 3\n'), { message: 'yaml: line 2: mapping values are not allowed in this context' });
  assert.throws(() => goYamlUnmarshal('a:\n  b: 1\n c: 2\n'), { message: 'yaml: line 2: did not find expected key' });
  assert.throws(() => goYamlUnmarshal('a: *nope\n'), { message: "yaml: unknown anchor 'nope' referenced" });
  assert.throws(() => goYamlUnmarshal('a: \u0001\n'), { message: 'yaml: control characters are not allowed' });
});

test('documents split on "---" lines; CRLF read as LF', () => {
  assert.deepEqual(splitYamlDocuments('a: 1\n---\nb: 2\n--- # c\n\n'), { docs: ['a: 1\n', 'b: 2\n', '\n'] });
  assert.deepEqual(splitYamlDocuments('a: 1\r\n---\r\nb: 2'), { docs: ['a: 1\n', 'b: 2\n'] });
  assert.deepEqual(splitYamlDocuments('a: 1\n---\nb: 2\n---x\nc: 3\n'), { docs: ['a: 1\n'], error: 'invalid Yaml document separator: x' });
});

test('JSON streams: values one after another, Go syntax errors with byte offsets', () => {
  assert.deepEqual(readJsonStream('{"a":1} {"b":[1,2.5e3,true,null,"x"]}\n'), { values: ['{"a":1}', '{"b":[1,2.5e3,true,null,"x"]}'] });
  assert.deepEqual(readJsonStream('{"a":1}}'), { values: ['{"a":1}'], error: "json: offset 8: invalid character '}' looking for beginning of value" });
  assert.equal(readJsonStream('{"a": [1,').error, 'unexpected EOF');
  assert.equal(readJsonStream('{"é": x}').error, "json: offset 8: invalid character 'x' looking for beginning of value");
});

test('cron schedules as robfig/cron ParseStandard checks them', () => {
  assert.equal(cronError('*/5 * * * *'), undefined);
  assert.equal(cronError('0 0 * * MON-FRI'), undefined);
  assert.equal(cronError('@hourly'), undefined);
  assert.equal(cronError('*/5 * * *'), 'expected exactly 5 fields, found 4: [*/5 * * *]');
  assert.equal(cronError('60 * * * *'), 'end of range (60) above maximum (59): 60');
  assert.equal(cronError('* * 0 * *'), 'beginning of range (0) below minimum (1): 0');
  assert.equal(cronError('x * * * *'), 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
  assert.equal(cronError('5-1 * * * *'), 'beginning of range (5) beyond end of range (1): 5-1');
  assert.equal(cronError('@often'), 'unrecognized descriptor: @often');
});
