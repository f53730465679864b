// Build step: the JSON Schemas of every kind the API server serves, and their ajv validators compiled to
// standalone modules (so no schema is compiled when a command runs).
//
// Source of the types: the models that @kubernetes/client-node@1.0.0 generates from Kubernetes' v1.32.0
// OpenAPI document (field names, struct names, int32/int64 formats, IntOrString, byte, date-time), plus
// kubernetes-types for the one thing those models erase: which strings are resource.Quantity.
//
// Writes schemas/kubernetes.json (committed, reviewable) and src/api/validation/generated/*.mjs (ignored
// by git; rebuilt when an input changes).
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const modelsDir = join(root, 'node_modules/@kubernetes/client-node/dist/gen/models');
const typesDir = join(root, 'node_modules/kubernetes-types');
const schemaFile = join(root, 'schemas/kubernetes.json');
const genDir = join(root, 'src/api/validation/generated');
const stampFile = join(genDir, 'stamp.json');

const pkgVersion = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

const inputs = {
  script: createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex'),
  registry: createHash('sha256').update(readFileSync(join(root, 'src/api/registry.ts'))).digest('hex'),
  clientNode: pkgVersion('@kubernetes/client-node'),
  kubernetesTypes: pkgVersion('kubernetes-types'),
  ajv: pkgVersion('ajv'),
};

function upToDate() {
  if (!existsSync(stampFile) || !existsSync(schemaFile)) return false;
  try {
    return JSON.stringify(JSON.parse(readFileSync(stampFile, 'utf8'))) === JSON.stringify(inputs);
  } catch {
    return false;
  }
}

/** The kinds in src/api/registry.ts (bundled on the fly: it is TypeScript). */
async function registryKinds() {
  const { build } = await import('esbuild');
  const out = await build({ entryPoints: [join(root, 'src/api/registry.ts')], bundle: true, write: false, format: 'esm', platform: 'node', logLevel: 'silent' });
  const mod = await import('data:text/javascript;base64,' + Buffer.from(out.outputFiles[0].text).toString('base64'));
  const kinds = mod.RESOURCES.map((r) => ({ group: r.group, version: r.version, kind: r.kind }));
  // HorizontalPodAutoscaler is also accepted as autoscaling/v1.
  kinds.push({ group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler' });
  return kinds;
}

/** Struct fields typed resource.Quantity, from kubernetes-types' declarations: "Struct.field" → 'scalar' | 'map'. */
function quantityFields() {
  const out = new Map();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.d.ts')) scan(readFileSync(p, 'utf8'));
    }
  };
  const scan = (text) => {
    let iface = '';
    let prop = '';
    for (const line of text.split('\n')) {
      let m;
      if ((m = /^export interface (\w+)/.exec(line))) iface = m[1];
      else if ((m = /^ {4}(?:readonly )?(\w+)\??: (.*)$/.exec(line))) {
        prop = m[1];
        if (/^Quantity;/.test(m[2])) out.set(`${iface}.${prop}`, 'scalar');
      } else if (/^ {8}\[name: string\]: Quantity;/.test(line)) out.set(`${iface}.${prop}`, 'map');
    }
  };
  walk(typesDir);
  return out;
}

const INT32 = { minimum: -2147483648, maximum: 2147483647 };
const INT64 = { minimum: -9223372036854775808, maximum: 9223372036854775807 };
const QUANTITY_PATTERN = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
// Standard base64 with padding; Go's decoder skips CR and LF anywhere.
const B = '[A-Za-z0-9+/][\\r\\n]*';
const BASE64_PATTERN = `^[\\r\\n]*(?:${B}${B}${B}${B})*(?:${B}${B}(?:=[\\r\\n]*=|${B}=)[\\r\\n]*)?$`;

