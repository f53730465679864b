/**
 * Writing verbs print through kubectl's PrintFlags: json, yaml, name and the template formats, and
 * reject a bad format or template before they change anything.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

const ALLOWED = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

test('create, scale, label and apply print jsonpath and go-template', () => {
  assert.equal(h.ok(['create', 'deployment', 'web', '--image=nginx', '-o', 'jsonpath={.kind}/{.metadata.name}']), 'Deployment/web');
  // kubectl scale prints the object as it read it, before the scale.
  assert.equal(h.ok(['scale', 'deployment', 'web', '--replicas=2', '-o', 'go-template={{.spec.replicas}}']), '1');
  assert.equal(h.ok(['label', 'deployment', 'web', 'tier=front', '--template={{.metadata.labels.tier}}']), 'front');
  const f = join(h.dir, 'cm.yaml');
  writeFileSync(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n');
  // Several objects: one List for the template.
  assert.equal(h.ok(['apply', '-f', f, '-o', 'jsonpath={.kind}:{.items[*].metadata.name}']), 'List:a b');
  assert.equal(h.ok(['apply', '-f', f, '-o', 'name']), 'configmap/a\nconfigmap/b\n');
});

test('a bad format or template fails first and changes nothing', () => {
  const bad = h.run(['create', 'deployment', 'nope', '--image=nginx', '-o', 'foo']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr, `error: unable to match a printer suitable for the output format "foo", allowed formats are: ${ALLOWED}\n`);
  const tpl = h.run(['create', 'deployment', 'nope', '--image=nginx', '-o', 'jsonpath={.bad']);
  assert.equal(tpl.stderr, 'error: error parsing jsonpath {.bad, unclosed action\n');
  assert.equal(tpl.code, 1);
  const scale = h.run(['scale', 'deployment', 'web', '--replicas=5', '-o', 'go-template={{.x']);
  assert.equal(scale.code, 1);
  assert.equal(h.ok(['get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}']), '2');
  assert.equal(h.run(['get', 'deployment', 'nope']).code, 1);
});

test('create -f prints each object (YAML documents separated), apply one List', () => {
  const f = join(h.dir, 'two.yaml');
  writeFileSync(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c1}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c2}\n');
  const created = h.ok(['create', '-f', f, '-o', 'yaml']);
  assert.equal(created.split('\n---\n').length, 2);
  assert.match(created, /^apiVersion: v1\nkind: ConfigMap\n/);
  assert.equal(h.ok(['create', 'configmap', 'c3', '-o', 'jsonpath={.metadata.name} ']), 'c3 ');
  assert.match(h.ok(['apply', '-f', f, '-o', 'yaml']), /^apiVersion: v1\nitems:\n/);
});
