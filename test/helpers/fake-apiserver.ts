/**
 * A tiny fake kube-apiserver on 127.0.0.1 for driving the real kubectl (the oracle) in tests:
 * legacy discovery from kubemu's registry, and GET of a given set of objects (one or a list).
 * It serves only what kubectl needs for client-side printing and for offline generators
 * (`kubectl run ... --dry-run=client`), nothing more.
 */
import http from 'node:http';
import { mkdtempSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { RESOURCES, apiVersionOf, forApiVersionKind, type ResourceInfo } from '../../src/api/registry.js';
import type { KObject } from '../../src/api/types.js';
import { parseLabelSelector, matchesLabels, parseFieldSelector } from '../../src/api/selectors.js';
import { fieldValue } from '../../src/api/fields.js';
import { tableFor } from '../../src/printers/table/columns.js';

/** The real kubectl v1.32 binary (not the gcloud dispatcher, which rewrites error output). */
export const KUBECTL = [process.env.KUBECTL_ORACLE, '/usr/lib/google-cloud-sdk/bin/kubectl.1.32', '/usr/bin/kubectl'].find((p) => p && existsSync(p))!;

export interface FakeApiServer {
  url: string;
  kubeconfig: string;
  /** Replaces the objects served. */
  setObjects(objs: KObject[]): void;
  /** Runs the real kubectl against this server (asynchronously: the server answers from this process). */
  kubectl(args: string[], opts?: { input?: string; env?: Record<string, string> }): Promise<{ stdout: string; stderr: string; code: number }>;
  close(): Promise<void>;
}

function resourceList(gv: string): unknown {
  const resources = RESOURCES.filter((r) => apiVersionOf(r) === gv).map((r) => ({
    name: r.resource,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: r.verbs,
    ...(r.shortNames.length ? { shortNames: r.shortNames } : {}),
    ...(r.categories.length ? { categories: r.categories } : {}),
  }));
  // The scale subresources kubectl's scale client looks for in discovery.
  for (const r of RESOURCES.filter((x) => apiVersionOf(x) === gv && ['deployments', 'replicasets', 'statefulsets'].includes(x.resource))) {
    resources.push({ name: `${r.resource}/scale`, singularName: '', namespaced: true, kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] } as never);
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources };
}

function groupList(): unknown {
  const groups = new Map<string, string[]>();
  for (const r of RESOURCES) {
    if (!r.group) continue;
    const vs = groups.get(r.group) ?? [];
    if (!vs.includes(r.version)) vs.push(r.version);
    groups.set(r.group, vs);
  }
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, vs]) => ({
      name,
      versions: vs.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${vs[0]}`, version: vs[0] },
    })),
  };
}

export interface FakeApiServerOptions {
  /**
   * Answer kubectl's requests for server-side tables (Accept: as=Table) with tables built by
   * kubemu's server printers (src/printers/table/columns.ts), ages computed at `now` (ms). Without
   * it the server returns plain objects and kubectl prints its own NAME/AGE tables.
   */
  serverPrint?: { now: number };
  /** Answers requests the fake does not serve itself (subresources such as pods/log, /openapi): true when it did. */
  handle?: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => boolean;
}

/** A metav1.Table for objects of one resource, as kube-apiserver builds it (always with the wide cells). */
function tableOf(ri: ResourceInfo, objs: KObject[], now: number): unknown {
  const def = tableFor(ri.group ? `${ri.resource}.${ri.group}` : ri.resource);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '1' },
    columnDefinitions: def.columns.map((c) => ({ name: c.name, type: 'string', format: c.name === 'Name' ? 'name' : '', description: '', priority: c.priority })),
    rows: objs.map((o) => ({ cells: def.row(o, now, true), object: { ...o, apiVersion: o.apiVersion ?? apiVersionOf(ri), kind: o.kind ?? ri.kind } })),
  };
}

export async function startFakeApiServer(initial: KObject[] = [], options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  let objects = initial;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const p = url.pathname;
    if (options.handle?.(req, res, url)) return;
    if (p === '/version') return send(200, { major: '1', minor: '32', gitVersion: 'v1.32.5', platform: 'linux/amd64' });
    if (p === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
    if (p === '/apis') return send(200, groupList());
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(p);
    if (!m) return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' });
    const gv = m[1] ?? `${m[2]}/${m[3]}`;
    let ns: string | undefined = m[4];
    let resource: string | undefined = m[5];
    let name: string | undefined = m[6];
    // /api/v1/namespaces/<name> is the namespace itself, not a namespace prefix.
    if (ns !== undefined && resource === undefined) [resource, name, ns] = ['namespaces', ns, undefined];
    if (!resource) return send(200, resourceList(gv));
    const ri: ResourceInfo | undefined = RESOURCES.find((r) => apiVersionOf(r) === gv && r.resource === resource);
    if (!ri) return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' });
    // Like etcd, in key order: namespace, then name.
    const key = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
    let matching = objects
      .filter((o) => forApiVersionKind(o.apiVersion, o.kind) === ri && (!ns || o.metadata.namespace === ns))
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const ls = url.searchParams.get('labelSelector');
    const fs = url.searchParams.get('fieldSelector');
    const badRequest = (message: string) => send(400, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', code: 400 });
    try {
      if (ls) {
        const reqs = parseLabelSelector(ls);
        matching = matching.filter((o) => matchesLabels(reqs, o.metadata.labels));
      }
      if (fs) {
        const reqs = parseFieldSelector(fs);
        const probe = { apiVersion: gv, kind: ri.kind, metadata: {} } as KObject;
        const bad = reqs.find((r) => fieldValue(ri, probe, r.field) === undefined);
        if (bad) return badRequest(`field label not supported: ${bad.field}`);
        matching = matching.filter((o) => reqs.every((r) => (fieldValue(ri, o, r.field) === r.value) === (r.op === '=')));
      }
    } catch (e) {
      return badRequest((e as Error).message);
    }
    const asTable = !!options.serverPrint && /as=Table/.test(String(req.headers.accept ?? ''));
    if (name) {
      const o = matching.find((x) => x.metadata.name === name);
      if (!o) return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${ri.group ? `${resource}.${ri.group}` : resource} "${name}" not found`, details: { name, group: ri.group, kind: resource } });
      return send(200, asTable ? tableOf(ri, [o], options.serverPrint!.now) : o);
    }
    if (asTable) return send(200, tableOf(ri, matching, options.serverPrint!.now));
    return send(200, { kind: `${ri.kind}List`, apiVersion: gv, metadata: { resourceVersion: '1' }, items: matching.map(({ apiVersion: _a, kind: _k, ...rest }) => rest) });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'kubemu-fake-'));
  const kubeconfig = join(dir, 'config');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    server: ${url}\n  name: fake\ncontexts:\n- context:\n    cluster: fake\n    namespace: default\n    user: fake\n  name: fake\ncurrent-context: fake\nusers:\n- name: fake\n  user: {}\n`,
  );
  return {
    url,
    kubeconfig,
    setObjects(objs) {
      objects = objs;
    },
    kubectl(args, opts = {}) {
      return new Promise((resolve) => {
        const c = spawn(KUBECTL, ['--kubeconfig', kubeconfig, ...args], { env: { PATH: process.env.PATH ?? '', HOME: dir, ...(opts.env ?? {}) } });
        let stdout = '';
        let stderr = '';
        c.stdout.on('data', (d) => (stdout += d));
        c.stderr.on('data', (d) => (stderr += d));
        c.on('close', (code) => resolve({ stdout, stderr, code: code ?? -1 }));
        c.stdin.end(opts.input ?? '');
      });
    },
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
