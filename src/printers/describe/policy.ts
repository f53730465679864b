/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types.js';
import { tabbed, type DescribeWriter } from './writer.js';
import { type DescribeClock, fmtTime, labelsMultiline, annotationsMultiline, describeEvents, formatLabels, formatLabelSelector, goBool, num } from './common.js';
import { quantityString } from '../../util/quantity.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const isSet = (v: unknown) => v !== undefined && v !== null;
const goStr = (v: string) => JSON.stringify(v);

function hpaMetric(w: DescribeWriter, m: any, current: any): void {
  const q = (v: unknown) => quantityString(v);
  switch (m.type) {
    case 'External': {
      const t = m.external?.target ?? {};
      const name = goStr(s(m.external?.metric?.name));
      if (isSet(t.averageValue)) {
        const cur = current?.external && isSet(current.external.current?.averageValue) ? q(current.external.current.averageValue) : '<unknown>';
        w.write(1, `${name} (target average value):\t${cur} / ${q(t.averageValue)}\n`);
      } else {
        const cur = current?.external ? q(current.external.current?.value) : '<unknown>';
        w.write(1, `${name} (target value):\t${cur} / ${q(t.value)}\n`);
      }
      return;
    }
    case 'Pods': {
      const cur = current?.pods ? q(current.pods.current?.averageValue) : '<unknown>';
      w.write(1, `${goStr(s(m.pods?.metric?.name))} on pods:\t${cur} / ${q(m.pods?.target?.averageValue)}\n`);
      return;
    }
    case 'Object': {
      const o = m.object ?? {};
      w.write(1, `"${s(o.metric?.name)}" on ${s(o.describedObject?.kind)}/${s(o.describedObject?.name)} `);
      if (o.target?.type === 'AverageValue') {
        const cur = current?.object ? q(current.object.current?.averageValue) : '<unknown>';
        w.write(0, `(target average value):\t${cur} / ${q(o.target?.averageValue)}\n`);
      } else {
        const cur = current?.object ? q(current.object.current?.value) : '<unknown>';
        w.write(0, `(target value):\t${cur} / ${q(o.target?.value)}\n`);
      }
      return;
    }
    case 'Resource':
    case 'ContainerResource': {
      const key = m.type === 'Resource' ? 'resource' : 'containerResource';
      const r = m[key] ?? {};
      if (m.type === 'Resource') w.write(1, `resource ${s(r.name)} on pods`);
      else w.write(1, `resource ${s(r.name)} of container "${s(r.container)}" on pods`);
      const cm = current?.[key];
      if (isSet(r.target?.averageValue)) {
        const cur = cm ? q(cm.current?.averageValue) : '<unknown>';
        w.write(0, `:\t${cur} / ${q(r.target.averageValue)}\n`);
      } else {
        const cur = cm && isSet(cm.current?.averageUtilization) ? `${cm.current.averageUtilization}% (${q(cm.current?.averageValue)})` : '<unknown>';
        const target = isSet(r.target?.averageUtilization) ? `${r.target.averageUtilization}%` : '<auto>';
        w.write(1, `(as a percentage of request):\t${cur} / ${target}\n`);
      }
      return;
    }
    default:
      w.write(1, `<unknown metric type ${goStr(s(m.type))}>\n`);
  }
}

function directionBehavior(w: DescribeWriter, direction: string, rules: any): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  if (isSet(rules.stabilizationWindowSeconds)) w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(2, 'Policies:\n');
    for (const p of rules.policies) w.write(3, `- Type: ${s(p.type)}\tValue: ${num(p.value)}\tPeriod: ${num(p.periodSeconds)} seconds\n`);
  }
}

