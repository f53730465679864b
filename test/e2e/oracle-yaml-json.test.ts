/**
 * Differential tests of -o yaml / -o json against the real kubectl v1.32: the same values printed by
 * kubectl's client-side generator and through the fake API server, byte for byte.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KUBECTL, startFakeApiServer } from '../helpers/fake-apiserver.js';
import { makeHome } from '../helpers/cli.js';
import { printYaml } from '../../src/printers/yaml.js';

const h = makeHome();
after(() => h.cleanup());

const TRICKY = [
  'yes', 'Yes', 'yEs', 'on', 'OFF', 'y', 'n', '~', 'null', '', '0x1F', '0o17', '0777', '08', '1_000', '+1', '-', '1e3', '1.',
  '+.5', '.5', '.', '...', '---', '-a', '- a', 'a: b', 'a:b', 'a #b', 'a#b', '#x', '2024-01-01', '2024-1-1', '2024-02-30',
  '2024-01-01T10:00:00Z', '2024-01-01 10:00:00', '2026-11-22T10:00:00.123+01:00', '10:30', '1:60', '0b101', '0b-1', 'true',
  'tRue', '  lead', 'trail ', 'a\nb', 'a\n', 'a\n\n', '\nx', '  x\ny', 'x \ny', 'tab\there', 'é', '😀', '<<', '=', '1e999',
  '.inf', '-.INF', '0.5', '12345678901234567890', '99999999999999999999', '0xFFFFFFFFFFFFFFFF', '0x1FFFFFFFFFFFFFFFF',
  '\u0085', 'a \u0085 b', 'a\u0085\u0085b', '\ufeffbom', 'it\'s', '"q"', 'back\\slash', '@at', '`tick', '%pct', 'a,b', '[x]', '{x}',
  'long text '.repeat(12), 'long:'.repeat(20) + ' x', '"' + 'quoted '.repeat(15), 'line one\nline two with trailing space \nthree',
];

const ALPHABET = ['a', 'b', 'Z', ' ', ' ', '\n', '\n', '\t', ':', '-', '#', "'", '"', '\\', '?', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`', '.', '0', '1', '9', '_', '+', 'e', 'x', 'y', 'n', '~', 'é', '日', '😀', '\r', '\u2028', '\u0085', '\u00a0', '\u0001', '\ufeff', '\u0007', '\u001b', 'T', 'Z', '2', '='];

function fuzz(seed: number, n: number): string[] {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const len = 1 + Math.floor(rnd() * (rnd() < 0.2 ? 120 : 8));
    let v = '';
    for (let j = 0; j < len; j++) v += rnd() < 0.3 ? 'word ' : ALPHABET[Math.floor(rnd() * ALPHABET.length)];
    out.push(v);
  }
  return out;
}

function configMapViaKubectl(values: string[]): { theirs: string; data: Record<string, string> } {
  const args = ['create', 'configmap', 'x', '--dry-run=client', '-o', 'yaml'];
  const data: Record<string, string> = {};
  values.forEach((v, i) => {
    const k = `k${String(i).padStart(4, '0')}`;
    data[k] = v;
    args.push(`--from-literal=${k}=${v}`);
  });
  const r = spawnSync(KUBECTL, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return { theirs: r.stdout, data };
}

test('oracle: -o yaml scalars (tricky values and seeded random strings) as kubectl prints them', () => {
  for (const [i, values] of [TRICKY, fuzz(1, 300), fuzz(2, 300)].entries()) {
    const { theirs, data } = configMapViaKubectl(values);
    const ours = printYaml({ apiVersion: 'v1', data, kind: 'ConfigMap', metadata: { creationTimestamp: null, name: 'x' } });
    assert.equal(ours, theirs, `batch ${i}`);
  }
});

test('oracle: -o yaml and -o json of stored objects (numbers, nesting, long keys, lists) through get', async () => {
  const manifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'tricky', annotations: { [`${'a'.repeat(63)}.example.com/${'a'.repeat(63)}`]: 'x', note: 'word '.repeat(30), html: '<b>&</b>' } },
    data: { 'a.b': '1', 'a-b': 'yes', a_b: 'multi\nline\n', '10': 'ten', '9': 'nine' },
  };
  const file = join(h.dir, 'tricky.json');
  writeFileSync(file, JSON.stringify(manifest));
  h.ok(['apply', '-f', file]);
  h.ok(['apply', '-f', 'fixtures/nginx-deployment.yaml']);
  const stored = JSON.parse(h.ok(['get', 'cm,deploy,pods', '-o', 'json'])).items;
  const fake = await startFakeApiServer(stored);
  try {
    for (const args of [
      ['get', 'cm', 'tricky', '-o', 'yaml'],
      ['get', 'cm', 'tricky', '-o', 'json'],
      ['get', 'cm', '-o', 'yaml'],
      ['get', 'deploy', '-o', 'json'],
      ['get', 'deploy,cm', '-o', 'yaml'],
      ['get', 'pods', '-o', 'yaml'],
    ]) {
      const theirs = await fake.kubectl(args);
      assert.equal(theirs.code, 0, theirs.stderr);
      assert.equal(h.ok(args), theirs.stdout, args.join(' '));
    }
  } finally {
    await fake.close();
  }
});

test('oracle: -o yaml nesting (random maps, lists, lists of lists, odd keys and values) through get', async () => {
  let seed = 3;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];
  const strs = ['a', 'yes', 'x: y', 'multi\nline\n', ' lead', 'trail ', '', '- item', 'a\tb', 'long '.repeat(25), 'ok\n\n', '\nstart', 'é', '123', '1.5', 'null', '~', '#c', "it's", 'x\n y\n  z'];
  const keys = ['a', 'b', 'key', 'yes', '123', 'a.b/c', 'x y', '', 'k'.repeat(130), 'z-1', 'Z', '_u'];
  const gen = (depth: number): unknown => {
    const r = rnd();
    if (depth > 4 || r < 0.35) {
      const t = rnd();
      return t < 0.6 ? pick(strs) : t < 0.75 ? Math.floor(rnd() * 1000) - 100 : t < 0.85 ? rnd() * 10 : t < 0.93 ? rnd() < 0.5 : null;
    }
    if (r < 0.65) return Array.from({ length: Math.floor(rnd() * 4) }, () => gen(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = Math.floor(rnd() * 4); i > 0; i--) o[pick(keys)] = gen(depth + 1);
    return o;
  };
  const objs = Array.from({ length: 30 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${String(i).padStart(2, '0')}`, namespace: 'default' }, spec: gen(0), list: [gen(1), [gen(2), [gen(3)]]] }));
  const fake = await startFakeApiServer(objs as never);
  try {
    const theirs = await fake.kubectl(['get', 'cm', '-o', 'yaml']);
    assert.equal(printYaml({ apiVersion: 'v1', items: JSON.parse(JSON.stringify(objs)), kind: 'List', metadata: { resourceVersion: '' } }), theirs.stdout);
  } finally {
    await fake.close();
  }
});