/** Go's struct name and package alias for a client-node model class ("V1DeploymentSpec" → v1.DeploymentSpec). */
function goName(cls) {
  const m = /^(?:[A-Z][a-z]+)*?(V\d+(?:(?:alpha|beta)\d+)?)([A-Z]\w*)$/.exec(cls);
  if (!m) throw new Error(`cannot name model ${cls}`);
  return { pkg: m[1].toLowerCase(), struct: m[2] };
}

async function buildSchemas() {
  const models = await import(pathToFileURL(join(modelsDir, 'all.js')).href);
  const quantities = quantityFields();
  const definitions = {};
  const pending = [];
  const want = (cls) => {
    if (!(cls in definitions)) {
      definitions[cls] = null;
      pending.push(cls);
    }
    return { $ref: `#/definitions/${cls}` };
  };
  const leaf = (type, goType, extra = {}) => ({ type: [type, 'null'].flat(), 'x-go-type': goType, ...extra });
  const typeSchema = (type, format, q, cls, field) => {
    let m;
    if ((m = /^Array<(.+)>$/.exec(type))) {
      const items = typeSchema(m[1], format, q === 'map' ? undefined : q, cls, field);
      return { type: ['array', 'null'], items };
    }
    if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(type))) {
      if (q === 'map') return { type: ['object', 'null'], 'x-go-type': 'v1.ResourceList', additionalProperties: typeSchema(m[1], format, 'scalar', cls, field) };
      if (format === 'byte') return { type: ['object', 'null'], additionalProperties: typeSchema(m[1], format, undefined, cls, field) };
      return { type: ['object', 'null'], additionalProperties: typeSchema(m[1], format, undefined, cls, field) };
    }
    if (q === 'scalar') return { type: ['string', 'number', 'null'], 'x-go-type': 'resource.Quantity', pattern: QUANTITY_PATTERN };
    switch (type) {
      case 'number':
        if (format === 'int32') return leaf('integer', 'int32', INT32);
        if (format === 'int64') return leaf('integer', 'int64', INT64);
        return leaf('number', 'float64');
      case 'string':
        if (format === 'byte') return leaf('string', '[]uint8', { pattern: BASE64_PATTERN });
        return leaf('string', 'string');
      case 'boolean':
        return leaf('boolean', 'bool');
      case 'V1MicroTime':
        return leaf('string', 'v1.MicroTime');
      case 'Date':
        return leaf('string', format === 'date-time-micro' ? 'v1.MicroTime' : 'v1.Time');
      case 'IntOrString':
        return { type: ['integer', 'string', 'null'], 'x-go-type': 'intstr.IntOrString', ...INT32 };
      case 'any':
        return cls === 'V1ControllerRevision' ? { 'x-go-type': 'runtime.RawExtension' } : { 'x-go-type': 'interface {}' };
      default:
        if (!models[type]?.attributeTypeMap) throw new Error(`unknown type ${type} in ${cls}.${field}`);
        return want(type);
    }
  };
  const rootFor = (k) => {
    const pfx = k.version[0].toUpperCase() + k.version.slice(1);
    const groupPfx = (k.group.split('.')[0] || 'core').replace(/^./, (c) => c.toUpperCase());
    for (const c of [`${pfx}${k.kind}`, `${groupPfx}${pfx}${k.kind}`]) if (models[c]?.attributeTypeMap) return c;
    throw new Error(`no model for ${k.group}/${k.version} ${k.kind}`);
  };
  const kinds = {};
  for (const k of await registryKinds()) {
    const cls = rootFor(k);
    want(cls);
    kinds[`${k.group ? k.group + '/' : ''}${k.version}/${k.kind}`] = cls;
  }
  while (pending.length) {
    const cls = pending.shift();
    const { pkg, struct } = goName(cls);
    const properties = {};
    for (const a of models[cls].attributeTypeMap) {
      properties[a.baseName] = typeSchema(a.type, a.format, quantities.get(`${struct}.${a.baseName}`), cls, a.baseName);
    }
    definitions[cls] = { type: ['object', 'null'], 'x-go-type': `${pkg}.${struct}`, properties, additionalProperties: false };
  }
  const sorted = Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'kubernetes.json',
    title: 'Kubernetes v1.32.0 types served by kubemu',
    'x-kinds': Object.fromEntries(Object.keys(kinds).sort().map((k) => [k, kinds[k]])),
    definitions: sorted,
  };
}

