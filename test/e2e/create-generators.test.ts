/**
 * Every `kubectl create <generator>` against the oracle: our --dry-run=client output (-o json byte
 * for byte, -o yaml structurally until the go-yaml emitter lands) and our errors (stderr and exit
 * code) are compared with the real kubectl v1.32's.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import { makeHome } from '../helpers/cli.js';
import { startFakeApiServer, type FakeApiServer } from '../helpers/fake-apiserver.js';

const h = makeHome();
const dir = mkdtempSync(join(tmpdir(), 'kubemu-gen-'));
let fake: FakeApiServer;

before(async () => {
  fake = await startFakeApiServer([]);
  writeFileSync(join(dir, 'app.properties'), 'color=blue\nsize=3\n');
  writeFileSync(join(dir, 'bin.dat'), Buffer.from([0xff, 0xfe, 0x00, 0x01]));
  mkdirSync(join(dir, 'conf'));
  writeFileSync(join(dir, 'conf', 'a.txt'), 'alpha');
  writeFileSync(join(dir, 'conf', 'b.conf'), 'beta <&>');
  writeFileSync(join(dir, 'app.env'), '# comment\nDB_HOST=db\n\n  DB_PORT=5432\nEMPTY=\n');
  writeFileSync(join(dir, 'docker.json'), '{"auths":{}}');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.crt'), '-days', '1', '-subj', '/CN=example.com'], {
    stdio: 'ignore',
  });
  execFileSync('openssl', ['genrsa', '-out', join(dir, 'other.key'), '2048'], { stdio: 'ignore' });
});
after(async () => {
  await fake.close();
  h.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const f = (name: string) => join(dir, name);

/** argv with flags placed before a "--" (which ends the flags). */
function withFlags(args: string[], ...flags: string[]): string[] {
  const i = args.indexOf('--');
  return i < 0 ? ['create', ...args, ...flags] : ['create', ...args.slice(0, i), ...flags, ...args.slice(i)];
}

