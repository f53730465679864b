import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLabelSelector, matchesLabels, SelectorParseError } from '../../src/api/selectors.js';

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
});

test('numeric comparisons', () => {
  assert.ok(m('n>3', { n: '5' }));
  assert.ok(!m('n<3', { n: '5' }));
});

test('parse errors', () => {
  assert.throws(() => parseLabelSelector('app in photo'), SelectorParseError);
  assert.throws(() => parseLabelSelector('a=b c'), SelectorParseError);
});
