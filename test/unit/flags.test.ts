import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFlags, nonFlagWords, UsageError, type FlagSpec } from '../../src/cli/flags.js';

const specs: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', usage: '' },
  { name: 'all-namespaces', short: 'A', type: 'bool', usage: '' },
  { name: 'replicas', type: 'int', usage: '' },
  { name: 'interactive', short: 'i', type: 'bool', usage: '' },
  { name: 'tty', short: 't', type: 'bool', usage: '' },
  { name: 'filename', short: 'f', type: 'stringSlice', usage: '' },
  { name: 'env', type: 'stringArray', usage: '' },
  { name: 'dry-run', type: 'string', default: 'none', noOptDefault: 'unchanged', usage: '' },
];

test('long and short forms, interspersed with arguments', () => {
  const p = parseFlags(['pods', '-n', 'kube-system', 'x', '--replicas=3', '-A'], specs);
  assert.deepEqual(p.args, ['pods', 'x']);
  assert.equal(p.values.namespace, 'kube-system');
  assert.equal(p.values.replicas, 3);
  assert.equal(p.values['all-namespaces'], true);
  assert.ok(p.changed.has('namespace'));
});

test('-nvalue, -n=value, --flag value, clustered booleans', () => {
  assert.equal(parseFlags(['-nfoo'], specs).values.namespace, 'foo');
  assert.equal(parseFlags(['-n=foo'], specs).values.namespace, 'foo');
  assert.equal(parseFlags(['--namespace', 'foo'], specs).values.namespace, 'foo');
  const p = parseFlags(['-it'], specs);
  assert.equal(p.values.interactive, true);
  assert.equal(p.values.tty, true);
});

test('slices split on commas and accumulate; arrays do not split', () => {
  const p = parseFlags(['-f', 'a.yaml,b.yaml', '-f', 'c.yaml', '--env', 'A=1,2'], specs);
  assert.deepEqual(p.values.filename, ['a.yaml', 'b.yaml', 'c.yaml']);
  assert.deepEqual(p.values.env, ['A=1,2']);
});

test('NoOptDefVal: --dry-run alone, --dry-run=client', () => {
  assert.equal(parseFlags(['--dry-run'], specs).values['dry-run'], 'unchanged');
  assert.equal(parseFlags(['--dry-run=client'], specs).values['dry-run'], 'client');
  assert.equal(parseFlags([], specs).values['dry-run'], 'none');
});

test('everything after -- is an argument', () => {
  const p = parseFlags(['pod', '--', 'sh', '-c', 'echo hi'], specs);
  assert.deepEqual(p.args, ['pod', 'sh', '-c', 'echo hi']);
  assert.deepEqual(p.dashArgs, ['sh', '-c', 'echo hi']);
});

test("pflag's error texts", () => {
  assert.throws(() => parseFlags(['--nope'], specs), (e) => e instanceof UsageError && e.message === 'unknown flag: --nope');
  assert.throws(() => parseFlags(['-q'], specs), (e) => e instanceof UsageError && e.message === "unknown shorthand flag: 'q' in -q");
  assert.throws(() => parseFlags(['-n'], specs), (e) => e instanceof UsageError && e.message === "flag needs an argument: 'n' in -n");
  assert.throws(() => parseFlags(['--namespace'], specs), (e) => e instanceof UsageError && e.message === 'flag needs an argument: --namespace');
  assert.throws(
    () => parseFlags(['--replicas=abc'], specs),
    (e) => e instanceof UsageError && e.message === 'invalid argument "abc" for "--replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax',
  );
  assert.throws(
    () => parseFlags(['-A=maybe'], specs),
    (e) => e instanceof UsageError && e.message === 'invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax',
  );
});

test('nonFlagWords skips the values of flags that take one', () => {
  assert.deepEqual(nonFlagWords(['-n', 'foo', 'get', 'pods', '-A'], specs), ['get', 'pods']);
  assert.deepEqual(nonFlagWords(['--namespace=foo', 'create', 'deployment'], specs), ['create', 'deployment']);
});
