import { existsSync } from 'node:fs';
import type { DocumentStore } from '../store/store.js';
import { clusterStore } from '../cluster/cluster-store.js';
import { ApiServer } from '../api/server.js';
import { needsSettle, type ClusterDoc } from '../api/state.js';
import { Random } from '../util/random.js';
import type { Clock } from '../util/clock.js';
import type { ClusterSession, TxOptions, Env } from './types.js';
import { clusterFile } from '../cluster/home.js';

type EngineModule = typeof import('../engine/index.js');

const RESET_HINT = (name: string) =>
  `The file is left as it is. To start this cluster over, run: kubemu cluster reset ${name} (or delete the file).`;

class NeedEngine extends Error {}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A cluster session: each transaction loads the document under the lock, settles the control plane
 * up to "now", runs the verb's function against the API server, settles again and saves.
 * The engine (controllers, scheduler, kubelet) is loaded only when there is work for it.
 */
export class Session implements ClusterSession {
  private engine: EngineModule | undefined;
  private readonly store: DocumentStore<ClusterDoc>;

  constructor(
    readonly name: string,
    readonly home: string,
    private readonly clock: Clock,
    private readonly env: Env,
  ) {
    const path = clusterFile(home, name);
    this.store = clusterStore(path, RESET_HINT(name), env);
  }

  private async loadEngine(): Promise<EngineModule> {
    this.engine ??= await import('../engine/index.js');
    return this.engine;
  }

  exists(): boolean {
    return existsSync(this.store.path);
  }

  async tx<R>(fn: (api: ApiServer) => R, opts: TxOptions = {}): Promise<R> {
    if (opts.write || !this.exists()) await this.loadEngine();
    for (;;) {
      try {
        return this.attempt(fn);
      } catch (e) {
        if (!(e instanceof NeedEngine)) throw e;
        await this.loadEngine();
      }
    }
  }

  async step(maxMs: number): Promise<boolean> {
    const next = await this.tx((api) => {
      const t = api.doc.engine.timers[0];
      return t ? t.at - api.now : undefined;
    });
    if (next === undefined) {
      if (!this.fixed) await sleep(Math.min(maxMs, 100));
      return !this.fixed;
    }
    const wait = Math.max(0, Math.min(next, maxMs));
    if (this.fixed) await this.advance(Math.max(wait, 1));
    else await sleep(Math.max(wait, 20));
    return true;
  }

  async advance(ms: number): Promise<void> {
    await this.tx(
      (api) => {
        // Only the clock moves here: the next settle fires what falls due in between at its own time.
        api.doc.cluster.offsetMs += ms;
        api.markDirty();
      },
      { write: true },
    );
  }

  private get fixed(): boolean {
    return this.clock.fixed === true;
  }

  private attempt<R>(fn: (api: ApiServer) => R): R {
    const engine = this.engine;
    const init = engine ? () => engine.bootstrap({ name: this.name, now: this.clock.now(), env: this.env }) : undefined;
    return this.store.transaction((tx) => {
      const doc = tx.data;
      const now = this.clock.now() + doc.cluster.offsetMs;
      if (!engine && needsSettle(doc, now)) throw new NeedEngine();
      const rng = new Random(doc.cluster.rng);
      // The control plane catches up from where it last settled, so that what fell due in between
      // (timers: image pulls, back-offs, probes) happens at its own simulated time.
      const from = engine && doc.cluster.settledAt !== undefined ? Math.min(now, doc.cluster.settledAt) : now;
      const api = new ApiServer(doc, rng, from);
      if (engine) {
        engine.attach(api);
        engine.settle(api, now);
      }
      const result = fn(api);
      if (api.isDirty) {
        if (engine) engine.settle(api, Math.max(now, api.now));
        else doc.engine.data.pending = true;
      }
      if (api.isDirty) {
        doc.cluster.rng = rng.state();
        if (engine) engine.finish(api);
        tx.markDirty();
      }
      return result;
    }, init);
  }
}
