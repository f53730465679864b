#!/usr/bin/env node
// kubemu's start-up bench: median wall time of typical commands against a bare `node -e 0`,
// run interleaved in one process so that machine noise hits both alike. Prints each figure with
// its budget and exits 1 if a budget is missed.
//
//   node bench/run.mjs [--runs N] [--json]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import chalk from 'chalk';
import Table from 'cli-table3';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'kubemu');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 30;
const asJson = args.includes('--json');

const home = mkdtempSync(join(tmpdir(), 'kubemu-bench-'));
const env = { ...process.env, KUBEMU_HOME: home, KUBEMU_SEED: 'bench' };
delete env.KUBEMU_NOW;

function time(cmd, argv, e = env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { env: e, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return ms;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// First command on an empty KUBEMU_HOME: the default cluster is created.
const firsts = [];
for (let i = 0; i < Math.min(runs, 10); i++) {
  const h = mkdtempSync(join(tmpdir(), 'kubemu-bench-first-'));
  firsts.push(time(process.execPath, [bin, 'get', 'pods'], { ...env, KUBEMU_HOME: h }));
  rmSync(h, { recursive: true, force: true });
}

// Warm the default cluster, then interleave.
time(process.execPath, [bin, 'get', 'pods']);
const cases = [
  { name: 'get pods', argv: [bin, 'get', 'pods'], budget: 1.5 },
  { name: 'get pods -A', argv: [bin, 'get', 'pods', '-A'], budget: 1.5 },
  { name: 'version --client', argv: [bin, 'version', '--client'], budget: 1.2 },
  { name: '--help', argv: [bin, '--help'], budget: 1.2 },
];
const samples = { base: [], ...Object.fromEntries(cases.map((c) => [c.name, []])) };
for (let i = 0; i < runs; i++) {
  samples.base.push(time(process.execPath, ['-e', '0']));
  for (const c of cases) samples[c.name].push(time(process.execPath, c.argv));
}
rmSync(home, { recursive: true, force: true });

const base = median(samples.base);
const rows = [];
let ok = true;
for (const c of cases) {
  const m = median(samples[c.name]);
  const ratio = m / base;
  const pass = ratio <= c.budget;
  ok &&= pass;
  rows.push({ figure: c.name, median_ms: +m.toFixed(1), ratio: +ratio.toFixed(2), budget: `≤ ${c.budget}x node -e 0`, pass });
}
const first = median(firsts);
rows.push({ figure: 'first command (cluster created)', median_ms: +first.toFixed(1), ratio: null, budget: '< 300 ms', pass: first < 300 });
ok &&= first < 300;

if (asJson) {
  console.log(JSON.stringify({ node_e0_ms: +base.toFixed(1), runs, cpus: cpus().length, rows }, null, 2));
} else {
  console.log(`node -e 0 median: ${base.toFixed(1)} ms over ${runs} interleaved runs (${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, node ${process.version})`);
  const t = new Table({ head: ['figure', 'median ms', 'ratio', 'budget', ''] });
  for (const r of rows) t.push([r.figure, r.median_ms, r.ratio ?? '', r.budget, r.pass ? chalk.green('ok') : chalk.red('over')]);
  console.log(t.toString());
}
process.exit(ok ? 0 : 1);
