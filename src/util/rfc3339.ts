/**
 * Go's time.Parse(time.RFC3339, s) as kubectl uses it for --since-time: the instant (ms since the
 * epoch), or an Error carrying Go's ParseError text ("parsing time \"x\" as \"2006-01-02T15:04:05Z07:00\":
 * cannot parse \"x\" as \"2006\"", "parsing time \"...\": month out of range", extra text, ...).
 */
const LAYOUT = '2006-01-02T15:04:05Z07:00';

const quote = (s: string) => JSON.stringify(s);

const fail = (value: string, elemValue: string, elemLayout: string) =>
  new Error(`parsing time ${quote(value)} as ${quote(LAYOUT)}: cannot parse ${quote(elemValue)} as ${quote(elemLayout)}`);
const failMsg = (value: string, message: string) => new Error(`parsing time ${quote(value)}${message}`);

const isDigit = (s: string, i: number) => i < s.length && s[i] >= '0' && s[i] <= '9';

/** Go's getnum: one or two digits (exactly two when fixed). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

const daysIn = (month: number, year: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function parseRFC3339(input: string): number {
  let value = input;
  const skip = (prefix: string) => {
    if (!value.startsWith(prefix)) throw fail(input, value, prefix);
    value = value.slice(prefix.length);
  };
  if (!/^\d{4}/.test(value)) throw fail(input, value, '2006');
  const year = Number(value.slice(0, 4));
  value = value.slice(4);
  const two = (std: string, fixed: boolean, range: string, ok: (n: number) => boolean): number => {
    const r = getnum(value, fixed);
    if (!r) throw fail(input, value, std);
    value = r[1];
    if (!ok(r[0])) throw failMsg(input, `: ${range} out of range`);
    return r[0];
  };
  skip('-');
  const month = two('01', true, 'month', (n) => n >= 1 && n <= 12);
  skip('-');
  const day = two('02', true, 'day', (n) => n <= 31);
  skip('T');
  const hour = two('15', false, 'hour', (n) => n < 24);
  skip(':');
  const minute = two('04', true, 'minute', (n) => n < 60);
  skip(':');
  const second = two('05', true, 'second', (n) => n < 60);
  // A fractional second is accepted although the layout has none.
  let frac = 0;
  if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigit(value, 1)) {
    let n = 2;
    while (isDigit(value, n)) n++;
    frac = Number(`0.${value.slice(1, n)}`);
    value = value.slice(n);
  }
  let offsetMin = 0;
  if (value.startsWith('Z')) value = value.slice(1);
  else {
    if (value.length < 6 || value[3] !== ':' || (value[0] !== '+' && value[0] !== '-')) throw fail(input, value, 'Z07:00');
    const hh = getnum(value.slice(1, 3), true);
    const mm = getnum(value.slice(4, 6), true);
    if (!hh || !mm) throw fail(input, value, 'Z07:00');
    if (hh[0] > 24) throw failMsg(input, ': time zone offset hour out of range');
    if (mm[0] > 60) throw failMsg(input, ': time zone offset minute out of range');
    offsetMin = (value[0] === '-' ? -1 : 1) * (hh[0] * 60 + mm[0]);
    value = value.slice(6);
  }
  if (value.length) throw failMsg(input, `: extra text: ${quote(value)}`);
  if (day < 1 || day > daysIn(month, year)) throw failMsg(input, ': day out of range');
  return Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(frac * 1000) - offsetMin * 60_000;
}
