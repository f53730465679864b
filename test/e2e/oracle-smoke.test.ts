import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer } from '../helpers/fake-apiserver.js';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

test('the oracle: real kubectl against the fake API server prints our objects as we do', async () => {
  const pods = JSON.parse(h.ok(['get', 'pods', '-n', 'kube-system', '-o', 'json'])).items;
  const fake = await startFakeApiServer(pods);
  try {
    const theirs = await fake.kubectl(['get', 'pods', '-n', 'kube-system', '-o', 'name']);
    assert.equal(theirs.code, 0, theirs.stderr);
    assert.equal(h.ok(['get', 'pods', '-n', 'kube-system', '-o', 'name']), theirs.stdout);
    const one = await fake.kubectl(['get', 'pod', 'etcd-kubemu', '-n', 'kube-system', '-o', 'json']);
    assert.equal(h.ok(['get', 'pod', 'etcd-kubemu', '-n', 'kube-system', '-o', 'json']), one.stdout);
    const gen = await fake.kubectl(['run', 'x', '--image=nginx', '--dry-run=client', '-o', 'yaml']);
    assert.equal(gen.code, 0, gen.stderr);
    assert.match(gen.stdout, /run: x/);
  } finally {
    await fake.close();
  }
});