/** File name of a kind's validator module: "apps_v1_Deployment". */
export const moduleName = (gvk) => gvk.replace(/[/.]/g, '_');

const refName = (s) => s.$ref?.slice('#/definitions/'.length);

/** The definitions a kind's schema reaches. */
function reachableDefinitions(schema, cls) {
  const out = {};
  const visit = (s) => {
    if (!s || typeof s !== 'object') return;
    const r = refName(s);
    if (r) {
      if (r in out) return;
      out[r] = schema.definitions[r];
      return visit(schema.definitions[r]);
    }
    for (const p of Object.values(s.properties ?? {})) visit(p);
    visit(s.items);
    if (s.additionalProperties) visit(s.additionalProperties);
  };
  visit({ $ref: `#/definitions/${cls}` });
  return Object.fromEntries(Object.keys(out).sort().map((k) => [k, out[k]]));
}

/** Paths to every resource.Quantity of a kind: ["spec", "containers", "[]", "resources", "limits", "{}"]. */
function quantityPaths(schema, cls) {
  const out = [];
  const walk = (s, path, seen) => {
    const r = refName(s);
    if (r) {
      if (seen.includes(r)) return;
      return walk(schema.definitions[r], path, [...seen, r]);
    }
    if (s['x-go-type'] === 'resource.Quantity') return void out.push(path);
    for (const [k, p] of Object.entries(s.properties ?? {})) walk(p, [...path, k], seen);
    if (s.items) walk(s.items, [...path, '[]'], seen);
    if (s.additionalProperties) walk(s.additionalProperties, [...path, '{}'], seen);
  };
  walk({ $ref: `#/definitions/${cls}` }, [], []);
  return out;
}

async function compileValidators(schema) {
  const Ajv = require('ajv');
  const standalone = require('ajv/dist/standalone').default;
  const ajv = new (Ajv.default ?? Ajv)({
    code: { source: true, esm: true, optimize: true },
    allErrors: false,
    allowUnionTypes: true,
    strict: true,
    inlineRefs: false,
  });
  ajv.addVocabulary(['x-go-type', 'x-kinds']);
  ajv.addSchema(schema);
  if (existsSync(genDir)) rmSync(genDir, { recursive: true, force: true });
  mkdirSync(genDir, { recursive: true });
  for (const [gvk, cls] of Object.entries(schema['x-kinds'])) {
    const validate = ajv.getSchema(`kubernetes.json#/definitions/${cls}`);
    const code = standalone(ajv, validate);
    const reachable = reachableDefinitions(schema, cls);
    const own = JSON.stringify({ root: cls, definitions: reachable });
    const extra = `export const quantityPaths = ${JSON.stringify(quantityPaths(schema, cls))};\nexport const schemaJson = ${JSON.stringify(own)};\n`;
    writeFileSync(join(genDir, `${moduleName(gvk)}.mjs`), `// Generated by scripts/build-schemas.mjs from schemas/kubernetes.json. Do not edit.\n${code}\n${extra}`);
  }
}

if (!upToDate()) {
  const t0 = Date.now();
  const schema = await buildSchemas();
  mkdirSync(dirname(schemaFile), { recursive: true });
  writeFileSync(schemaFile, JSON.stringify(schema, null, 1) + '\n');
  await compileValidators(schema);
  writeFileSync(stampFile, JSON.stringify(inputs) + '\n');
  console.log(`build-schemas: ${Object.keys(schema['x-kinds']).length} kinds, ${Object.keys(schema.definitions).length} types (${Date.now() - t0} ms)`);
}
