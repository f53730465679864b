/**
 * -o jsonpath and -o go-template against the real kubectl v1.32: kubectl's JSONPath dialect and Go's
 * text/template, including their error texts and debugging output, on one object and on a List.
 * The cases (test/fixtures/template-cases.json) leave out what depends on Go's random map order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeApiServer } from '../helpers/fake-apiserver.js';
import { ROOT } from '../helpers/cli.js';
import { JsonPathPrinter } from '../../src/printers/jsonpath.js';
import { GoTemplatePrinter, GoTemplateError } from '../../src/printers/gotemplate.js';
import type { KObject } from '../../src/api/types.js';

const CASES: { jp: string[]; gt: string[] } = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'template-cases.json'), 'utf8'));

const pod = (name: string, node: string, phase: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'web' }, creationTimestamp: '2026-11-22T09:00:00Z' },
  spec: { nodeName: node, priority: 0, containers: [{ name: 'web', image: 'nginx:1.25' }, { name: 'log', image: 'busybox' }] },
  status: { phase, podIP: '10.0.0.1', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'web', ready: true, restartCount: 2 }] },
});
const PODS = [pod('web-1', 'node-1', 'Running'), pod('web-2', 'node-2', 'Pending')];
const WEIRD: KObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'weird', namespace: 'default', labels: { 'app.kubernetes.io/name': 'x', b: 'y' }, annotations: { 'kubernetes.io/change-cause': 'c<&>' } },
  data: { n: '1', enc: 'aGVsbG8=' },
  spec: { f: 1.5, big: 1000000, i: 3, fl: 2.5e-7, arr: [1, 'a', null, true, { x: 1 }], nul: null, s: '<a&b>' },
};
const LIST = { apiVersion: 'v1', kind: 'List', items: PODS, metadata: { resourceVersion: '' } };

function ours(kind: 'jp' | 'gt', t: string, data: unknown): { stdout: string; stderr: string; code: number } {
  try {
    const p = kind === 'jp' ? new JsonPathPrinter(t, true, false) : new GoTemplatePrinter(t, true);
    return { stdout: p.print(structuredClone(data)), stderr: '', code: 0 };
  } catch (e) {
    const msg = `error: ${(e as Error).message}`;
    return { stdout: e instanceof GoTemplateError ? e.stdout : '', stderr: msg.endsWith('\n') ? msg : msg + '\n', code: 1 };
  }
}

test('oracle: jsonpath and go-template output and errors, byte for byte', async () => {
  const fake = await startFakeApiServer([...PODS, WEIRD]);
  try {
    for (const kind of ['jp', 'gt'] as const) {
      for (const t of CASES[kind]) {
        const onList = t.includes('.items') || t.includes('range');
        const output = `${kind === 'jp' ? 'jsonpath' : 'go-template'}=${t}`;
        const theirs = await fake.kubectl(onList ? ['get', 'pods', '-o', output] : ['get', 'cm', 'weird', '-o', output]);
        assert.deepEqual(ours(kind, t, onList ? LIST : WEIRD), theirs, `${kind} ${t}`);
      }
    }
  } finally {
    await fake.close();
  }
});
