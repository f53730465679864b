import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { collectIfBig } from '../util/gc.js';
import type { SyncAdapter } from 'lowdb';
import { AtomicJsonFile, StateFileError } from './store.js';
import { BucketFormatError, isAsciiBucket, parseBucket, recordLines, serializeBucket, touched, type Indexer } from './buckets.js';

/**
 * Where a document's buckets are: `containers` are objects whose every property is a bucket (a
 * cluster's `objects`: one bucket per resource); `buckets` are single buckets (its engine data).
 */
export interface Layout {
  containers: string[][];
  buckets: string[][];
}

/** A bucket this big (bytes of JSON) or bigger gets a file of its own; smaller ones stay in the head. */
export const OWN_FILE_BYTES = 256 * 1024;

/** Unread buckets by holder and property: the records put into them blind. */
const unread = new WeakMap<object, Map<string, Map<string, unknown>>>();

/**
 * Puts a record into a bucket without reading it when it has not been read yet (the record is appended
 * to its file at the next write; reading the bucket later includes it). For records whose key is known
 * to be new or whose stored version the caller has: a blind write cannot check what is there.
 */
export function putRecord(holder: Record<string, Record<string, unknown>>, prop: string, key: string, value: unknown): void {
  const puts = unread.get(holder)?.get(prop);
  if (puts && Object.getOwnPropertyDescriptor(holder, prop)?.get) {
    puts.set(key, value);
    return;
  }
  (holder[prop] ??= {})[key] = value;
}

/** The directory of a split document's bucket files: `<head without .json>.d`. */
export const bucketDir = (headPath: string): string => headPath.replace(/\.json$/, '') + '.d';

/**
 * How the head refers to a bucket kept in its own file: the file, and how many of its bytes are
 * committed (an append that did not reach the head's commit is ignored, and written over next time).
 */
interface FileRef {
  $file: string;
  $bytes: number;
}

const isRef = (v: unknown): v is FileRef =>
  typeof v === 'object' && v !== null && typeof (v as FileRef).$file === 'string' && typeof (v as FileRef).$bytes === 'number' && Object.keys(v).length === 2;

interface Slot {
  /** The object holding the bucket, and the bucket's property in it. */
  holder: Record<string, unknown>;
  prop: string;
  /** The bucket's name: its path joined with dots ("objects.pods", "engine.data"). */
  name: string;
}

/** Every bucket slot of a document under a layout (a container's slots in its property order). */
function slots(doc: Record<string, unknown>, layout: Layout): Slot[] {
  const out: Slot[] = [];
  const at = (path: string[]) => path.reduce<unknown>((o, p) => (o as Record<string, unknown> | undefined)?.[p], doc) as Record<string, unknown> | undefined;
  for (const path of layout.containers) {
    const c = at(path);
    if (c) for (const prop of Object.keys(c)) out.push({ holder: c, prop, name: [...path, prop].join('.') });
  }
  for (const path of layout.buckets) {
    const holder = at(path.slice(0, -1));
    if (holder && path[path.length - 1] in holder) out.push({ holder, prop: path[path.length - 1], name: path.join('.') });
  }
  return out;
}

/**
 * The cluster document split into a head and bucket files. The head (`<name>.json`) holds everything
 * but big buckets, which live in `<name>.d/<bucket>.<generation>.jsonl` and are read only when used.
 *
 * A write puts changed big buckets in new files named with the next generation (fsynced), then
 * replaces the head atomically: the head is the commit point, so a crash at any moment leaves a
 * consistent state (the previous head and the files it names). Files no head names are removed after.
 * Unchanged buckets are not written at all; unread records are written from their stored text.
 * Reading and writing happen under the store's lock.
 */
export class SplitJsonFile<T extends { format: number }> implements SyncAdapter<T> {
  private readonly head: AtomicJsonFile<T & { $gen?: number }>;
  private readonly dir: string;
  private gen = 0;
  /** Bucket name → the file the current head names for it. */
  private files = new Map<string, FileRef>();
  /** Bucket name → records put into it while it was unread (see putRecord). */
  private puts = new Map<string, Map<string, unknown>>();

