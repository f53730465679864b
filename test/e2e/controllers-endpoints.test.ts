/** Endpoints and EndpointSlices through the CLI. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeHome } from '../helpers/cli.js';

const h = makeHome();
after(() => h.cleanup());

const json = (args: string[]) => JSON.parse(h.ok([...args, '-o', 'json']));

test('a Service over a Deployment lists its pods; scaling changes the endpoints', () => {
  h.ok(['create', 'deployment', 'web', '--image=nginx', '--replicas=2', '--port=80']);
  h.ok(['expose', 'deployment', 'web', '--port=8080', '--target-port=80']);
  const ips = json(['get', 'pods', '-l', 'app=web']).items.map((p: { status: { podIP: string } }) => p.status.podIP).sort();
  const ep = json(['get', 'endpoints', 'web']);
  assert.deepEqual(ep.subsets[0].addresses.map((a: { ip: string }) => a.ip).sort(), ips);
  assert.deepEqual(ep.subsets[0].ports, [{ port: 80, protocol: 'TCP' }]);
  const row = h.ok(['get', 'endpoints', 'web', '--no-headers']).split(/\s+/);
  assert.equal(row[1].split(',').length, 2);
  const slices = json(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web']).items;
  assert.equal(slices.length, 1);
  assert.match(slices[0].metadata.name, /^web-[a-z0-9]{5}$/);
  assert.equal(slices[0].endpoints.length, 2);
  h.ok(['scale', 'deployment', 'web', '--replicas=3']);
  assert.equal(json(['get', 'endpoints', 'web']).subsets[0].addresses.length, 3);
  h.ok(['scale', 'deployment', 'web', '--replicas=0']);
  assert.equal(json(['get', 'endpoints', 'web']).subsets, undefined);
  assert.equal(h.ok(['get', 'endpoints', 'web', '--no-headers']).split(/\s+/)[1], '<none>');
});

test('kube-dns has endpoints for both coredns pods on its three ports', () => {
  const ep = json(['get', 'endpoints', 'kube-dns', '-n', 'kube-system']);
  assert.equal(ep.subsets.length, 1);
  assert.equal(ep.subsets[0].addresses.length, 2);
  assert.deepEqual(ep.subsets[0].ports.map((p: { name: string }) => p.name).sort(), ['dns', 'dns-tcp', 'metrics']);
});

test('a selector-less Service keeps the Endpoints written for it', () => {
  h.ok(['create', 'service', 'clusterip', 'manual', '--tcp=80:80']);
  h.ok(['patch', 'svc', 'manual', '--type=json', '-p', '[{"op":"remove","path":"/spec/selector"}]']);
  h.ok(['delete', 'endpoints', 'manual', '--ignore-not-found']);
  h.ok(['create', '-f', '-'], { input: '{"apiVersion":"v1","kind":"Endpoints","metadata":{"name":"manual"},"subsets":[{"addresses":[{"ip":"192.0.2.10"}],"ports":[{"port":80}]}]}' });
  h.ok(['label', 'svc', 'manual', 'touched=yes']);
  assert.deepEqual(json(['get', 'endpoints', 'manual']).subsets[0].addresses, [{ ip: '192.0.2.10' }]);
});