export function describeHPA(hpa: KObject, events: KObject[] | undefined, c: DescribeClock): string {
  const spec = hpa.spec ?? {};
  const status = hpa.status ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${hpa.metadata.name}\n`);
    w.write(0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
    labelsMultiline(w, 'Labels', hpa.metadata.labels);
    annotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
    w.write(0, `CreationTimestamp:\t${fmtTime(c, hpa.metadata.creationTimestamp)}\n`);
    w.write(0, `Reference:\t${s(spec.scaleTargetRef?.kind)}/${s(spec.scaleTargetRef?.name)}\n`);
    w.write(0, 'Metrics:\t( current / target )\n');
    (spec.metrics ?? []).forEach((m: any, i: number) => hpaMetric(w, m, status.currentMetrics?.[i]));
    w.write(0, `Min replicas:\t${isSet(spec.minReplicas) ? spec.minReplicas : '<unset>'}\n`);
    w.write(0, `Max replicas:\t${num(spec.maxReplicas)}\n`);
    if (spec.behavior) {
      w.write(0, 'Behavior:\n');
      directionBehavior(w, 'Scale Up', spec.behavior.scaleUp);
      directionBehavior(w, 'Scale Down', spec.behavior.scaleDown);
    }
    w.write(0, `${s(spec.scaleTargetRef?.kind)} pods:\t`);
    w.write(0, `${num(status.currentReplicas)} current / ${num(status.desiredReplicas)} desired\n`);
    const conds: any[] = status.conditions ?? [];
    if (conds.length) {
      w.write(0, 'Conditions:\n');
      w.write(1, 'Type\tStatus\tReason\tMessage\n');
      w.write(1, '----\t------\t------\t-------\n');
      for (const x of conds) w.write(1, `${s(x.type)}\t${s(x.status)}\t${s(x.reason)}\t${s(x.message)}\n`);
    }
    if (events) describeEvents(w, events, c);
  });
}

export function describePDB(pdb: KObject, events: KObject[] | undefined, c: DescribeClock): string {
  const spec = pdb.spec ?? {};
  const st = pdb.status ?? {};
  return tabbed((w) => {
    w.write(0, `Name:\t${pdb.metadata.name}\n`);
    w.write(0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
    if (isSet(spec.minAvailable)) w.write(0, `Min available:\t${spec.minAvailable}\n`);
    else if (isSet(spec.maxUnavailable)) w.write(0, `Max unavailable:\t${spec.maxUnavailable}\n`);
    w.write(0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
    w.write(0, 'Status:\n');
    w.write(2, `Allowed disruptions:\t${num(st.disruptionsAllowed)}\n`);
    w.write(2, `Current:\t${num(st.currentHealthy)}\n`);
    w.write(2, `Desired:\t${num(st.desiredHealthy)}\n`);
    w.write(2, `Total:\t${num(st.expectedPods)}\n`);
    if (events) describeEvents(w, events, c);
  });
}

export function describePriorityClass(pc: KObject, events: KObject[] | undefined, c: DescribeClock): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${pc.metadata.name}\n`);
    w.write(0, `Value:\t${num(pc.value)}\n`);
    w.write(0, `GlobalDefault:\t${goBool(pc.globalDefault)}\n`);
    w.write(0, `PreemptionPolicy:\t${s(pc.preemptionPolicy)}\n`);
    w.write(0, `Description:\t${s(pc.description)}\n`);
    w.write(0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
    if (events) describeEvents(w, events, c);
  });
}

interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const goList = (v: string[]) => `[${v.join(' ')}]`;
const ruleString = (r: Rule) =>
  `&PolicyRule{Verbs:${goList(r.verbs)},APIGroups:${goList(r.apiGroups)},Resources:${goList(r.resources)},ResourceNames:${goList(r.resourceNames)},NonResourceURLs:${goList(r.nonResourceURLs)},}`;

/** rbac.BreakdownRule + CompactRules + a stable sort by the rule's String(), as kubectl does. */
export function compactRules(rules: any[]): Rule[] {
  const broken: Rule[] = [];
  for (const r of rules ?? []) {
    const verbs = list(r.verbs);
    const names = list(r.resourceNames);
    for (const g of list(r.apiGroups))
      for (const res of list(r.resources))
        for (const v of verbs) {
          if (names.length) for (const n of names) broken.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [n], nonResourceURLs: [] });
          else broken.push({ verbs: [v], apiGroups: [g], resources: [res], resourceNames: [], nonResourceURLs: [] });
        }
    for (const url of list(r.nonResourceURLs)) for (const v of verbs) broken.push({ verbs: [v], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url] });
  }
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of broken) {
    const isSimple = r.resourceNames.length <= 1 && !r.nonResourceURLs.length && r.apiGroups.length === 1 && r.resources.length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames.length > 0, r.resourceNames[0] ?? '']);
    const existing = simple.get(key);
    if (existing) {
      for (const v of r.verbs) if (!existing.verbs.includes(v)) existing.verbs.push(v);
    } else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  compacted.push(...simple.values());
  return compacted
    .map((r, i) => ({ r, i, k: ruleString(r) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i))
    .map((x) => x.r);
}

function combineResourceGroup(resources: string[], groups: string[]): string {
  if (!resources.length) return '';
  const slash = resources[0].indexOf('/');
  let out = slash < 0 ? resources[0] : resources[0].slice(0, slash);
  if (groups.length && groups[0] !== '') out += '.' + groups[0];
  if (slash >= 0) out += resources[0].slice(slash);
  return out;
}

export function describeRole(role: KObject): string {
  const rules = compactRules(role.rules ?? []);
  return tabbed((w) => {
    w.write(0, `Name:\t${role.metadata.name}\n`);
    labelsMultiline(w, 'Labels', role.metadata.labels);
    annotationsMultiline(w, 'Annotations', role.metadata.annotations);
    w.write(0, 'PolicyRule:\n');
    w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
    w.write(1, '---------\t-----------------\t--------------\t-----\n');
    for (const r of rules) w.write(1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goList(r.nonResourceURLs)}\t${goList(r.resourceNames)}\t${goList(r.verbs)}\n`);
  });
}

export function describeRoleBinding(b: KObject): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${b.metadata.name}\n`);
    labelsMultiline(w, 'Labels', b.metadata.labels);
    annotationsMultiline(w, 'Annotations', b.metadata.annotations);
    w.write(0, 'Role:\n');
    w.write(1, `Kind:\t${s(b.roleRef?.kind)}\n`);
    w.write(1, `Name:\t${s(b.roleRef?.name)}\n`);
    w.write(0, 'Subjects:\n');
    w.write(1, 'Kind\tName\tNamespace\n');
    w.write(1, '----\t----\t---------\n');
    for (const sub of b.subjects ?? []) w.write(1, `${s(sub.kind)}\t${s(sub.name)}\t${s(sub.namespace)}\n`);
  });
}
