import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync, linkSync } from 'node:fs';

/**
 * An exclusive inter-process lock: a lock file created with O_EXCL that holds "pid token".
 * A holder that died (SIGKILL, crash) is detected by its pid and the lock is taken over at once,
 * so a killed command never stalls the next one.
 */
export class FileLock {
  private token: string | undefined;

  constructor(readonly path: string, private readonly timeoutMs = 15000) {}

  acquire(): void {
    const me = `${process.pid} ${process.hrtime.bigint().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const deadline = Date.now() + this.timeoutMs;
    let wait = 1;
    // The lock appears with its holder already in it (written to a private file, then hard-linked into
    // place, which fails if the lock exists): a holder killed at any moment never leaves an empty lock.
    const mine = `${this.path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(mine, me);
    try {
      for (;;) {
        try {
          linkSync(mine, this.path);
          this.token = me;
          return;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
        const holder = this.readHolder();
        if (holder !== undefined && !processAlive(holder.pid)) {
          this.takeOver(holder.token);
          continue;
        }
        if (holder === undefined && this.emptyAndOld()) {
          // An empty lock left by an older kubemu killed between creating and writing it.
          this.takeOver('');
          continue;
        }
        if (Date.now() > deadline) {
          throw new Error(`timed out waiting for the cluster lock ${this.path} (held by pid ${holder?.pid ?? '?'})`);
        }
        sleep(wait + Math.random() * wait);
        wait = Math.min(wait * 2, 20);
      }
    } finally {
      try {
        unlinkSync(mine);
      } catch {
        /* ignore */
      }
    }
  }

  /** The lock file is empty and was made over a second ago (no live writer takes that long to fill it). */
  private emptyAndOld(): boolean {
    try {
      const st = statSync(this.path);
      return st.size === 0 && Date.now() - st.mtimeMs > 1000;
    } catch {
      return false;
    }
  }

  release(): void {
    if (!this.token) return;
    const holder = this.readHolder();
    if (holder?.token === this.token) {
      try {
        unlinkSync(this.path);
      } catch {
        /* already gone */
      }
    }
    this.token = undefined;
  }

  get held(): boolean {
    return this.token !== undefined;
  }

  private readHolder(): { pid: number; token: string } | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return undefined;
    }
    const pid = Number(text.split(' ')[0]);
    // A lock file caught between create and write is empty: treat it as held by a live process.
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    return { pid, token: text };
  }

  /** Moves a dead holder's lock aside; if what was moved is not the dead lock after all, puts it back. */
  private takeOver(deadToken: string): void {
    const aside = `${this.path}.stale.${process.pid}.${Math.random().toString(36).slice(2)}`;
    try {
      renameSync(this.path, aside);
    } catch {
      return; // someone else took it over first
    }
    let moved = '';
    try {
      moved = readFileSync(aside, 'utf8');
    } catch {
      /* ignore */
    }
    if (moved !== deadToken) {
      try {
        linkSync(aside, this.path);
      } catch {
        /* a new lock exists already; the moved holder will find its lock gone and not unlink others */
      }
    }
    try {
      unlinkSync(aside);
    } catch {
      /* ignore */
    }
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
export function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
