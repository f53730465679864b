/**
 * `kubectl events` against the real kubectl v1.32, which prints it client-side: the same Event
 * objects stored in our cluster and served by the fake API server. Times are relative to the wall
 * clock (kubectl's), half a minute away from any minute boundary.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeApiServer } from '../helpers/fake-apiserver.js';
import { makeHome } from '../helpers/cli.js';
import type { KObject } from '../../src/api/types.js';

const start = Math.floor(Date.now() / 1000) * 1000;
const iso = (msAgo: number) => new Date(start - msAgo).toISOString().replace('.000Z', 'Z');
const h = makeHome({ now: iso(0) });
after(() => h.cleanup());

const min = (m: number) => m * 60_000 + 30_000;
function event(name: string, ns: string, extra: Record<string, unknown>): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: ns },
    involvedObject: { kind: 'Pod', name: 'web', namespace: ns, apiVersion: 'v1' },
    reason: 'Pulled',
    message: `message of ${name} `,
    type: 'Normal',
    source: { component: 'kubelet', host: 'node-1' },
    ...extra,
  } as KObject;
}

const EVENTS: KObject[] = [
  event('web.1', 'other', { firstTimestamp: iso(min(50)), lastTimestamp: iso(min(15)), count: 3 }),
  event('web.2', 'other', { firstTimestamp: iso(min(40)), lastTimestamp: iso(min(40)), count: 1, type: 'Warning', reason: 'BackOff' }),
  event('web.3', 'other', { eventTime: new Date(start - min(45)).toISOString().replace('Z', '000Z'), source: {}, reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-cp' }),
  event('db.1', 'other', { firstTimestamp: iso(min(55)), lastTimestamp: iso(min(55)), count: 1, involvedObject: { kind: 'Deployment', name: 'db', namespace: 'other', apiVersion: 'apps/v1' }, reason: 'ScalingReplicaSet' }),
];

test('oracle: kubectl events (table, -A, --types, --for, -o json/yaml/name/jsonpath, empty, errors)', async () => {
  const file = join(h.dir, 'events.json');
  h.ok(['get', 'ns']);
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } }, ...EVENTS] }));
  h.ok(['apply', '-f', file]);
  const stored = JSON.parse(h.ok(['get', 'events', '-A', '-o', 'json'])).items.filter((e: KObject) => /^(web|db)\./.test(e.metadata.name!));
  assert.equal(stored.length, 4);
  const fake = await startFakeApiServer(stored);
  try {
    for (const args of [
      ['events', '-n', 'other'],
      ['events', '-n', 'other', '--no-headers'],
      ['events', '-A', '--types', 'warning'],
      ['events', '-A', '--for', 'pod/web'],
      ['events', '--types', 'x'],
      ['events', '--for', 'deploy/db', '-n', 'other'],
      ['events', '--for', 'pod'],
      ['events', '--for', 'foo/x'],
      ['events', '-n', 'nosuch'],
      ['events', '-A', '--for', 'pod/nosuch'],
      ['events', '-n', 'other', '--types', 'Warning,Normal', '-o', 'json'],
      ['events', '-n', 'other', '-o', 'yaml'],
      ['events', '-n', 'other', '-o', 'name'],
      ['events', '-n', 'other', '-o', 'jsonpath={.items[*].metadata.name}'],
    ]) {
      const theirs = await fake.kubectl(args);
      const ours = h.run(args);
      assert.deepEqual({ stdout: ours.stdout, stderr: ours.stderr, code: ours.code }, theirs, args.join(' '));
    }
  } finally {
    await fake.close();
  }
});
