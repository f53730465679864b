/**
 * A stream of JSON values read as Go's json.Decoder reads them (kubectl's reader for input that starts
 * with "{"): one value after another, with encoding/json's syntax error texts and byte offsets
 * ("json: offset 36: invalid character '}' looking for beginning of object key string").
 */

export interface JsonStream {
  /** The text of each complete value, in order. */
  values: string[];
  /** The error that stopped the stream, as kubectl prints it after "error parsing <file>: ". */
  error?: string;
}

class SyntaxErr extends Error {}
class Eof extends Error {}

/** strconv.Quote of a byte taken as a rune, in single quotes (encoding/json's quoteChar). */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return '\'"\'';
  const ch = String.fromCharCode(c);
  let q: string;
  if (c === 0x5c) q = '\\\\';
  else if (c === 0x07) q = '\\a';
  else if (c === 0x08) q = '\\b';
  else if (c === 0x0c) q = '\\f';
  else if (c === 0x0a) q = '\\n';
  else if (c === 0x0d) q = '\\r';
  else if (c === 0x09) q = '\\t';
  else if (c === 0x0b) q = '\\v';
  else if (c < 0x20 || c === 0x7f) q = '\\x' + c.toString(16).padStart(2, '0');
  else if (c >= 0x80 && c < 0xa0) q = '\\u00' + c.toString(16).padStart(2, '0');
  else q = ch;
  return `'${q}'`;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

class Reader {
  pos = 0;
  constructor(readonly b: Buffer) {}

  /** The next byte, or throws Eof. Offsets count the bytes read so far, as the scanner does. */
  next(): number {
    if (this.pos >= this.b.length) throw new Eof();
    return this.b[this.pos++];
  }

  peek(): number | undefined {
    return this.pos < this.b.length ? this.b[this.pos] : undefined;
  }

  fail(c: number, context: string): never {
    throw new SyntaxErr(`json: offset ${this.pos}: invalid character ${quoteChar(c)} ${context}`);
  }

  skipSpace(): number {
    for (;;) {
      const c = this.next();
      if (!isSpace(c)) return c;
    }
  }

  value(first: number): void {
    const c = first;
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === 0x22) return this.string();
    if (c === 0x2d || isDigit(c)) return this.number(c);
    if (c === 0x74) return this.literal('true');
    if (c === 0x66) return this.literal('false');
    if (c === 0x6e) return this.literal('null');
    this.fail(c, 'looking for beginning of value');
  }

  object(): void {
    let c = this.skipSpace();
    if (c === 0x7d) return;
    for (;;) {
      if (c !== 0x22) this.fail(c, 'looking for beginning of object key string');
      this.string();
      c = this.skipSpace();
      if (c !== 0x3a) this.fail(c, 'after object key');
      this.value(this.skipSpace());
      c = this.skipSpace();
      if (c === 0x7d) return;
      if (c !== 0x2c) this.fail(c, 'after object key:value pair');
      c = this.skipSpace();
    }
  }

  array(): void {
    let c = this.skipSpace();
    if (c === 0x5d) return;
    for (;;) {
      this.value(c);
      c = this.skipSpace();
      if (c === 0x5d) return;
      if (c !== 0x2c) this.fail(c, 'after array element');
      c = this.skipSpace();
    }
  }

  string(): void {
    for (;;) {
      const c = this.next();
      if (c === 0x22) return;
      if (c === 0x5c) {
        const e = this.next();
        if ('"\\/bfnrt'.includes(String.fromCharCode(e))) continue;
        if (e !== 0x75) this.fail(e, 'in string escape code');
        for (let i = 0; i < 4; i++) {
          const h = this.next();
          if (!isHex(h)) this.fail(h, 'in \\u hexadecimal character escape');
        }
        continue;
      }
      if (c < 0x20) this.fail(c, 'in string literal');
    }
  }

  /** Numbers end at the first byte that cannot continue them; that byte is left for the caller. */
  number(first: number): void {
    let c = first;
    if (c === 0x2d) {
      c = this.next();
      if (!isDigit(c)) this.fail(c, 'in numeric literal');
    }
    if (c !== 0x30) while (this.peek() !== undefined && isDigit(this.peek()!)) this.pos++;
    if (this.peek() === 0x2e) {
      this.pos++;
      const d = this.next();
      if (!isDigit(d)) this.fail(d, 'after decimal point in numeric literal');
      while (this.peek() !== undefined && isDigit(this.peek()!)) this.pos++;
    }
    const e = this.peek();
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      let d = this.next();
      if (d === 0x2b || d === 0x2d) d = this.next();
      if (!isDigit(d)) this.fail(d, 'in exponent of numeric literal');
      while (this.peek() !== undefined && isDigit(this.peek()!)) this.pos++;
    }
  }

  literal(word: string): void {
    for (let i = 1; i < word.length; i++) {
      const c = this.next();
      if (c !== word.charCodeAt(i)) this.fail(c, `in literal ${word} (expecting ${quoteChar(word.charCodeAt(i))})`);
    }
  }
}

/** Reads every value of a JSON stream; stops at the first error. */
export function readJsonStream(text: string): JsonStream {
  const r = new Reader(Buffer.from(text, 'utf8'));
  const values: string[] = [];
  for (;;) {
    while (r.peek() !== undefined && isSpace(r.peek()!)) r.pos++;
    if (r.peek() === undefined) return { values };
    const start = r.pos;
    try {
      r.value(r.next());
    } catch (e) {
      if (e instanceof SyntaxErr) return { values, error: e.message };
      if (e instanceof Eof) return { values, error: 'unexpected EOF' };
      throw e;
    }
    values.push(r.b.subarray(start, r.pos).toString('utf8'));
  }
}