/** Generators whose output is fully determined by their flags. */
const CASES: string[][] = [
  ['deployment', 'web', '--image=nginx'],
  ['deployment', 'web', '--image=nginx', '--image=busybox:1.36', '--replicas=3', '--port=8080'],
  ['deploy', 'web', '--image=busybox', '--', 'sleep', '3600'],
  ['deployment', 'web', '--image=registry.k8s.io/pause@sha256:0123456789abcdef0123456789abcdef', '-n', 'team-a'],
  ['deployment', 'web', '--image=nginx', '--save-config'],
  ['namespace', 'dev'],
  ['ns', 'dev', '--save-config'],
  ['configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=x=y'],
  ['configmap', 'cfg', `--from-file=${f('app.properties')}`, `--from-file=custom=${f('conf/a.txt')}`],
  ['configmap', 'cfg', `--from-file=${f('conf')}`, '-n', 'team-a'],
  ['cm', 'cfg', `--from-file=${f('bin.dat')}`],
  ['configmap', 'cfg', `--from-env-file=${f('app.env')}`],
  ['configmap', 'cfg', '--from-literal=a=1', '--append-hash'],
  ['configmap', 'cfg', '--from-literal=a=1', '--save-config'],
  ['secret', 'generic', 's', '--from-literal=user=admin', '--from-literal=pass=s3cr<t>'],
  ['secret', 'generic', 's', `--from-file=${f('conf')}`, '--type=Opaque'],
  ['secret', 'generic', 's', `--from-env-file=${f('app.env')}`, '--append-hash'],
  ['secret', 'tls', 't', `--cert=${f('tls.crt')}`, `--key=${f('tls.key')}`],
  ['secret', 'docker-registry', 'd', '--docker-username=u', '--docker-password=p', '--docker-email=u@example.com'],
  ['secret', 'docker-registry', 'd', '--docker-username=u', '--docker-password=p', '--docker-server=registry.example.com:5000'],
  ['secret', 'docker-registry', 'd', `--from-file=${f('docker.json')}`],
  ['service', 'clusterip', 'svc', '--tcp=80:8080', '--tcp=443:https'],
  ['svc', 'clusterip', 'headless', '--clusterip=None'],
  ['service', 'nodeport', 'np', '--tcp=80:8080', '--node-port=30080'],
  ['service', 'loadbalancer', 'lb', '--tcp=80', '-n', 'team-a'],
  ['service', 'externalname', 'ext', '--external-name=db.example.com'],
  ['job', 'j', '--image=busybox'],
  ['job', 'j', '--image=busybox', '--', 'echo', 'hi'],
  ['cronjob', 'cj', '--image=busybox', '--schedule=*/5 * * * *'],
  ['cj', 'cj', '--image=busybox', '--schedule=0 0 * * *', '--restart=Never', '--', 'date'],
  ['quota', 'q', '--hard=cpu=1,memory=1G,pods=2,requests.storage=1.5Gi', '--scopes=BestEffort,NotTerminating'],
  ['quota', 'q'],
  ['serviceaccount', 'bot'],
  ['sa', 'bot', '-n', 'team-a'],
  ['role', 'reader', '--verb=get,list,watch', '--resource=pods,deployments.apps,pods/log,rs', '--resource-name=a', '--resource-name=b'],
  ['role', 'all', '--verb=*', '--resource=*'],
  ['clusterrole', 'cr', '--verb=get', '--resource=nodes', '--non-resource-url=/healthz', '--non-resource-url=/metrics/*'],
  ['clusterrole', 'agg', '--aggregation-rule=rbac.example.com/aggregate-to-monitoring=true'],
  ['rolebinding', 'rb', '--role=reader', '--user=alice', '--group=devs', '--serviceaccount=team-a:bot'],
  ['rolebinding', 'rb', '--clusterrole=view'],
  ['clusterrolebinding', 'crb', '--clusterrole=view', '--user=alice'],
  ['ingress', 'ing', '--rule=foo.com/bar=svc1:8080,tls=foo-cert', '--rule=foo.com/*=svc2:http', '--rule=/api=api:80', '--class=nginx', '--annotation=a=b'],
  ['ingress', 'ing', '--default-backend=def:80'],
  ['poddisruptionbudget', 'p', '--selector=app=web', '--min-available=1'],
  ['pdb', 'p', '--selector=app=web,tier in (fe,be),!canary', '--max-unavailable=50%'],
  ['priorityclass', 'high', '--value=1000', '--description=important', '--global-default'],
  ['pc', 'low', '--value=-5', '--preemption-policy=Never'],
];

for (const args of CASES) {
  test(`create ${args.join(' ')}: -o json and -o yaml as kubectl prints them`, async () => {
    for (const o of ['json', 'yaml', 'name']) {
      const argv = withFlags(args, '--dry-run=client', '-o', o);
      const theirs = await fake.kubectl(argv);
      assert.equal(theirs.code, 0, theirs.stderr);
      const ours = h.run(argv);
      assert.equal(ours.stderr, theirs.stderr);
      assert.equal(ours.code, 0);
      if (o === 'yaml') assert.deepEqual(parse(ours.stdout), parse(theirs.stdout));
      else assert.equal(ours.stdout, theirs.stdout);
    }
    const plain = withFlags(args, '--dry-run=client');
    const theirs = await fake.kubectl(plain);
    assert.equal(h.run(plain).stdout, theirs.stdout);
  });
}

