/**
 * Buckets: the keyed collections a document is split into (for a cluster, one per resource). A bucket
 * read from its own file is a plain object whose records stay JSON text until first read: each is an
 * accessor that parses its text once and turns into a plain data property. Listing keys parses
 * nothing; reading a hundred pods of ten thousand parses a hundred.
 *
 * Each record may carry a small index value (for objects, their labels), written next to it and readable
 * without parsing the record, so selectors can skip records they do not match.
 *
 * A bucket file is a log: a header line, then one line per record version. A later line for a key
 * replaces the earlier one (keeping the key's place); a line with no record text deletes the key. A
 * write appends the lines of what changed; when the file holds much more than the live records, it is
 * written again compacted.
 *   {"kubemu":"bucket","name":NAME}
 *   JSON(key) TAB index-json-or-empty TAB record-json-or-empty
 * JSON text holds no raw tab or newline, so the separators are unambiguous.
 */

/**
 * Extracts a record's index value (JSON-able; undefined for none). `version` changes whenever what it
 * extracts changes: a file written with another version has its indexes ignored (and rewritten).
 */
export interface Indexer {
  version: number;
  index(bucket: string, record: unknown): unknown;
}

interface Raw {
  idx: string;
  text: string;
  /** The key's place in the bucket. */
  ord: number;
}

interface Loaded {
  /** The bucket's name (its file stem). */
  name: string;
  /** key → the record's index text and JSON text, as loaded (live records only, in bucket order). */
  raw: Map<string, Raw>;
  /** Record lines in the file (replaced and deleted ones included): how much compaction would save. */
  lines: number;
  /** The file's index values were made by another indexer version: not to be used, nor kept. */
  staleIndex: boolean;
  /** The file is ASCII (its lines can be written again as they are into an ASCII file). */
  ascii: boolean;
}

const loaded = new WeakMap<object, Loaded>();

export class BucketFormatError extends Error {}

const HEADER = '{"kubemu":"bucket"';

/**
 * The header line. Files are ASCII (characters beyond it are written as JSON \u escapes), which the
 * header says, so that a reader can decode them as Latin-1: twice as fast as UTF-8 for tens of MB.
 */
export const bucketHeader = (name: string, indexVersion = 0) => `{"kubemu":"bucket","name":${JSON.stringify(name)},"index":${indexVersion},"ascii":true}\n`;

/** Whether a bucket file's text (its first line) says the file is ASCII. */
export function isAsciiBucket(headerLine: string): boolean {
  return headerLine.startsWith(HEADER) && headerLine.includes('"ascii":true}');
}

const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_ALL = /[^\x00-\x7f]/g;

/** JSON text with every character beyond ASCII written as a \u escape (JSON.parse reads it back the same). */
function asciiJson(s: string): string {
  return NON_ASCII.test(s) ? s.replace(NON_ASCII_ALL, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) : s;
}

/** Parses a bucket file into a lazy bucket. */
export function parseBucket(name: string, text: string, indexVersion = 0): Record<string, unknown> {
  const nl = text.indexOf('\n');
  if (!text.startsWith(HEADER) || nl < 0) throw new BucketFormatError('not a kubemu bucket file');
  let header: { name?: string; index?: number };
  try {
    header = JSON.parse(text.slice(0, nl));
  } catch (e) {
    throw new BucketFormatError(`bad header (${(e as Error).message})`);
  }
  if (header.name !== name) throw new BucketFormatError(`holds bucket ${JSON.stringify(header.name)}, expected ${JSON.stringify(name)}`);
  const raw = new Map<string, Raw>();
  let lines = 0;
  let pos = nl + 1;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) throw new BucketFormatError(`the last record is cut short at byte ${pos}`);
    const t1 = text.indexOf('\t', pos);
    const t2 = t1 < 0 ? -1 : text.indexOf('\t', t1 + 1);
    if (t1 < 0 || t2 < 0 || t2 > end) throw new BucketFormatError(`malformed record at byte ${pos}`);
    let key: string;
    try {
      key = JSON.parse(text.slice(pos, t1));
    } catch (e) {
      throw new BucketFormatError(`malformed key at byte ${pos} (${(e as Error).message})`);
    }
    if (t2 + 1 === end) raw.delete(key);
    else {
      const prev = raw.get(key);
      if (prev) {
        prev.idx = text.slice(t1 + 1, t2);
        prev.text = text.slice(t2 + 1, end);
      } else raw.set(key, { idx: text.slice(t1 + 1, t2), text: text.slice(t2 + 1, end), ord: 0 });
    }
    lines++;
    pos = end + 1;
  }
  const bucket: Record<string, unknown> = {};
  for (const key of raw.keys()) defineLazy(bucket, key, raw);
  // Places as the object orders its keys (integer-like keys first, as JavaScript does).
  let ord = 0;
  for (const key of Object.keys(bucket)) raw.get(key)!.ord = ord++;
  loaded.set(bucket, { name, raw, lines, staleIndex: header.index !== indexVersion, ascii: isAsciiBucket(text.slice(0, nl)) });
  return bucket;
}

