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
await build({
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
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import{createRequire as __kubemuRequire}from'node:module';const require=__kubemuRequire(import.meta.url);" },
});