/** Mistakes: kubectl's stderr and exit code, byte for byte. */
const ERRORS: string[][] = [
  ['deployment', 'x'],
  ['deployment', '--image=nginx'],
  ['deployment', 'a', 'b', '--image=x'],
  ['deployment', 'a', '--image=x', '--image=y', '--', 'sleep'],
  ['configmap', 'c', `--from-env-file=${f('app.env')}`, '--from-literal=a=b'],
  ['configmap', 'c', '--from-literal=bad key=1'],
  ['configmap', 'c', '--from-literal=novalue'],
  ['configmap', 'c', '--from-literal=a=1', '--from-literal=a=2'],
  ['configmap', 'c', `--from-file=${f('nope')}`],
  ['configmap', 'c', `--from-file=k=${f('conf')}`],
  ['configmap', 'c', `--from-env-file=${f('conf')}`],
  ['secret', 'generic', 's', '--from-literal=a'],
  ['secret', 'generic', 's', `--from-file==${f('app.env')}`],
  ['secret', 'tls', 't', `--cert=${f('tls.crt')}`],
  ['secret', 'tls', 't', `--cert=${f('nope.crt')}`, `--key=${f('tls.key')}`],
  ['secret', 'tls', 't', `--cert=${f('tls.crt')}`, `--key=${f('other.key')}`],
  ['secret', 'tls', 't', `--cert=${f('app.env')}`, `--key=${f('tls.key')}`],
  ['secret', 'docker-registry', 'd', '--docker-username=u'],
  ['secret'],
  ['secret', 'bogus'],
  ['service'],
  ['bogus'],
  ['service', 'clusterip', 's'],
  ['service', 'clusterip', 's', '--tcp=abc'],
  ['service', 'clusterip', 's', '--tcp=80:0'],
  ['service', 'clusterip', 's', '--tcp=80:Bad_Name'],
  ['service', 'externalname', 's'],
  ['service', 'externalname', 's', '--external-name=Bad_Name'],
  ['job', 'j'],
  ['job', 'j', '--image=x', '--from=cronjob/c'],
  ['quota', 'q', '--hard=cpu'],
  ['quota', 'q', '--hard=cpu=abc'],
  ['quota', 'q', '--hard=cpu=1Qi'],
  ['quota', 'q', '--scopes=a,,b'],
  ['role', 'r', '--verb=get'],
  ['role', 'r', '--resource=pods'],
  ['role', 'r', '--verb=get', '--resource=foo'],
  ['role', 'r', '--verb=get,use', '--resource=pods'],
  ['role', 'r', '--verb=get,bogus', '--resource=.apps'],
  ['clusterrole', 'c', '--verb=get'],
  ['clusterrole', 'c', '--verb=get', '--non-resource-url=healthz'],
  ['clusterrole', 'c', '--verb=list', '--non-resource-url=/healthz'],
  ['clusterrole', 'c', '--aggregation-rule=a=b', '--verb=get'],
  ['clusterrole', 'c', '--aggregation-rule=a'],
  ['rolebinding', 'rb'],
  ['rolebinding', 'rb', '--role=r', '--clusterrole=c'],
  ['rolebinding', 'rb', '--role=r', '--serviceaccount=bad'],
  ['clusterrolebinding', 'crb'],
  ['ingress', 'i'],
  ['ingress', 'i', '--rule=bad'],
  ['ingress', 'i', '--default-backend=svc'],
  ['ingress', 'i', '--rule=/a=b:80', '--annotation=noeq'],
  ['pdb', 'p'],
  ['pdb', 'p', '--selector=a=b'],
  ['pdb', 'p', '--selector=a=b', '--min-available=1', '--max-unavailable=1'],
  ['pdb', 'p', '--selector=a=b', '--min-available=x'],
  ['pdb', 'p', '--selector=a!=b', '--min-available=1'],
  ['priorityclass'],
  ['token', 'bot', '--duration=1.5s'],
  ['token', 'bot', '--bound-object-name=x'],
  ['token', 'bot', '--bound-object-kind=Deployment', '--bound-object-name=x'],
];

for (const args of ERRORS) {
  test(`create ${args.join(' ')}: kubectl's error`, async () => {
    const argv = ['create', ...args, ...(args[0] === 'token' ? [] : ['--dry-run=client'])];
    const theirs = await fake.kubectl(argv);
    const ours = h.run(argv);
    assert.equal(ours.stderr, theirs.stderr);
    assert.equal(ours.stdout, theirs.stdout);
    assert.equal(ours.code, theirs.code);
  });
}
