import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome } from '../helpers/cli.js';
import { CORPUS } from '../helpers/yaml-corpus.js';

const h = makeHome();
after(() => h.cleanup());


test('YAML syntax errors: go-yaml words and line numbers', () => {
  for (const [name, text, want] of CORPUS) {
    writeFileSync(join(h.dir, name), text);
    const r = h.run(['apply', '-f', name], { cwd: h.dir });
    assert.equal(r.code, 1, name);
    assert.equal(r.stderr, `error: error parsing ${name}: error converting YAML to JSON: ${want}\n`, name);
  }
});

test('JSON syntax errors: encoding/json texts with the byte offset', () => {
  const cases: [string, string][] = [
    ['{"apiVersion": "v1", "kind": "Pod",}\n', "json: offset 36: invalid character '}' looking for beginning of object key string"],
    ['{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}\n', 'unexpected EOF'],
    ['{"a": tru}\n', "json: offset 10: invalid character '}' in literal true (expecting 'e')"],
    ['{"a": "x\ty"}\n', "json: offset 9: invalid character '\\t' in string literal"],
    ['{"a": -}\n', "json: offset 8: invalid character '}' in numeric literal"],
    ['{"a" 1}\n', "json: offset 6: invalid character '1' after object key"],
    ['{"a":1 "b":2}\n', 'json: offset 8: invalid character \'"\' after object key:value pair'],
    ['{"a": [1 2]}\n', "json: offset 10: invalid character '2' after array element"],
    ['{"a": 1.}\n', "json: offset 9: invalid character '}' after decimal point in numeric literal"],
    ['{"a": "\\u12x4"}\n', "json: offset 12: invalid character 'x' in \\u hexadecimal character escape"],
    ['  {\n  "a": nul\n}\n', "json: offset 15: invalid character '\\n' in literal null (expecting 'l')"],
    ['{"a": "é", "b": x}\n', "json: offset 18: invalid character 'x' looking for beginning of value"],
  ];
  cases.forEach(([text, want], i) => {
    const name = `bad${i}.json`;
    writeFileSync(join(h.dir, name), text);
    const r = h.run(['apply', '-f', name], { cwd: h.dir });
    assert.equal(r.stderr, `error: error parsing ${name}: ${want}\n`, name);
  });
  writeFileSync(join(h.dir, 'extra.json'), '{"apiVersion":"v1"}}\n');
  assert.equal(
    h.run(['apply', '-f', 'extra.json'], { cwd: h.dir }).stderr,
    'error: error validating "extra.json": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false\n',
  );
});

test('not an object, missing apiVersion or kind, with and without validation', () => {
  const w = (name: string, text: string) => writeFileSync(join(h.dir, name), text);
  w('scalar.yaml', 'hello\n');
  w('array.json', '[{"apiVersion": "v1"}]\n');
  w('nokind.yaml', 'metadata:\n  name: x\n');
  w('first.yaml', '  apiVersion: v1\nkind: Pod\n');
  const run = (args: string[]) => h.run(args, { cwd: h.dir }).stderr;
  const stop = 'if you choose to ignore these errors, turn validation off with --validate=false';
  assert.equal(run(['apply', '-f', 'scalar.yaml']), `error: error validating "scalar.yaml": error validating data: invalid object to validate; ${stop}\n`);
  assert.equal(run(['apply', '-f', 'array.json']), `error: error validating "array.json": error validating data: invalid object to validate; ${stop}\n`);
  assert.equal(run(['apply', '-f', 'first.yaml']), `error: error validating "first.yaml": error validating data: kind not set; ${stop}\n`);
  assert.equal(run(['apply', '-f', 'nokind.yaml']), `error: error validating "nokind.yaml": error validating data: [apiVersion not set, kind not set]; ${stop}\n`);
  assert.equal(run(['apply', '-f', 'nokind.yaml', '--validate=false']), 'error: unable to decode "nokind.yaml": Object \'Kind\' is missing in \'{"metadata":{"name":"x"}}\'\n');
  assert.equal(run(['create', '-f', 'scalar.yaml', '--validate=false']), 'error: unable to decode "scalar.yaml": json: cannot unmarshal string into Go value of type unstructured.detector\n');
  w('unknown.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n');
  assert.equal(run(['apply', '-f', 'unknown.yaml']), 'error: resource mapping not found for name: "w" namespace: "" from "unknown.yaml": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n');
});

