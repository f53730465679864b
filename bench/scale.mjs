#!/usr/bin/env node
// kubemu's scale bench (issue 7): a 100-node instant cluster, a 5,000-replica Deployment, 10,000 pods
// in the state, selector reads, a big delete, peak memory and an idle watch. Prints each figure with
// its budget; exits 1 if one is missed.
//
//   node bench/scale.mjs [--nodes 100] [--replicas 5000]
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, statSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import chalk from 'chalk';
import Table from 'cli-table3';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'kubemu');
const args = process.argv.slice(2);
const opt = (name, def) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : def);
const nodes = opt('--nodes', 100);
const replicas = opt('--replicas', 5000);

const home = mkdtempSync(join(tmpdir(), 'kubemu-scale-'));
const env = { ...process.env, KUBEMU_HOME: home, KUBEMU_SEED: 'scale', KUBEMU_PROFILE: 'instant' };
delete env.KUBEMU_NOW;

/** Runs kubemu under /usr/bin/time -v: wall ms, peak RSS in MB, stdout. */
function kubemu(argv, input) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', process.execPath, bin, ...argv], { env, input, maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const err = r.stderr.toString();
  const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(err)?.[1] ?? 0) / 1024;
  if (r.status !== 0) throw new Error(`kubemu ${argv.join(' ')} failed (${r.status}): ${err.slice(0, 2000)}`);
  return { ms, rss, out: r.stdout.toString() };
}

const deployment = (name, n) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${n}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: c, image: registry.example.com/app:1, resources: {requests: {cpu: 1m, memory: 1Mi}}}]
`;
const file = (name, n) => {
  const f = join(home, `${name}.yaml`);
  writeFileSync(f, deployment(name, n));
  return f;
};
const running = (out) => out.split('\n').filter((l) => / Running /.test(l)).length;

const rows = [];
let peak = 0;
const record = (figure, value, unit, budget, ok) => rows.push({ figure, value, unit, budget, ok });
const step = (argv, input) => {
  const r = kubemu(argv, input);
  peak = Math.max(peak, r.rss);
  return r;
};

step(['cluster', 'create', 'scale', `--nodes=${nodes}`, '--instant']);
const big = step(['apply', '-f', file('big', replicas)]);
const afterBig = step(['get', 'pods', '--no-headers', '-l', 'app=big']);
record(`apply ${replicas} replicas on ${nodes} nodes, settled`, big.ms, 'ms', '< 3000 ms', big.ms < 3000 && running(afterBig.out) === replicas);
record('  pods Running after apply', running(afterBig.out), '', `= ${replicas}`, running(afterBig.out) === replicas);
step(['apply', '-f', file('other', replicas - 100)]);
step(['apply', '-f', file('x', 100)]);
const all = step(['get', 'pods']);
const count = all.out.split('\n').length - 2;
record(`get pods (${count} pods)`, all.ms, 'ms', '< 500 ms', all.ms < 500);
const sel = step(['get', 'pods', '-l', 'app=x']);
record('get pods -l app=x (100 matches)', sel.ms, 'ms', '< 300 ms', sel.ms < 300 && sel.out.split('\n').length - 2 === 100);
const del = step(['delete', 'deployment', 'big']);
const left = step(['get', 'pods', '--no-headers', '-l', 'app=big']).out.trim();
record(`delete deployment of ${replicas}`, del.ms, 'ms', '< 3000 ms', del.ms < 3000 && left === '');
record('peak RSS of any command', peak, 'MB', '< 300 MB', peak < 300);
const stateDir = join(home, 'clusters', 'scale.d');
const size = (statSync(join(home, 'clusters', 'scale.json')).size + readdirSync(stateDir).reduce((n, f) => n + statSync(join(stateDir, f)).size, 0)) / 1e6;
record('state file after the delete', size, 'MB', 'informational', true);

// An idle watch: CPU used over 5 s.
const w = spawn(process.execPath, [bin, 'get', 'pods', '-w', '-l', 'app=x'], { env, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 1500));
const ticks = () => {
  const f = readFileSync(`/proc/${w.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]);
};
const c0 = ticks();
await new Promise((r) => setTimeout(r, 5000));
const cpu = ((ticks() - c0) / 100 / 5) * 100;
w.kill();
await new Promise((r) => w.on('exit', r));
record('idle get pods -w, CPU', cpu, '%', '< 5%', cpu < 5);
rmSync(home, { recursive: true, force: true });

const t = new Table({ head: ['figure', 'value', 'budget', ''] });
for (const r of rows) t.push([r.figure, `${r.value.toFixed(r.unit === 'MB' ? 1 : 0)}${r.unit ? ' ' + r.unit : ''}`, r.budget, r.ok ? chalk.green('ok') : chalk.red('over')]);
console.log(`kubemu scale bench: ${nodes} nodes, ${replicas} replicas (${cpus()[0]?.model.split(' ').slice(0, 2).join(' ')} x${cpus().length}, node ${process.version})`);
console.log(t.toString());
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
