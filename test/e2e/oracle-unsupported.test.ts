/**
 * The verbs kubemu does not emulate (debug, port-forward, attach, cp, proxy) check their flags and
 * arguments as kubectl does before saying so: their usage errors are compared with the real kubectl's.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { makeHome } from '../helpers/cli.js';
import { startFakeApiServer, type FakeApiServer } from '../helpers/fake-apiserver.js';

const h = makeHome();
let fake: FakeApiServer;
before(async () => {
  fake = await startFakeApiServer([]);
});
after(async () => {
  await fake?.close();
  h.cleanup();
});

const cases: string[][] = [
  ['debug', 'mypod'],
  ['debug', '--image=busybox'],
  ['debug', 'mypod', '--image=Bad_Image'],
  ['debug', 'mypod', '--image=busybox', '--replace'],
  ['debug', 'mypod', '--image=busybox', '--same-node'],
  ['debug', 'mypod', '--set-image=app=busybox'],
  ['debug', 'mypod', '--copy-to=x'],
  ['debug', 'mypod', '--copy-to=x', '--', 'sh'],
  ['debug', 'mypod', '--copy-to=x', '--set-image=app=Bad_Image'],
  ['debug', 'mypod', '--copy-to=x', '--image=busybox', '--target=app'],
  ['debug', 'mypod', '--attach'],
  ['debug', 'mypod', '--image=busybox', '-t'],
  ['debug', 'mypod', '--image=busybox', '--image-pull-policy=Sometimes'],
  ['debug', 'mypod', '--image=busybox', '--profile=nosuch'],
  ['debug', 'mypod', '--image=busybox', '--custom=/nonexistent/profile.json'],
  ['debug', 'mypod', '--image=busybox', '--env=novalue'],
  ['debug', 'mypod', '--image=busybox', '--bogus'],
  ['port-forward'],
  ['port-forward', 'pod/x'],
  ['port-forward', 'pod/x', '80', '--address'],
  ['attach'],
  ['attach', '--bogus'],
  ['cp'],
  ['cp', 'a'],
  ['cp', 'a', 'b', 'c'],
  ['cp', ':x', 'b'],
  ['cp', 'a/b/c:x', 'b'],
  ['cp', 'p:/a', 'q:/b'],
  ['cp', 'p:', '/tmp/b'],
  ['cp', 'a', 'b'],
  ['proxy', '--port=x'],
];

for (const args of cases) {
  test(`kubectl ${args.join(' ')}`, async () => {
    const ours = h.run(args);
    const theirs = await fake.kubectl(args);
    assert.deepEqual(ours, theirs);
  });
}

test('a well-formed debug, port-forward, attach, cp or proxy says what kubemu does not emulate, exit 1', () => {
  for (const args of [
    ['debug', 'mypod', '--image=busybox', '--profile=general'],
    ['port-forward', 'pod/x', '8080:80'],
    ['attach', 'x'],
    ['proxy'],
    ['cp', 'x:/etc/hosts', '/tmp/hosts'],
  ]) {
    const r = h.run(args);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^error: kubemu does not emulate ${args[0]}: `));
  }
});
