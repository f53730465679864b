// Builds dist/: one ESM start-up file plus lazily imported chunks (one per verb
// and per heavy module), so a command pays only for the code it runs.
import { build } from 'esbuild';
import { rmSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

// Build-time steps (e.g. compiling JSON Schemas to standalone validators) live in scripts/build-*.mjs
// and run before bundling, in name order.
for (const f of readdirSync(join(root, 'scripts')).filter((f) => /^build-.*\.mjs$/.test(f)).sort()) {
  await import(join(root, 'scripts', f));
}

if (existsSync(dist)) rmSync(dist, { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
  plugins: [],
};

// CommonJS dependencies bundled into ESM would call require() for Node built-ins, which needs a
// createRequire banner in every file (and node:module loaded by every command). The only ones are
// yaml's require("process") and require("buffer") (for Buffer): they are given the globals instead.
const cjsBuiltins = {
  name: 'cjs-builtins',
  setup(b) {
    const globals = { process: 'module.exports = globalThis.process;', buffer: 'module.exports = { Buffer: globalThis.Buffer };' };
    b.onResolve({ filter: /^(process|buffer)$/ }, (args) => (args.kind === 'require-call' ? { path: args.path, namespace: 'cjs-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'cjs-builtin' }, (args) => ({ contents: globals[args.path], loader: 'js' }));
    // Any other built-in required from CommonJS fails the build, rather than failing at run time.
    b.onResolve({ filter: /^(node:)?[a-z_]+$/ }, (args) =>
      args.kind === 'require-call' && args.importer.includes('node_modules') ? { errors: [{ text: `require("${args.path}") from ${args.importer}: give it to the cjs-builtins plugin` }] } : undefined,
    );
  },
};
common.plugins.push(cjsBuiltins);

// The start-up path in as few files as possible: every module main.ts needs statically (the "core")
// would otherwise land in several chunks, one per set of verbs sharing it, and each file costs a
// process start about a millisecond. Making every other module import the core gives all core
// modules the same reachability, so esbuild puts them in one chunk. (Measured: 9 files → 2.)
const probe = await build({ ...common, write: false, metafile: true, minifyWhitespace: false });
const inputs = probe.metafile.inputs;
const core = new Set();
const visit = (f) => {
  if (core.has(f) || !inputs[f]) return;
  core.add(f);
  for (const imp of inputs[f].imports) if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
};
visit('src/cli/main.ts');
const coreSrc = [...core].filter((f) => !f.startsWith('<') && !/^[a-z-]+:/.test(f)); // not virtual modules (namespace:path)
const coreModule = coreSrc.map((f) => `import ${JSON.stringify(join(root, f))};`).join('\n');
const coreAbs = new Set(coreSrc.map((f) => join(root, f)));
const oneCoreChunk = {
  name: 'one-core-chunk',
  setup(b) {
    b.onResolve({ filter: /^kubemu-core$/ }, () => ({ path: 'kubemu-core', namespace: 'kubemu-core' }));
    b.onLoad({ filter: /.*/, namespace: 'kubemu-core' }, () => ({ contents: coreModule, loader: 'js', resolveDir: root }));
    b.onLoad({ filter: /[\\/]src[\\/].*\.(ts|mjs|js)$/ }, async (args) => {
      // main.ts imports the core module too, so that it lands in the core chunk rather than its own.
      if (coreAbs.has(args.path) && !args.path.endsWith(join('src', 'cli', 'main.ts'))) return undefined;
      const { readFile } = await import('node:fs/promises');
      return { contents: `${await readFile(args.path, 'utf8')}\nimport 'kubemu-core';\n`, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};
await build({ ...common, plugins: [cjsBuiltins, oneCoreChunk] });
