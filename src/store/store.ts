import { LowSync, type SyncAdapter } from 'lowdb';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync, existsSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { FileLock } from './lock.js';
import { SplitJsonFile, type Layout } from './split.js';
import type { Indexer } from './buckets.js';


export class StateFileError extends Error {
  constructor(readonly path: string, readonly why: string, readonly hint: string) {
    super(`${why}: ${path}\n${hint}`);
  }
}

/**
 * lowdb's stock JSON adapter shares one temp file between processes, so concurrent writers lose
 * updates and readers can see half-written files. This adapter writes a per-process temp file,
 * fsyncs it and renames it over the state atomically; readers therefore always see a whole document.
 * Locking is done around read-modify-write by the store (see transaction()).
 */
export class AtomicJsonFile<T extends { format: number }> implements SyncAdapter<T> {
  /** `format`: the document format this kubemu writes; newer ones are refused, older ones migrated. */
  constructor(readonly path: string, private readonly resetHint: string, readonly format = 1) {}

  read(): T | null {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StateFileError(this.path, `cannot read the cluster state file (${(e as Error).message})`, this.resetHint);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new StateFileError(this.path, `the cluster state file is not valid JSON (${(e as Error).message})`, this.resetHint);
    }
    if (typeof data !== 'object' || data === null || typeof (data as T).format !== 'number') {
      throw new StateFileError(this.path, 'the cluster state file is not a kubemu state document', this.resetHint);
    }
    if ((data as T).format > this.format) {
      throw new StateFileError(
        this.path,
        `the cluster state file has format ${(data as T).format}, newer than this kubemu understands (${this.format})`,
        'Upgrade kubemu, or ' + this.resetHint.charAt(0).toLowerCase() + this.resetHint.slice(1),
      );
    }
    return data as T;
  }

  write(data: T): void {
    const tmp = join(dirname(this.path), `.${basename(this.path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(data));
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      try {
        unlinkSync(tmp);
      } catch {
        /* ignore */
      }
      throw e;
    }
    closeSync(fd);
    renameSync(tmp, this.path);
  }
}

export interface Transaction<T> {
  data: T;
  /** Ask for the document to be written when the transaction ends. */
  markDirty(): void;
}

/**
 * One cluster's document (its etcd). Every read-modify-write runs under an exclusive lock, so
 * parallel commands never lose an update. The store knows nothing about Kubernetes kinds.
 */
export class DocumentStore<T extends { format: number }> {
  private readonly db: LowSync<T | null>;
  private readonly lock: FileLock;

  private readonly migrate: (old: T) => T;

  /**
   * With a layout, the document is split: big buckets live in files of their own, read only when used
   * (see split.ts); `indexer` gives each record's index value. Without one, it is one JSON file.
   */
  private readonly format: number;

  constructor(
    readonly path: string,
    resetHint: string,
    opts: { format?: number; migrate?: (old: T) => T; layout?: Layout; indexer?: Indexer; splitBytes?: number } = {},
  ) {
    this.format = opts.format ?? 1;
    this.migrate = opts.migrate ?? ((d) => ({ ...d, format: this.format }));
    const adapter = opts.layout
      ? new SplitJsonFile<T>(path, resetHint, this.format, opts.layout, opts.indexer, opts.splitBytes)
      : new AtomicJsonFile<T>(path, resetHint, this.format);
    this.db = new LowSync<T | null>(adapter as SyncAdapter<T | null>, null);
    this.lock = new FileLock(path + '.lock');
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  /** Replaces the document whatever it holds now (even an unreadable one), under the lock. */
  replace(data: T): void {
    mkdirSync(dirname(this.path), { recursive: true });
    this.lock.acquire();
    try {
      this.db.data = data;
      this.db.write();
    } finally {
      this.lock.release();
    }
  }

  /**
   * Runs fn on the current document under the lock. `init` builds the document when none exists
   * (it is then written even if fn does not mark it dirty).
   */
  transaction<R>(fn: (tx: Transaction<T>) => R, init?: () => T): R {
    mkdirSync(dirname(this.path), { recursive: true });
    this.lock.acquire();
    try {
      this.db.read();
      let dirty = false;
      let data = this.db.data;
      if (data === null) {
        if (!init) throw new StateFileError(this.path, 'the cluster state file does not exist', 'Create the cluster with: kubemu cluster create');
        data = init();
        dirty = true;
      } else if (data.format < this.format) {
        data = this.migrate(data);
        dirty = true;
      }
      const tx: Transaction<T> = { data, markDirty: () => (dirty = true) };
      const result = fn(tx);
      if (dirty) {
        this.db.data = tx.data;
        this.db.write();
      }
      return result;
    } finally {
      this.lock.release();
    }
  }
}