  constructor(
    readonly path: string,
    private readonly resetHint: string,
    private readonly format: number,
    private readonly layout: Layout,
    private readonly indexer?: Indexer,
    /** See OWN_FILE_BYTES; a bucket with a file goes back into the head only below a quarter of it (no flapping). */
    private readonly ownFileBytes = OWN_FILE_BYTES,
  ) {
    this.head = new AtomicJsonFile(path, resetHint, format);
    this.dir = bucketDir(path);
  }

  read(): T | null {
    const doc = this.head.read();
    if (doc === null) return null;
    this.gen = doc.$gen ?? 0;
    delete doc.$gen;
    this.files = new Map();
    this.puts = new Map();
    for (const s of slots(doc as unknown as Record<string, unknown>, this.layout)) {
      const v = s.holder[s.prop];
      if (isRef(v)) this.defineLazyBucket(s, v);
    }
    return doc;
  }

  private defineLazyBucket(s: Slot, ref: FileRef): void {
    this.files.set(s.name, ref);
    const path = join(this.dir, ref.$file);
    let slots = unread.get(s.holder);
    if (!slots) unread.set(s.holder, (slots = new Map()));
    const puts = new Map<string, unknown>();
    this.puts.set(s.name, puts);
    slots.set(s.prop, puts);
    Object.defineProperty(s.holder, s.prop, {
      enumerable: true,
      configurable: true,
      get: () => {
        let bucket: Record<string, unknown>;
        try {
          bucket = parseBucket(s.name, readCommitted(path, ref.$bytes), this.indexer?.version);
        } catch (e) {
          const why = e instanceof BucketFormatError ? e.message : (e as Error).message;
          throw new StateFileError(path, `cannot read the cluster state file (${why})`, this.resetHint);
        }
        // Records put while the bucket was unread are part of it now.
        for (const [k, v] of puts) bucket[k] = v;
        puts.clear();
        slots.delete(s.prop);
        Object.defineProperty(s.holder, s.prop, { value: bucket, writable: true, enumerable: true, configurable: true });
        return bucket;
      },
      set: (value: unknown) => {
        Object.defineProperty(s.holder, s.prop, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }

  write(doc: T): void {
    // Above every generation on disk, so no file a head may name (even a leftover) is overwritten.
    const gen = Math.max(this.gen, this.highestOnDisk()) + 1;
    const refs = new Map<string, FileRef>();
    const head = copyAlong(doc as unknown as Record<string, unknown>, this.layout) as Record<string, unknown>;
    for (const s of slots(head, this.layout)) {
      const old = this.files.get(s.name);
      const desc = Object.getOwnPropertyDescriptor(s.holder, s.prop)!;
      const keepOld = () => {
        put(s.holder, s.prop, old);
        refs.set(s.name, old!);
      };
      if (desc.get && old) {
        // Never read: the file stays as it is, with the records put blind appended.
        const puts = this.puts.get(s.name);
        if (!puts?.size) keepOld();
        else {
          const ref = { $file: old.$file, $bytes: this.writeLines(old.$file, recordLines(s.name, puts, this.indexer), old.$bytes) };
          put(s.holder, s.prop, ref);
          refs.set(s.name, ref);
        }
        continue;
      }
      const bucket = s.holder[s.prop] as Record<string, unknown>;
      if (bucket === null || typeof bucket !== 'object') continue;
      if (old && !touched(bucket)) {
        keepOld();
        continue;
      }
      const w = serializeBucket(s.name, bucket, this.indexer);
      if (old && w.kind === 'same') {
        keepOld();
        continue;
      }
      if (old && w.kind === 'append') {
        const ref = { $file: old.$file, $bytes: this.writeLines(old.$file, w.lines, old.$bytes) };
        put(s.holder, s.prop, ref);
        refs.set(s.name, ref);
        continue;
      }
      if (w.kind === 'full' && w.chars >= (old ? this.ownFileBytes / 4 : this.ownFileBytes)) {
        const file = `${s.name}.${gen}.jsonl`;
        const ref = { $file: file, $bytes: this.writeLines(file, w.lines) };
        put(s.holder, s.prop, ref);
        refs.set(s.name, ref);
      }
      // Otherwise the bucket stays in the head as a plain object.
    }
    head.format = this.format;
    head.$gen = gen;
    this.head.write(head as unknown as T & { $gen?: number });
    this.gen = gen;
    this.files = refs;
    this.removeUnnamed(new Set([...refs.values()].map((r) => r.$file)));
  }

  private highestOnDisk(): number {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return 0;
    }
    let max = 0;
    for (const f of names) {
      const m = /\.(\d+)\.jsonl$/.exec(f);
      if (m) max = Math.max(max, Number(m[1]));
    }
    return max;
  }

  /**
   * Writes lines to a bucket file: a new file, or (with `at`) after the committed bytes of an existing
   * one, over any uncommitted tail. Streamed in chunks, so no copy of the whole text is made. Returns
   * the file's committed size once the head names it.
   */
  private writeLines(file: string, lines: string[] | Iterable<string>, at?: number): number {
    mkdirSync(this.dir, { recursive: true });
    const fd = openSync(join(this.dir, file), at === undefined ? 'w' : 'r+');
    let pos = at ?? 0;
    try {
      let chunk = '';
      const flush = () => {
        pos += writeSync(fd, chunk, pos, 'utf8');
        chunk = '';
      };
      if (Array.isArray(lines)) {
        for (let i = 0; i < lines.length; i++) {
          chunk += lines[i];
          lines[i] = ''; // written: not kept while the rest is
          if (chunk.length >= 1 << 20) flush();
        }
      } else {
        for (const l of lines) {
          chunk += l;
          if (chunk.length >= 1 << 20) flush();
        }
      }
      if (chunk) flush();
      // What was written is garbage now: a big bucket's lines are not kept while the next is made.
      if (pos - (at ?? 0) > 4 << 20) collectIfBig();
      if (at !== undefined) ftruncateSync(fd, pos);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return pos;
  }

  /** Removes bucket files the head does not name (older generations, leftovers of a crashed write). */
  private removeUnnamed(keep: Set<string>): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const f of names) {
      if (keep.has(f)) continue;
      try {
        unlinkSync(join(this.dir, f));
      } catch {
        /* gone already */
      }
    }
  }
}

/** The committed bytes of a bucket file as text (read straight into a string when there is no uncommitted tail). */
function readCommitted(path: string, bytes: number): string {
  const buf = readFileSync(path);
  if (buf.length < bytes) throw new BucketFormatError(`it has ${buf.length} bytes, the head says ${bytes}`);
  const nl = buf.indexOf(10);
  const ascii = nl > 0 && isAsciiBucket(buf.toString('latin1', 0, nl));
  return buf.toString(ascii ? 'latin1' : 'utf8', 0, bytes);
}

/** Sets a property as plain data (assigning would call a lazy bucket's setter, bound to the original holder). */
function put(holder: Record<string, unknown>, prop: string, value: unknown): void {
  Object.defineProperty(holder, prop, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * A copy of the document that shares everything but the objects on the layout's paths, so that
 * replacing a bucket by its file reference does not touch the caller's document. Lazy properties are
 * copied as they are (not read).
 */
function copyAlong(doc: Record<string, unknown>, layout: Layout): Record<string, unknown> {
  const root = shallow(doc);
  for (const path of [...layout.containers.map((p) => [...p, '']), ...layout.buckets]) {
    let o = root;
    for (const p of path.slice(0, -1)) {
      const child = o[p];
      if (child === null || typeof child !== 'object') break;
      o = o[p] = shallow(child as Record<string, unknown>);
    }
  }
  return root;
}

/** A shallow copy that keeps accessor properties as accessors (so unread buckets stay unread). */
function shallow(o: Record<string, unknown>): Record<string, unknown> {
  return Object.defineProperties({}, Object.getOwnPropertyDescriptors(o));
}