function defineLazy(bucket: Record<string, unknown>, key: string, raw: Map<string, Raw>): void {
  Object.defineProperty(bucket, key, {
    enumerable: true,
    configurable: true,
    get() {
      const r = raw.get(key)!;
      let value: unknown;
      try {
        value = JSON.parse(r.text);
      } catch (e) {
        throw new BucketFormatError(`record ${JSON.stringify(key)} is not valid JSON (${(e as Error).message})`);
      }
      Object.defineProperty(bucket, key, { value, writable: true, enumerable: true, configurable: true });
      return value;
    },
    set(value: unknown) {
      Object.defineProperty(bucket, key, { value, writable: true, enumerable: true, configurable: true });
    },
  });
}

/** Whether the record is still unread JSON text. */
function isLazy(bucket: object, key: string): boolean {
  return Object.getOwnPropertyDescriptor(bucket, key)?.get !== undefined;
}

/**
 * A record's index text as stored ('' when it has none), while the record has not been read; undefined
 * once it has (its value may have changed) or when the bucket was not read from a file. Lets a caller
 * test a selector without parsing the record.
 */
export function storedIndex(bucket: object, key: string): string | undefined {
  const l = loaded.get(bucket);
  if (!l || l.staleIndex || !isLazy(bucket, key)) return undefined;
  return l.raw.get(key)?.idx;
}

/** Whether any record of a bucket read from a file was read, added, replaced or removed (cheap: parses nothing). */
export function touched(bucket: Record<string, unknown>): boolean {
  const l = loaded.get(bucket);
  if (!l) return true;
  const keys = Object.keys(bucket);
  if (keys.length !== l.raw.size) return true;
  for (const k of keys) if (!l.raw.has(k) || !isLazy(bucket, k)) return true;
  return false;
}

/** What a write does with a bucket's file: nothing, append lines, or write it whole (header line first). */
export type BucketWrite = { kind: 'same' } | { kind: 'append' | 'full'; lines: string[]; chars: number };

const line = (key: string, idx: string, text: string) => `${JSON.stringify(key)}\t${idx}\t${text}\n`;

/** A record's line from its value: ASCII, as the whole file is. */
function valueLineOf(name: string, key: string, value: unknown, indexer?: Indexer): string | undefined {
  const text = JSON.stringify(value);
  if (text === undefined) return undefined;
  const iv = indexer?.index(name, value);
  return asciiJson(line(key, iv === undefined ? '' : JSON.stringify(iv), text));
}

/** Lines for records put into a bucket without reading it (appended to its file), made as they are written. */
export function* recordLines(name: string, records: Map<string, unknown>, indexer?: Indexer): Generator<string> {
  for (const [key, value] of records) {
    const s = valueLineOf(name, key, value, indexer);
    if (s !== undefined) yield s;
  }
}

/**
 * How to bring the bucket's file up to date. A record that was read is written from its value (it may
 * have been changed in place) if its text differs from what was loaded. A bucket not read from a file,
 * one whose keys changed order (a key removed and added again) or whose file would hold more than twice
 * its live records is written whole; otherwise the changes are appended. Lines are returned apart (not
 * joined), so that the writer can stream them.
 */
export function serializeBucket(name: string, bucket: Record<string, unknown>, indexer?: Indexer): BucketWrite {
  const l = loaded.get(bucket);
  const keys = Object.keys(bucket);
  const valueLine = (key: string): string | undefined => valueLineOf(name, key, bucket[key], indexer);
  const result = (kind: 'append' | 'full', lines: string[]): BucketWrite => {
    let chars = 0;
    for (const x of lines) chars += x.length;
    return { kind, lines, chars };
  };
  const full = (): BucketWrite => {
    const lines = [bucketHeader(name, indexer?.version)];
    for (const key of keys) {
      const r = l?.raw.get(key);
      const s = r && !l!.staleIndex && isLazy(bucket, key) ? (l!.ascii ? line(key, r.idx, r.text) : asciiJson(line(key, r.idx, r.text))) : valueLine(key);
      if (s !== undefined) lines.push(s);
    }
    return result('full', lines);
  };
  if (!l || l.name !== name || l.staleIndex) return full();
  const changes: string[] = [];
  let lastOrd = -1;
  let present = 0;
  for (const key of keys) {
    const r = l.raw.get(key);
    if (r) {
      if (r.ord < lastOrd) return full();
      lastOrd = r.ord;
      present++;
      if (isLazy(bucket, key)) continue;
      const s = valueLine(key);
      if (s === undefined) return full();
      if (s !== line(key, r.idx, r.text)) changes.push(s);
    } else {
      const s = valueLine(key);
      if (s === undefined) return full();
      changes.push(s);
    }
  }
  if (present < l.raw.size) for (const key of l.raw.keys()) if (!Object.prototype.hasOwnProperty.call(bucket, key)) changes.push(line(key, '', ''));
  if (changes.length === 0) return { kind: 'same' };
  if (l.lines + changes.length > 2 * keys.length + 64) return full();
  return result('append', changes);
}