test('streams: objects before a syntax error are applied first, then the error; separators', () => {
  writeFileSync(join(h.dir, 'multi.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n   x: 1\n');
  const r = h.run(['apply', '-f', 'multi.yaml'], { cwd: h.dir });
  assert.equal(r.code, 1);
  assert.equal(r.stdout, 'configmap/a created\n');
  // Line numbers count from the start of the document, not of the file.
  assert.equal(r.stderr, 'error: error parsing multi.yaml: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context\n');
  writeFileSync(join(h.dir, 'sep.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---foo\n');
  assert.equal(h.run(['apply', '-f', 'sep.yaml'], { cwd: h.dir }).stderr, 'error: error parsing sep.yaml: invalid Yaml document separator: foo\n');
  writeFileSync(join(h.dir, 'seps.yaml'), '--- # first\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: d\n---\n---\n# only a comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e\n...\n');
  assert.equal(h.ok(['apply', '-f', 'seps.yaml'], { cwd: h.dir } as never), 'configmap/d created\nconfigmap/e created\n');
  writeFileSync(join(h.dir, 'empty.yaml'), '# nothing\n');
  assert.equal(h.run(['apply', '-f', 'empty.yaml'], { cwd: h.dir }).stderr, 'error: no objects passed to apply\n');
});

test('YAML 1.1 values as go-yaml resolves them; JSON streams; kind: List', () => {
  writeFileSync(
    join(h.dir, 'values.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vals\ndata:\n  a: "yes"\n  mode: "0644"\n  when: "2024-01-02"\nbinaryData: {}\n',
  );
  h.ok(['apply', '-f', 'values.yaml'], { cwd: h.dir } as never);
  const cm = JSON.parse(h.ok(['get', 'cm', 'vals', '-o', 'json']));
  assert.deepEqual(cm.data, { a: 'yes', mode: '0644', when: '2024-01-02' });
  assert.equal(
    cm.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'],
    '{"apiVersion":"v1","binaryData":{},"data":{"a":"yes","mode":"0644","when":"2024-01-02"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"vals","namespace":"default"}}\n',
  );
  writeFileSync(join(h.dir, 'bool.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  enabled: yes\n');
  assert.equal(
    h.run(['apply', '-f', 'bool.yaml'], { cwd: h.dir }).stderr,
    'Error from server (BadRequest): error when creating "bool.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal bool into Go struct field ConfigMap.data of type string\n',
  );
  writeFileSync(join(h.dir, 'two.json'), '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j1"}}\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j2"}}\n');
  assert.equal(h.ok(['apply', '-f', 'two.json'], { cwd: h.dir } as never), 'configmap/j1 created\nconfigmap/j2 created\n');
  writeFileSync(join(h.dir, 'list.yaml'), 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: l1\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: l2\n');
  assert.equal(h.ok(['apply', '-f', 'list.yaml'], { cwd: h.dir } as never), 'configmap/l1 created\nconfigmap/l2 created\n');
});

test('directories, -R, globs, stdin, missing paths', () => {
  const d = join(h.dir, 'tree');
  mkdirSync(join(d, 'sub'), { recursive: true });
  const cm = (n: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${n}\n`;
  writeFileSync(join(d, 'b.yaml'), cm('t-b'));
  writeFileSync(join(d, 'a.json'), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 't-a' } }));
  writeFileSync(join(d, 'notes.txt'), 'not a manifest');
  writeFileSync(join(d, 'sub', 'c.yml'), cm('t-c'));
  assert.equal(h.ok(['apply', '-f', 'tree'], { cwd: h.dir } as never), 'configmap/t-a created\nconfigmap/t-b created\n');
  assert.equal(h.ok(['apply', '-f', 'tree/', '-R'], { cwd: h.dir } as never), 'configmap/t-a unchanged\nconfigmap/t-b unchanged\nconfigmap/t-c created\n');
  writeFileSync(join(d, 'sub', 'bad.yaml'), 'a: b: c\n');
  assert.equal(h.run(['apply', '-f', './tree', '-R'], { cwd: h.dir }).stderr, 'error: error parsing tree/sub/bad.yaml: error converting YAML to JSON: yaml: mapping values are not allowed in this context\n');
  assert.equal(h.ok(['apply', '-f', 'tree/*.yaml'], { cwd: h.dir } as never), 'configmap/t-b unchanged\n');
  assert.equal(h.ok(['apply', '-f', '-'], { input: cm('from-stdin') }), 'configmap/from-stdin created\n');
  assert.equal(h.run(['apply', '-f', '-'], { input: 'a: b: c\n' }).stderr, 'error: error parsing STDIN: error converting YAML to JSON: yaml: mapping values are not allowed in this context\n');
  assert.equal(h.run(['apply', '-f', 'nope.yaml'], { cwd: h.dir }).stderr, 'error: the path "nope.yaml" does not exist\n');
  assert.equal(h.run(['apply', '-f', 'nope.yaml', '-f', 'gone.yaml'], { cwd: h.dir }).stderr, 'the path "nope.yaml" does not exist\nthe path "gone.yaml" does not exist\n');
  assert.equal(h.run(['apply', '-f', 'tree/*.none'], { cwd: h.dir }).stderr, 'error: the path "tree/*.none" does not exist\n');
});
