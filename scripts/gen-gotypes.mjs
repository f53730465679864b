// Generates src/api/gotypes-data.ts: the Go struct layout of the Kubernetes API types kubemu prints
// as typed objects (field order, json names, omitempty, inline embedding) and the strategic merge
// patch metadata (patchStrategy, patchMergeKey) from the struct tags.
//
// Usage: node scripts/gen-gotypes.mjs <k8s.io/api checkout> <k8s.io/apimachinery checkout>
// (e.g. `git archive v0.32.4` of kubernetes/api and kubernetes/apimachinery).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [apiDir, amDir] = process.argv.slice(2);
if (!apiDir || !amDir) {
  console.error('usage: node scripts/gen-gotypes.mjs <k8s.io/api dir> <k8s.io/apimachinery dir>');
  process.exit(1);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const PACKAGES = {
  'core/v1': join(apiDir, 'core/v1'),
  'apps/v1': join(apiDir, 'apps/v1'),
  'batch/v1': join(apiDir, 'batch/v1'),
  'autoscaling/v1': join(apiDir, 'autoscaling/v1'),
  'autoscaling/v2': join(apiDir, 'autoscaling/v2'),
  'rbac/v1': join(apiDir, 'rbac/v1'),
  'networking/v1': join(apiDir, 'networking/v1'),
  'policy/v1': join(apiDir, 'policy/v1'),
  'scheduling/v1': join(apiDir, 'scheduling/v1'),
  'authentication/v1': join(apiDir, 'authentication/v1'),
  'storage/v1': join(apiDir, 'storage/v1'),
  'coordination/v1': join(apiDir, 'coordination/v1'),
  'discovery/v1': join(apiDir, 'discovery/v1'),
  'meta/v1': join(amDir, 'pkg/apis/meta/v1'),
};

/** Types whose JSON form is not their struct layout. */
const LEAVES = {
  'meta/v1.Time': 'Time',
  'meta/v1.MicroTime': 'Time',
  'meta/v1.Duration': 'string',
  'meta/v1.FieldsV1': 'Raw',
  'meta/v1.Fields': 'Raw',
  'intstr.IntOrString': 'IntOrString',
  'resource.Quantity': 'Quantity',
  'types.UID': 'string',
  'types.NodeName': 'string',
  'runtime.RawExtension': 'Raw',
  'runtime.Object': 'Raw',
  'json.RawMessage': 'Raw',
};
const PRIMS = new Set(['string', 'bool', 'int', 'int32', 'int64', 'uint32', 'uint64', 'float64', 'float32', 'byte', 'uint8']);

const ROOTS = [
  'core/v1.Pod', 'core/v1.ConfigMap', 'core/v1.Endpoints', 'core/v1.Event', 'core/v1.LimitRange', 'core/v1.Namespace', 'core/v1.Node',
  'core/v1.PersistentVolumeClaim', 'core/v1.PersistentVolume', 'core/v1.ResourceQuota', 'core/v1.Secret', 'core/v1.ServiceAccount',
  'core/v1.Service', 'core/v1.ReplicationController', 'core/v1.PodTemplate', 'core/v1.Binding',
  'apps/v1.ControllerRevision', 'apps/v1.DaemonSet', 'apps/v1.Deployment', 'apps/v1.ReplicaSet', 'apps/v1.StatefulSet',
  'autoscaling/v1.HorizontalPodAutoscaler', 'autoscaling/v1.Scale', 'autoscaling/v2.HorizontalPodAutoscaler',
  'batch/v1.CronJob', 'batch/v1.Job', 'coordination/v1.Lease', 'discovery/v1.EndpointSlice',
  'networking/v1.IngressClass', 'networking/v1.Ingress', 'networking/v1.NetworkPolicy', 'policy/v1.PodDisruptionBudget', 'policy/v1.Eviction',
  'rbac/v1.ClusterRoleBinding', 'rbac/v1.ClusterRole', 'rbac/v1.RoleBinding', 'rbac/v1.Role', 'scheduling/v1.PriorityClass',
  'storage/v1.StorageClass', 'authentication/v1.TokenRequest',
];

const structs = new Map(); // id -> [{name, goType(raw), tag, file imports}]
const named = new Map(); // id -> {expr, pkg, imports}

function parseImports(src) {
  const m = new Map();
  const block = /import\s*\(([\s\S]*?)\)/.exec(src);
  const lines = block ? block[1].split('\n') : (/import\s+(.*)/.exec(src)?.[1] ?? '').split('\n');
  for (const l of lines) {
    const mm = /^\s*(\w+)?\s*"([^"]+)"/.exec(l);
    if (!mm) continue;
    const path = mm[2];
    const alias = mm[1] ?? path.split('/').pop();
    let id;
    const api = /^k8s\.io\/api\/(\w+)\/(\w+)$/.exec(path);
    if (api) id = `${api[1]}/${api[2]}`;
    else if (path === 'k8s.io/apimachinery/pkg/apis/meta/v1') id = 'meta/v1';
    else id = path.split('/').pop();
    m.set(alias, id);
  }
  return m;
}

