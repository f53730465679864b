import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, appendFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBucket, serializeBucket, storedIndex, bucketHeader, type BucketWrite } from '../../src/store/buckets.js';
import { DocumentStore, StateFileError } from '../../src/store/store.js';

const labels = { version: 1, index: (_b: string, r: unknown) => (r as { l?: unknown }).l };
/** A write as text: its kind and its lines joined. */
const asText = (w: BucketWrite) => (w.kind === 'same' ? { kind: w.kind } : { kind: w.kind, text: w.lines.join('') });
const file = (name: string, recs: Record<string, unknown>) => {
  const w = asText(serializeBucket(name, recs, labels));
  assert.equal(w.kind, 'full');
  return w.text!;
};

test('buckets: records stay text until read; their index is readable before', () => {
  const text = file('b', { 'ns/a': { n: 1, l: { app: 'x' } }, 'ns/b': { n: 2 } });
  assert.equal(text, bucketHeader('b', 1) + '"ns/a"\t{"app":"x"}\t{"n":1,"l":{"app":"x"}}\n"ns/b"\t\t{"n":2}\n');
  const b = parseBucket('b', text, 1);
  assert.deepEqual(Object.keys(b), ['ns/a', 'ns/b']);
  assert.equal(storedIndex(b, 'ns/a'), '{"app":"x"}');
  assert.equal(storedIndex(b, 'ns/b'), '');
  assert.deepEqual(b['ns/a'], { n: 1, l: { app: 'x' } });
  assert.equal(storedIndex(b, 'ns/a'), undefined, 'once read, the value is what counts');
  assert.equal(b['ns/a'], b['ns/a'], 'parsed once');
  assert.deepEqual(serializeBucket('b', b, labels), { kind: 'same' }, 'reading changes nothing');
  assert.throws(() => parseBucket('other', text), /holds bucket "b", expected "other"/);
});

test('buckets: indexes written by another indexer version are not used, and the file is rewritten with the current one', () => {
  const text = file('b', { a: { l: { app: 'x' } } });
  const b = parseBucket('b', text, 2);
  assert.equal(storedIndex(b, 'a'), undefined, 'stale: read the record instead');
  const w = asText(serializeBucket('b', b, { version: 2, index: (_n, r) => ({ v2: (r as { l: unknown }).l }) }));
  assert.deepEqual(w, { kind: 'full', text: bucketHeader('b', 2) + '"a"\t{"v2":{"app":"x"}}\t{"l":{"app":"x"}}\n' });
});

test('buckets: changes are appended; a later line replaces a key in its place, an empty one deletes it', () => {
  const text = file('b', { a: { n: 1 }, b: { n: 2 }, c: { n: 3 } });
  const b = parseBucket('b', text, 1) as Record<string, { n: number }>;
  b.b.n = 20; // changed in place
  b.d = { n: 4 };
  delete b.a;
  const w = asText(serializeBucket('b', b, labels));
  assert.deepEqual(w, { kind: 'append', text: '"b"\t\t{"n":20}\n"d"\t\t{"n":4}\n"a"\t\t\n' });
  const again = parseBucket('b', text + w.text, 1);
  assert.deepEqual(Object.keys(again), ['b', 'c', 'd']);
  assert.deepEqual(JSON.parse(JSON.stringify(again)), { b: { n: 20 }, c: { n: 3 }, d: { n: 4 } });
});

test('buckets: a key removed and added again moves to the end: the file is written whole', () => {
  const b = parseBucket('b', file('b', { a: { n: 1 }, b: { n: 2 } }), 1);
  const a = b.a;
  delete b.a;
  b.a = a;
  const w = asText(serializeBucket('b', b, labels));
  assert.equal(w.kind, 'full');
  assert.deepEqual(Object.keys(parseBucket('b', w.text!, 1)), ['b', 'a']);
});

test('buckets: a file mostly made of replaced lines is compacted', () => {
  let text = file('b', { a: { n: 0 } });
  for (let i = 1; i <= 70; i++) {
    const b = parseBucket('b', text, 1) as Record<string, { n: number }>;
    b.a = { n: i };
    const w = asText(serializeBucket('b', b, labels));
    text = w.kind === 'full' ? w.text! : w.kind === 'append' ? text + w.text : text;
  }
  assert.ok(text.split('\n').length < 70, 'compacted at least once');
  assert.deepEqual(JSON.parse(JSON.stringify(parseBucket('b', text, 1))), { a: { n: 70 } });
});

test('buckets: a record cut short is an error, not a silent loss', () => {
  const text = file('b', { a: { n: 1 } });
  assert.throws(() => parseBucket('b', text.slice(0, -1)), /cut short/);
});

interface Doc {
  format: number;
  meta: string;
  objects: Record<string, Record<string, unknown>>;
}

const dir = mkdtempSync(join(tmpdir(), 'kubemu-split-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const layout = { containers: [['objects']], buckets: [] };
const open = () => new DocumentStore<Doc>(join(dir, 'c.json'), 'reset it', { format: 2, layout, indexer: labels, splitBytes: 100 });
const big = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, { i, pad: 'x'.repeat(20) }]));

