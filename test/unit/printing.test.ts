import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TabWriter, GET_TABWRITER } from '../../src/printers/tabwriter.js';
import { humanDuration } from '../../src/printers/duration.js';

test('tabwriter: width = max(6, cell + 3), last cell unpadded', () => {
  const out = new TabWriter(GET_TABWRITER).format('NAME\tREADY\tSTATUS\nnginx-abc\t1/1\tRunning\n');
  assert.equal(out, 'NAME        READY   STATUS\nnginx-abc   1/1     Running\n');
});

test('tabwriter: an empty trailing cell leaves the padding of the cell before it', () => {
  const out = new TabWriter(GET_TABWRITER).format('NAME\tARCH\nx\t\n');
  assert.equal(out, 'NAME   ARCH\nx      \n');
});

test('tabwriter: remembered widths only grow', () => {
  const w = new TabWriter({ ...GET_TABWRITER, rememberWidths: true });
  assert.equal(w.format('NAME\tSTATUS\nlongername\tRunning\n'), 'NAME         STATUS\nlongername   Running\n');
  assert.equal(w.format('x\tPending\n'), 'x            Pending\n');
});

test('HumanDuration cases', () => {
  const s = 1000;
  const cases: [number, string][] = [
    [-5 * s, '<invalid>'],
    [-0.5 * s, '0s'],
    [0, '0s'],
    [90 * s, '90s'],
    [119 * s, '119s'],
    [123 * s, '2m3s'],
    [300 * s, '5m'],
    [305 * s, '5m5s'],
    [600 * s, '10m'],
    [61 * 60 * s, '61m'],
    [179 * 60 * s, '179m'],
    [185 * 60 * s, '3h5m'],
    [8 * 3600 * s, '8h'],
    [47 * 3600 * s, '47h'],
    [(2 * 24 + 23) * 3600 * s, '2d23h'],
    [10 * 24 * 3600 * s, '10d'],
    [800 * 24 * 3600 * s, '2y70d'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `${ms}`);
});