for (const [pkg, dir] of Object.entries(PACKAGES)) {
  for (const f of ['types.go', 'meta.go', 'group_version.go', 'micro_time.go', 'time.go', 'duration.go']) {
    const p = join(dir, f);
    if (!existsSync(p)) continue;
    const src = readFileSync(p, 'utf8');
    const imports = parseImports(src);
    const lines = src.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const st = /^type (\w+) struct \{\s*(\})?\s*$/.exec(lines[i]);
      if (st) {
        const fields = [];
        if (!st[2]) {
          for (i++; i < lines.length && lines[i] !== '}'; i++) {
            let l = lines[i].trim();
            if (l.startsWith('/*')) {
              while (i < lines.length && !lines[i].includes('*/')) i++;
              continue;
            }
            if (!l || l.startsWith('//')) continue;
            l = l.includes('`') ? l.slice(0, l.lastIndexOf('`') + 1) : l.replace(/\/\/.*$/, '').trim();
            const fm = /^(?:(\w+)\s+)?([^\s`]+)\s*(`[^`]*`)?$/.exec(l);
            if (!fm) throw new Error(`${p}:${i + 1}: cannot parse field: ${l}`);
            fields.push({ name: fm[1], type: fm[2], tag: fm[3] ?? '' });
          }
        }
        structs.set(`${pkg}.${st[1]}`, { fields, imports, pkg });
        continue;
      }
      const nt = /^type (\w+) ([*\[\]\w.]+(?:\[[\w.]+\][*\[\]\w.]+)?)\s*$/.exec(lines[i]);
      if (nt && nt[2] !== 'struct' && nt[2] !== 'interface') named.set(`${pkg}.${nt[1]}`, { expr: nt[2], imports, pkg });
    }
  }
}

/** Resolves a Go type expression to our notation; queues the structs it names. */
function resolve(expr, ctx, queue) {
  if (expr.startsWith('*')) return '*' + resolve(expr.slice(1), ctx, queue);
  if (expr === '[]byte') return 'bytes';
  if (expr === 'interface{}') return 'Raw';
  if (expr.startsWith('[]')) return '[]' + resolve(expr.slice(2), ctx, queue);
  const mm = /^map\[([\w.]+)\](.+)$/.exec(expr);
  if (mm) return `map[${resolve(mm[2], ctx, queue)}]`;
  if (PRIMS.has(expr)) return expr.startsWith('int') || expr.startsWith('uint') || expr.startsWith('float') || expr === 'byte' ? 'number' : expr;
  let id;
  const dot = expr.indexOf('.');
  if (dot >= 0) id = `${ctx.imports.get(expr.slice(0, dot)) ?? expr.slice(0, dot)}.${expr.slice(dot + 1)}`;
  else id = `${ctx.pkg}.${expr}`;
  if (LEAVES[id]) return LEAVES[id];
  if (structs.has(id)) {
    queue.push(id);
    return id;
  }
  const n = named.get(id);
  if (n) return resolve(n.expr, n, queue);
  throw new Error(`unknown type ${expr} (${id})`);
}

const out = {};
const queue = [...ROOTS];
while (queue.length) {
  const id = queue.shift();
  if (out[id] || LEAVES[id]) continue;
  const s = structs.get(id);
  if (!s) throw new Error(`no struct ${id}`);
  const fields = [];
  out[id] = fields;
  for (const f of s.fields) {
    const json = /json:"([^"]*)"/.exec(f.tag)?.[1];
    if (json === '-') continue;
    const [jname, ...opts] = (json ?? '').split(',');
    const t = resolve(f.type, s, queue);
    const inline = opts.includes('inline') || (!f.name && !jname);
    const name = inline ? '' : jname || f.name;
    const entry = [name, t];
    const flags = [];
    if (opts.includes('omitempty')) flags.push('o');
    const ps = /patchStrategy:"([^"]*)"/.exec(f.tag)?.[1];
    const pk = /patchMergeKey:"([^"]*)"/.exec(f.tag)?.[1];
    if (ps) flags.push(`s=${ps}`);
    if (pk) flags.push(`k=${pk}`);
    if (flags.length) entry.push(flags.join(' '));
    fields.push(entry);
  }
}

const ids = Object.keys(out).sort();
let text = `// Generated by scripts/gen-gotypes.mjs from k8s.io/api and k8s.io/apimachinery v0.32.4. Do not edit.
// Each struct: [jsonName ('' = inline), type, flags ('o' omitempty, 's=<patchStrategy>', 'k=<patchMergeKey>')].
// Types: struct ids, '*T' pointer, '[]T' slice, 'map[T]' map with string keys, and the leaves
// string, number, bool, bytes, Time, Quantity, IntOrString, Raw.
export type GoField = [string, string] | [string, string, string];

export const GO_TYPES: Record<string, GoField[]> = {\n`;
for (const id of ids) text += `  ${JSON.stringify(id)}: ${JSON.stringify(out[id])},\n`;
text += '};\n';
writeFileSync(join(root, 'src/api/gotypes-data.ts'), text);
console.log(`${ids.length} structs, ${text.length} bytes`);
