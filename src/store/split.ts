import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncAdapter } from 'lowdb';
import { AtomicJsonFile, StateFileError } from './store.js';
import { BucketFormatError, parseBucket, serializeBucket, touched, type Indexer } from './buckets.js';

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
    for (const s of slots(doc as unknown as Record<string, unknown>, this.layout)) {
      const v = s.holder[s.prop];
      if (isRef(v)) this.defineLazyBucket(s, v);
    }
    return doc;
  }

  private defineLazyBucket(s: Slot, ref: FileRef): void {
    this.files.set(s.name, ref);
    const path = join(this.dir, ref.$file);
    Object.defineProperty(s.holder, s.prop, {
      enumerable: true,
      configurable: true,
      get: () => {
        let bucket: Record<string, unknown>;
        try {
          const buf = readFileSync(path);
          if (buf.length < ref.$bytes) throw new BucketFormatError(`it has ${buf.length} bytes, the head says ${ref.$bytes}`);
          bucket = parseBucket(s.name, buf.toString('utf8', 0, ref.$bytes));
        } catch (e) {
          const why = e instanceof BucketFormatError ? e.message : (e as Error).message;
          throw new StateFileError(path, `cannot read the cluster state file (${why})`, this.resetHint);
        }
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
        keepOld(); // never read: the file stays as it is
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
        const ref = { $file: old.$file, $bytes: this.append(old, w.text) };
        put(s.holder, s.prop, ref);
        refs.set(s.name, ref);
        continue;
      }
      const text = w.kind === 'full' ? w.text : '';
      if (w.kind === 'full' && text.length >= (old ? this.ownFileBytes / 4 : this.ownFileBytes)) {
        const ref = { $file: `${s.name}.${gen}.jsonl`, $bytes: this.writeFile(`${s.name}.${gen}.jsonl`, text) };
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

  /** Writes a new bucket file; returns its size in bytes. */
  private writeFile(file: string, text: string): number {
    mkdirSync(this.dir, { recursive: true });
    const buf = Buffer.from(text, 'utf8');
    const fd = openSync(join(this.dir, file), 'w');
    try {
      writeSync(fd, buf);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return buf.length;
  }

  /** Appends lines after the committed bytes of a bucket file (over any uncommitted tail); returns the new size. */
  private append(ref: FileRef, text: string): number {
    const buf = Buffer.from(text, 'utf8');
    const fd = openSync(join(this.dir, ref.$file), 'r+');
    try {
      writeSync(fd, buf, 0, buf.length, ref.$bytes);
      ftruncateSync(fd, ref.$bytes + buf.length);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return ref.$bytes + buf.length;
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