test('split store: big buckets get files, small ones stay in the head; unread buckets are not read', () => {
  open().transaction(() => undefined, () => ({ format: 2, meta: 'm', objects: { small: { a: 1 }, pods: big(10) } }));
  const head = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'));
  assert.deepEqual(head.objects.small, { a: 1 });
  assert.deepEqual(Object.keys(head.objects.pods), ['$file', '$bytes']);
  assert.deepEqual(readdirSync(join(dir, 'c.d')), [head.objects.pods.$file]);
  // A transaction that does not touch pods leaves their file alone.
  open().transaction((tx) => {
    tx.data.meta = 'm2';
    tx.markDirty();
  });
  const head2 = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'));
  assert.deepEqual(head2.objects.pods, head.objects.pods);
  assert.equal(head2.meta, 'm2');
});

test('split store: one change is appended; the next reader sees it; old generations are removed', () => {
  open().transaction((tx) => {
    (tx.data.objects.pods.k3 as { i: number }).i = 33;
    tx.markDirty();
  });
  const head = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'));
  const text = readFileSync(join(dir, 'c.d', head.objects.pods.$file), 'utf8');
  assert.ok(text.endsWith('"k3"\t\t{"i":33,"pad":"xxxxxxxxxxxxxxxxxxxx"}\n'));
  assert.equal(Buffer.byteLength(text), head.objects.pods.$bytes);
  assert.equal(open().transaction((tx) => (tx.data.objects.pods.k3 as { i: number }).i), 33);
  // A new bucket file generation replaces the old one, which is removed.
  open().transaction((tx) => {
    tx.data.objects.pods = big(12);
    tx.markDirty();
  });
  const files = readdirSync(join(dir, 'c.d'));
  assert.equal(files.length, 1);
  assert.notEqual(files[0], head.objects.pods.$file);
  assert.equal(open().transaction((tx) => Object.keys(tx.data.objects.pods).length), 12);
});

test('split store: bytes past the committed length (a crashed append) are ignored and written over', () => {
  const head = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'));
  const f = join(dir, 'c.d', head.objects.pods.$file);
  appendFileSync(f, '"k1"\t\t{"i":"crashed"');
  assert.equal(open().transaction((tx) => (tx.data.objects.pods.k1 as { i: number }).i), 1);
  open().transaction((tx) => {
    (tx.data.objects.pods.k2 as { i: number }).i = 22;
    tx.markDirty();
  });
  assert.doesNotMatch(readFileSync(f, 'utf8'), /crashed/);
  assert.equal(open().transaction((tx) => (tx.data.objects.pods.k2 as { i: number }).i), 22);
});

test('split store: a damaged bucket file is reported with its path when read', () => {
  const head = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'));
  const f = join(dir, 'c.d', head.objects.pods.$file);
  writeFileSync(f, 'garbage');
  assert.equal(open().transaction((tx) => tx.data.meta), 'm2', 'other data stays readable');
  assert.throws(
    () => open().transaction((tx) => Object.keys(tx.data.objects.pods)),
    (e: unknown) => e instanceof StateFileError && e.path === f && /cannot read the cluster state file/.test(e.message),
  );
});

test('buckets: files are ASCII (other characters as \\u escapes) and read back the same', () => {
  const value = { note: '한국어 노트 ✓ 😀', l: { app: 'x' } };
  const text = file('b', { 'ns/a': value });
  assert.match(text, /"ascii":true/);
  assert.doesNotMatch(text, /[^\x00-\x7f]/);
  assert.deepEqual(parseBucket('b', text, 1)['ns/a'], value);
  assert.deepEqual(JSON.parse(JSON.stringify(parseBucket('b', Buffer.from(text).toString('latin1'), 1))), { 'ns/a': value });
});

test('split store: a record beyond ASCII survives the file (read as Latin-1)', () => {
  open().transaction((tx) => {
    tx.data.objects.pods = { ...big(10), uni: { note: 'héllo wörld ✓' } };
    tx.markDirty();
  });
  assert.deepEqual(open().transaction((tx) => tx.data.objects.pods.uni), { note: 'héllo wörld ✓' });
});

test('split store: a format 1 document (one file, everything inline) is read, and rewritten split as format 2', () => {
  const path = join(dir, 'old.json');
  writeFileSync(path, JSON.stringify({ format: 1, meta: 'old', objects: { small: { a: 1 }, pods: big(10) } }));
  const store = new DocumentStore<Doc>(path, 'reset it', { format: 2, layout, indexer: labels, splitBytes: 100 });
  assert.equal(store.transaction((tx) => (tx.data.objects.pods.k7 as { i: number }).i), 7);
  const head = JSON.parse(readFileSync(path, 'utf8'));
  assert.equal(head.format, 2);
  assert.deepEqual(head.objects.small, { a: 1 });
  assert.deepEqual(Object.keys(head.objects.pods), ['$file', '$bytes']);
  assert.equal(store.transaction((tx) => Object.keys(tx.data.objects.pods).length), 10);
});
