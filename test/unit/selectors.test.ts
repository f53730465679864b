import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLabelSelector, matchesLabels, parseFieldSelector, SelectorParseError } from '../../src/api/selectors.js';

const m = (sel: string, labels: Record<string, string>) => matchesLabels(parseLabelSelector(sel), labels);

test('equality, inequality, sets, existence', () => {
  const l = { app: 'photo-view', env: 'test' };
  assert.ok(m('app=photo-view,env=test', l));
  assert.ok(m('app==photo-view', l));
  assert.ok(!m('app!=photo-view', l));
  assert.ok(m('tier!=x', l), '!= matches an absent key');
  assert.ok(m('app in (photo-view,imagetrain)', l));
  assert.ok(!m('app notin (photo-view)', l));
  assert.ok(m('tier notin (x)', l));
  assert.ok(m('env', l));
  assert.ok(m('!tier', l));
  assert.ok(!m('!env', l));
  assert.ok(m('  app in ( photo-view ) ', l));
  assert.ok(m('in in (in,notin)', { in: 'notin' }), 'keywords are identifiers where values go');
  assert.ok(m('x in ()', { x: '' }));
});

test('numeric comparisons', () => {
  assert.ok(m('n>3', { n: '5' }));
  assert.ok(!m('n<3', { n: '5' }));
});

// The API server's labels.Parse messages (apimachinery pkg/labels/selector.go).
test('label selector parse errors', () => {
  const QN = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
  const cases: [string, string][] = [
    ['app in photo', "unable to parse requirement: found 'photo' expected: '('"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['a,', "found '', expected: identifier after ','"],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    ['a in (b c)', "unable to parse requirement: found 'c', expected: ',' or ')'"],
    ['a in (b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in', "unable to parse requirement: found '' expected: '('"],
    ['a>x', `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['a@b=c', `unable to parse requirement: : Invalid value: "a@b": name part ${QN}`],
    ['/a', 'unable to parse requirement: : Invalid value: "/a": prefix part must be non-empty'],
    ['a/b/c', `unable to parse requirement: : Invalid value: "a/b/c": a qualified name ${QN} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    [
      'a=b@c',
      `unable to parse requirement: values[0][a]: Invalid value: "b@c": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
  ];
  for (const [sel, msg] of cases) {
    assert.throws(() => parseLabelSelector(sel), (e: Error) => e instanceof SelectorParseError && e.message === msg, sel);
  }
});

test('field selectors: terms, escapes and errors', () => {
  assert.deepEqual(parseFieldSelector('status.phase!=Running,spec.nodeName==n1'), [
    { field: 'spec.nodeName', op: '=', value: 'n1' },
    { field: 'status.phase', op: '!=', value: 'Running' },
  ]);
  assert.deepEqual(parseFieldSelector('metadata.name=a\\,b'), [{ field: 'metadata.name', op: '=', value: 'a,b' }]);
  assert.throws(() => parseFieldSelector('spec.nodeName=a,b'), /^Error: invalid selector: 'spec.nodeName=a,b'; can't understand 'b'$/);
  assert.throws(() => parseFieldSelector('a=b=c'), /^Error: invalid field selector: unescaped character in value: 61$/);
  assert.throws(() => parseFieldSelector('a=b\\x'), /^Error: invalid field selector: invalid escape sequence: \\x$/);
});
