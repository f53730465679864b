/**
 * kubectl describe is client-side, so the real kubectl against the fake API server is an exact
 * oracle: the same objects (in many states) are described by kubemu's collector and formatters
 * and by kubectl, and stdout, stderr and the exit code must be identical.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeApiServer, type FakeApiServer } from '../helpers/fake-apiserver.js';
import { kubectlAt } from '../helpers/describe-oracle.js';
import { fixtures, NOW } from './describe-fixtures.js';
import type { KObject } from '../../src/api/types.js';
import { ApiServer } from '../../src/api/server.js';
import { forApiVersionKind, groupResource } from '../../src/api/registry.js';
import { emptyEngineState, type ClusterDoc } from '../../src/api/state.js';
import { Random } from '../../src/util/random.js';
import { collect, render } from '../../src/verbs/describe.js';
import { parseResourceArgs } from '../../src/verbs/util/resources.js';
import { makeClock } from '../../src/printers/describe/common.js';
import { checkErr } from '../../src/cli/errors.js';

const objs: KObject[] = fixtures();
// Serve in the API server's order (namespace, then name), as kubemu lists.
const keyOf = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
objs.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));

function apiFor(list: KObject[]): ApiServer {
  const doc: ClusterDoc = {
    format: 1,
    cluster: { name: 'oracle', created: NOW, profile: 'instant', offsetMs: 0, rng: [], imagePolicy: 'allow', settledAt: NOW },
    rv: 1000,
    objects: {},
    engine: emptyEngineState(),
  };
  for (const o of list) {
    const ri = forApiVersionKind(o.apiVersion, o.kind);
    if (!ri) throw new Error(`no resource for ${o.apiVersion} ${o.kind}`);
    (doc.objects[groupResource(ri)] ??= {})[ApiServer.key(ri, o.metadata.namespace, o.metadata.name!)] = structuredClone(o);
  }
  return new ApiServer(doc, new Random([]), NOW);
}

interface Case {
  args: string[];
  ns?: string;
  allNs?: boolean;
  selector?: string;
  showEvents?: boolean;
}

/** kubemu's describe of the fixtures: the verb's collector and renderer, without a cluster. */
function ours(c: Case): { stdout: string; stderr: string; code: number } {
  const ns = c.ns ?? 'default';
  try {
    const requests = parseResourceArgs(c.args);
    const result = collect(apiFor(objs), {
      requests,
      selector: c.selector ?? '',
      allNs: !!c.allNs,
      ns,
      prefixArgs: c.args.length === 2 ? c.args : undefined,
      showEvents: c.showEvents ?? true,
    });
    const out = render(result, makeClock(result.now, () => 0), ns, !!c.allNs);
    if (out.error) {
      const [text, code] = checkErr(out.error, 'describe');
      return { stdout: out.stdout, stderr: out.stderr + text, code };
    }
    return { stdout: out.stdout, stderr: out.stderr, code: 0 };
  } catch (e) {
    const [text, code] = checkErr(e, 'describe');
    return { stdout: '', stderr: text, code };
  }
}

let fake: FakeApiServer;
before(async () => {
  fake = await startFakeApiServer([]);
});
after(() => fake.close());

function kubectlArgs(c: Case): string[] {
  const a = ['describe', ...c.args];
  if (c.allNs) a.push('-A');
  else a.push('-n', c.ns ?? 'default');
  if (c.selector) a.push('-l', c.selector);
  if (c.showEvents === false) a.push('--show-events=false');
  return a;
}

const CASES: Case[] = [
  { args: ['pods'], allNs: true },
  { args: ['pod', 'rich'] },
  { args: ['pod', 'rich'], showEvents: false },
  { args: ['pod/crashy'] },
  { args: ['pods', 'web'] },
  { args: ['pods', 'nosuch'] },
  { args: ['pods', 'rich', 'nosuch'] },
  { args: ['pods/rich', 'pods/nosuch'] },
  { args: ['pods'], selector: 'app=web' },
  { args: ['pods'], selector: 'nosuch=x' },
  { args: ['nodes'] },
  { args: ['node', 'worker'], showEvents: false },
  { args: ['deployments'], allNs: true },
  { args: ['replicasets'], allNs: true },
  { args: ['daemonsets'], allNs: true },
  { args: ['statefulsets'], allNs: true },
  { args: ['jobs'], allNs: true },
  { args: ['cronjobs'], allNs: true },
  { args: ['services'], allNs: true },
  { args: ['endpoints'], allNs: true },
  { args: ['endpointslices'], allNs: true },
  { args: ['ingresses'], allNs: true },
  { args: ['ingressclasses'] },
  { args: ['networkpolicies'], allNs: true },
  { args: ['configmaps'], allNs: true },
  { args: ['secrets'], allNs: true },
  { args: ['serviceaccounts'], allNs: true },
  { args: ['namespaces'] },
  { args: ['resourcequotas'], allNs: true },
  { args: ['limitranges'], allNs: true },
  { args: ['persistentvolumes'] },
  { args: ['persistentvolumeclaims'], allNs: true },
  { args: ['storageclasses'] },
  { args: ['hpa'], allNs: true },
  { args: ['pdb'], allNs: true },
  { args: ['priorityclasses'] },
  { args: ['roles'], allNs: true },
  { args: ['clusterroles'] },
  { args: ['rolebindings'], allNs: true },
  { args: ['clusterrolebindings'] },
  { args: ['leases'], allNs: true },
  { args: ['controllerrevisions'], allNs: true },
  { args: ['events', 'web.1'] },
  { args: ['all'], allNs: true, showEvents: false },
  { args: ['pod,svc', 'web'] },
];

for (const c of CASES) {
  test(`describe ${kubectlArgs(c).slice(1).join(' ')}`, async () => {
    const mine = ours(c);
    let theirs = await kubectlAt(fake, objs, NOW, kubectlArgs(c));
    // kubectl reads the machine's clock: on a loaded machine it may start a second late. Once more.
    if (theirs.stdout !== mine.stdout) theirs = await kubectlAt(fake, objs, NOW, kubectlArgs(c));
    if (mine.stdout !== theirs.stdout && process.env.DESCRIBE_DIFF) {
      const { writeFileSync } = await import('node:fs');
      const base = `/tmp/describe-diff-${c.args.join('_').replace(/[^\w.-]/g, '_')}`;
      writeFileSync(`${base}.ours`, mine.stdout);
      writeFileSync(`${base}.theirs`, theirs.stdout);
    }
    assert.equal(mine.stdout, theirs.stdout);
    assert.equal(mine.stderr, theirs.stderr);
    assert.equal(mine.code, theirs.code);
  });
}
