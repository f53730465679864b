import type { Clock } from '../util/clock.js';
import type { FlagSpec, Parsed } from './flags.js';
import type { ApiServer } from '../api/server.js';

/** The process's streams, injected so tests can capture them. */
export interface IO {
  out(s: string): void;
  err(s: string): void;
  /** All of standard input (for "-f -"). */
  readStdin(): Promise<string>;
  /** Writes out what out() has buffered (streaming verbs such as watches call it after each batch). */
  flush?(): void;
  stdoutIsTTY: boolean;
  /** Standard input is a terminal (kubectl's term.IsTerminalIn, for -i -t). */
  stdinIsTTY?: boolean;
}

export type Env = Record<string, string | undefined>;

/** A verb's module: loaded only when the verb runs. */
export interface VerbModule {
  /** The usage line after "kubectl ", e.g. "get [(-o|--output=)json|yaml|...] (TYPE ...) [flags] [options]". */
  use: string;
  long?: string;
  example?: string;
  flags: FlagSpec[];
  /** Runs the verb. Returns the exit code (0 when undefined). Errors are thrown and mapped by main. */
  run(ctx: Ctx, p: Parsed): Promise<number | void>;
}

/** A node of the command tree. Leaves have load(); groups have children. */
export interface CommandNode {
  name: string;
  aliases?: string[];
  short: string;
  /** Heading in `kubectl --help`. */
  group?: string;
  load?: () => Promise<VerbModule>;
  children?: CommandNode[];
  /** Our own verbs (not kubectl's): listed under "kubemu Commands". */
  kubemu?: boolean;
}

export interface TxOptions {
  /** The verb will write: load the write path (strategies, engine) up front. */
  write?: boolean;
}

/** A connection to the current cluster: transactions on its state, with the control plane settled around them. */
export interface ClusterSession {
  readonly name: string;
  /** Runs fn against the API server under the cluster lock; the cluster is settled to "now" before and after. */
  tx<R>(fn: (api: ApiServer) => R, opts?: TxOptions): Promise<R>;
  /**
   * Lets simulated time pass until the next scheduled piece of work (at most maxMs): sleeps on a
   * real clock, moves the clock offset on a fixed one. Returns false when nothing is scheduled.
   */
  step(maxMs: number): Promise<boolean>;
  /** Moves the cluster's clock forward by ms and settles. */
  advance(ms: number): Promise<void>;
}

/** What a verb receives: everything from outside comes in through here. */
export interface Ctx {
  io: IO;
  env: Env;
  cwd: string;
  clock: Clock;
  /** "get", "create deployment": for "See 'kubectl <path> --help'". */
  commandPath: string;
  /** The KUBEMU_HOME directory. */
  home: string;
  /** Global flags' values (namespace, context). */
  global: Parsed;
  /** The namespace to use: -n, else the context's namespace, else "default". */
  namespace(): string;
  /** Whether -n/--namespace was given. */
  namespaceExplicit(): boolean;
  /** The session for the current (or --context) cluster, creating the default cluster on first use. */
  cluster(): Promise<ClusterSession>;
}
