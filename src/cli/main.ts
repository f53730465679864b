import type { CommandNode, Ctx, Env, IO, VerbModule, ClusterSession } from './types.js';
import { COMMANDS, findChild } from './registry.js';
import { nonFlagWords, parseFlags, type Parsed } from './flags.js';
import { GLOBAL_FLAGS, HELP_FLAG } from './global.js';
import { checkErr, CliError } from './errors.js';
import { rootHelp, groupHelp, verbHelp } from './help.js';
// Part of the start-up core: version --client then loads only its own small chunk.
import '../cluster/version.js';
import { systemClock, fixedClock, parseClockEnv, type Clock } from '../util/clock.js';
import { homeDir, readConfig } from '../cluster/home.js';

/** Levenshtein distance, case-insensitive (cobra's ld). */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function unknownCommand(word: string): string {
  const suggestions = COMMANDS.filter((c) => distance(word, c.name) <= 2 || c.name.toLowerCase().startsWith(word.toLowerCase())).map((c) => c.name);
  let msg = `error: unknown command "${word}" for "kubectl"`;
  if (suggestions.length) msg += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}`;
  return msg.endsWith('\n') ? msg : msg + '\n';
}

/** Finds the command named by argv's leading words: [node path, words used]. */
function resolve(argv: readonly string[]): { path: CommandNode[]; rest: string[] } {
  const words = nonFlagWords(argv, GLOBAL_FLAGS);
  const path: CommandNode[] = [];
  let level: CommandNode[] | undefined = COMMANDS;
  for (const w of words) {
    const c = findChild(level, w);
    if (!c) break;
    path.push(c);
    level = c.children;
    if (!level) break;
  }
  // Remove the command words (first occurrences, in order) from argv.
  const rest = [...argv];
  let from = 0;
  for (const c of path) {
    for (let i = from; i < rest.length; i++) {
      if (rest[i] === c.name || c.aliases?.includes(rest[i])) {
        rest.splice(i, 1);
        from = i;
        break;
      }
    }
  }
  return { path, rest };
}

export interface MainDeps {
  io: IO;
  env: Env;
  cwd: string;
  clock?: Clock;
}

/** The CLI: argv (without node and script) in, exit code out. The only code that knows about `process` is bin/kubemu. */
export async function main(argv: string[], deps: MainDeps): Promise<number> {
  const { io, env } = deps;
  let commandPath = '';
  try {
    const clock = deps.clock ?? (parseClockEnv(env.KUBEMU_NOW) !== undefined ? fixedClock(parseClockEnv(env.KUBEMU_NOW)!) : systemClock);
    if (argv[0] === '__complete') {
      // Completion requests carry the user's partial command line: no flag parsing here.
      const { complete } = await import('../verbs/completion.js');
      return await complete(makeCtx(parseFlags([], GLOBAL_FLAGS), { ...deps, clock }, '__complete'), argv.slice(1));
    }
    const { path, rest } = resolve(argv);
    commandPath = path.map((c) => c.name).join(' ');
    if (path.length === 0) {
      const words = nonFlagWords(argv, GLOBAL_FLAGS);
      if (words.length) {
        io.err(unknownCommand(words[0]));
        return 1;
      }
      parseFlags(argv, [...GLOBAL_FLAGS, HELP_FLAG]);
      io.out(rootHelp());
      return 0;
    }
    const node = path[path.length - 1];
    if (!node.load) {
      // A group without its own action (config, cluster): a subcommand is required.
      const words = nonFlagWords(rest, GLOBAL_FLAGS);
      parseFlags(rest, [...GLOBAL_FLAGS, HELP_FLAG]);
      if (words.length) {
        io.err(`error: unknown command "${words[0]}"\nSee 'kubectl ${commandPath} -h' for help and examples\n`);
        return 1;
      }
      io.out(groupHelp(path));
      return 0;
    }
    const verb: VerbModule = await node.load();
    const parsed = parseFlags(rest, [...verb.flags, ...GLOBAL_FLAGS, HELP_FLAG]);
    if (parsed.values.help) {
      io.out(verbHelp(path, verb));
      return 0;
    }
    const ctx = makeCtx(parsed, { ...deps, clock }, commandPath);
    const code = await verb.run(ctx, parsed);
    return code ?? 0;
  } catch (e) {
    if (env.KUBEMU_DEBUG && e instanceof Error) io.err(`${e.stack}\n`);
    const [text, code] = checkErr(e, commandPath);
    io.err(text);
    return code;
  }
}

function makeCtx(global: Parsed, deps: MainDeps & { clock: Clock }, commandPath: string): Ctx {
  const home = homeDir(deps.env);
  let config: ReturnType<typeof readConfig> | undefined;
  const cfg = () => (config ??= readConfig(home));
  const contextName = () => {
    const c = (global.values.context as string) || cfg().currentContext;
    if (!cfg().contexts[c]) throw new CliError(`context was not found for specified context: ${c}`);
    return c;
  };
  let session: ClusterSession | undefined;
  return {
    io: deps.io,
    env: deps.env,
    cwd: deps.cwd,
    clock: deps.clock,
    commandPath,
    home,
    global,
    namespace: () => (global.values.namespace as string) || cfg().contexts[contextName()]?.namespace || 'default',
    namespaceExplicit: () => global.changed.has('namespace'),
    async cluster() {
      if (session) return session;
      const { Session } = await import('./session.js');
      const name = cfg().contexts[contextName()].cluster;
      session = new Session(name, home, deps.clock, deps.env);
      return session;
    },
  };
}

/** Wires the real process to main(): the launcher's only call. */
export async function run(): Promise<void> {
  const out: string[] = [];
  const io: IO = {
    out: (s) => {
      out.push(s);
      if (out.length > 64) flush();
    },
    err: (s) => {
      flush();
      process.stderr.write(s);
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdoutIsTTY: !!process.stdout.isTTY,
    stdinIsTTY: !!process.stdin.isTTY,
    flush: () => flush(),
  };
  function flush() {
    if (out.length) process.stdout.write(out.splice(0).join(''));
  }
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  const code = await main(process.argv.slice(2), { io, env: process.env, cwd: process.cwd() });
  flush();
  process.exitCode = code;
}
