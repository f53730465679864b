import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordForWatchers, MAX_ENTRIES } from '../../src/engine/watchlog.js';
import type { ApiServer } from '../../src/api/server.js';
import type { KObject } from '../../src/api/types.js';
import { emptyEngineState } from '../../src/api/state.js';

const DEAD_PID = '2147483646';

function fakeApi(changes: { type: 'ADDED' | 'MODIFIED' | 'DELETED'; obj: KObject }[], engine = emptyEngineState()): ApiServer {
  return { now: 1000, doc: { engine }, changes: changes.map((c) => ({ ...c, gr: 'pods' })) } as unknown as ApiServer;
}

const pod = (name: string, phase: string): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, status: { phase } });

test('watch log: nothing is kept without a watcher', () => {
  const api = fakeApi([{ type: 'ADDED', obj: pod('a', 'Pending') }]);
  api.doc.engine.watchLog = [{ seq: 1, type: 'ADDED', gr: 'pods', obj: pod('x', 'Running') }];
  recordForWatchers(api);
  assert.deepEqual(api.doc.engine.watchLog, []);
});

test('watch log: a live watcher gets every change, as snapshots, with increasing positions', () => {
  const p = pod('a', 'Pending');
  const api = fakeApi([
    { type: 'ADDED', obj: p },
    { type: 'MODIFIED', obj: pod('a', 'Running') },
    { type: 'DELETED', obj: pod('a', 'Running') },
  ]);
  api.doc.engine.watchers = { [String(process.pid)]: { until: 0, seen: 0 } };
  recordForWatchers(api);
  p.status.phase = 'Changed later';
  const log = api.doc.engine.watchLog;
  assert.deepEqual(
    log.map((e) => [e.seq, e.type, e.obj.status.phase]),
    [
      [1, 'ADDED', 'Pending'],
      [2, 'MODIFIED', 'Running'],
      [3, 'DELETED', 'Running'],
    ],
  );
  assert.equal(api.doc.engine.watchSeq, 3);
});

test('watch log: dead watchers are forgotten; what every watcher has read is dropped; the log is bounded', () => {
  const eng = emptyEngineState();
  eng.watchers = { [DEAD_PID]: { until: 1e15, seen: 0 } };
  const dead = fakeApi([{ type: 'ADDED', obj: pod('a', 'Pending') }], eng);
  recordForWatchers(dead);
  assert.deepEqual([eng.watchers, eng.watchLog], [{}, []]);

  eng.watchers = { [String(process.pid)]: { until: 0, seen: 2 } };
  eng.watchSeq = 0;
  recordForWatchers(fakeApi([1, 2, 3].map((i) => ({ type: 'ADDED' as const, obj: pod(`p${i}`, 'Pending') })), eng));
  assert.deepEqual(eng.watchLog.map((e) => e.seq), [3]);

  eng.watchers[String(process.pid)].seen = 0;
  recordForWatchers(fakeApi(Array.from({ length: MAX_ENTRIES + 10 }, (_, i) => ({ type: 'ADDED' as const, obj: pod(`q${i}`, 'Pending') })), eng));
  assert.equal(eng.watchLog.length, MAX_ENTRIES);
  assert.equal(eng.watchLog[eng.watchLog.length - 1].seq, eng.watchSeq);
});
