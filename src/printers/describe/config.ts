/* eslint-disable @typescript-eslint/no-explicit-any */
import type { KObject } from '../../api/types.js';
import { tabbed, type DescribeWriter } from './writer.js';
import { type DescribeClock, fmtTime, labelsMultiline, annotationsMultiline, describeEvents } from './common.js';
import { goSort } from './gosort.js';
import { Quantity } from '../../util/quantity.js';

const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const b64len = (v: unknown): number => Buffer.from(s(v), 'base64').length;

export function describeConfigMap(cm: KObject, events: KObject[] | undefined, c: DescribeClock): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${cm.metadata.name}\n`);
    w.write(0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
    labelsMultiline(w, 'Labels', cm.metadata.labels);
    annotationsMultiline(w, 'Annotations', cm.metadata.annotations);
    w.write(0, '\nData\n====\n');
    const data = cm.data ?? {};
    for (const k of Object.keys(data).sort()) {
      w.write(0, `${k}:\n----\n`);
      w.write(0, `${s(data[k])}\n`);
      w.write(0, '\n');
    }
    w.write(0, '\nBinaryData\n====\n');
    const bin = cm.binaryData ?? {};
    for (const k of Object.keys(bin).sort()) w.write(0, `${k}: ${b64len(bin[k])} bytes\n`);
    w.write(0, '\n');
    if (events) describeEvents(w, events, c);
  });
}

export function describeSecret(sec: KObject): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${sec.metadata.name}\n`);
    w.write(0, `Namespace:\t${sec.metadata.namespace ?? ''}\n`);
    labelsMultiline(w, 'Labels', sec.metadata.labels);
    annotationsMultiline(w, 'Annotations', sec.metadata.annotations);
    w.write(0, `\nType:\t${s(sec.type)}\n`);
    w.write(0, '\nData\n====\n');
    const data = sec.data ?? {};
    for (const k of Object.keys(data).sort()) {
      if (k === 'token' && sec.type === 'kubernetes.io/service-account-token') w.write(0, `${k}:\t${Buffer.from(s(data[k]), 'base64').toString('utf8')}\n`);
      else w.write(0, `${k}:\t${b64len(data[k])} bytes\n`);
    }
  });
}

export function describeServiceAccount(sa: KObject, tokens: KObject[], missing: Set<string>, events: KObject[] | undefined, c: DescribeClock): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${sa.metadata.name}\n`);
    w.write(0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
    labelsMultiline(w, 'Labels', sa.metadata.labels);
    annotationsMultiline(w, 'Annotations', sa.metadata.annotations);
    const empty = '                   ';
    const sections: [string, string[]][] = [
      ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((x: any) => s(x.name))],
      ['Mountable secrets: ', (sa.secrets ?? []).map((x: any) => s(x.name))],
      ['Tokens:            ', tokens.map((t) => s(t.metadata.name))],
    ];
    for (const [header, names] of sections) {
      if (!names.length) {
        w.write(0, `${header}\t<none>\n`);
        continue;
      }
      let prefix = header;
      for (const name of names) {
        w.write(0, `${prefix}\t${name}${missing.has(name) ? ' (not found)' : ''}\n`);
        prefix = empty;
      }
    }
    if (events) describeEvents(w, events, c);
  });
}

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

const q = (v: unknown): Quantity => Quantity.parse(v) ?? Quantity.zero();

export function describeResourceQuota(rq: KObject): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${rq.metadata.name}\n`);
    w.write(0, `Namespace:\t${rq.metadata.namespace ?? ''}\n`);
    const scopes: string[] = [...(rq.spec?.scopes ?? [])].sort();
    if (scopes.length) {
      w.write(0, `Scopes:\t${scopes.join(', ')}\n`);
      for (const sc of scopes) if (SCOPE_HELP[sc]) w.write(0, ` * ${SCOPE_HELP[sc]}\n`);
    }
    w.write(0, 'Resource\tUsed\tHard\n');
    w.write(0, '--------\t----\t----\n');
    const hard = rq.status?.hard ?? {};
    const used = rq.status?.used ?? {};
    for (const name of goSort(Object.keys(hard), (a, b) => a < b)) {
      const h = q(hard[name]);
      let u = used[name] === undefined ? Quantity.zero() : q(used[name]);
      if (h.format !== u.format) u = Quantity.of(u.scaledValue(0), 0, h.format);
      w.write(0, `${name}\t${u}\t${h}\n`);
    }
  });
}

function limitRangeRows(w: DescribeWriter, lr: KObject, prefix: string): void {
  for (const item of lr.spec?.limits ?? []) {
    const names = new Set<string>();
    for (const key of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) for (const k of Object.keys(item[key] ?? {})) names.add(k);
    const val = (key: string, k: string) => (item[key]?.[k] === undefined ? '-' : q(item[key][k]).toString());
    for (const k of [...names].sort()) {
      w.write(0, `${prefix}${s(item.type)}\t${k}\t${val('min', k)}\t${val('max', k)}\t${val('defaultRequest', k)}\t${val('default', k)}\t${val('maxLimitRequestRatio', k)}\n`);
    }
  }
}

export function describeLimitRange(lr: KObject): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${lr.metadata.name}\n`);
    w.write(0, `Namespace:\t${lr.metadata.namespace ?? ''}\n`);
    w.write(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    limitRangeRows(w, lr, '');
  });
}

export function describeNamespace(ns: KObject, quotas: KObject[], limitRanges: KObject[], c: DescribeClock): string {
  return tabbed((w) => {
    w.write(0, `Name:\t${ns.metadata.name}\n`);
    labelsMultiline(w, 'Labels', ns.metadata.labels);
    annotationsMultiline(w, 'Annotations', ns.metadata.annotations);
    w.write(0, `Status:\t${s(ns.status?.phase)}\n`);
    const conds: any[] = ns.status?.conditions ?? [];
    if (conds.length) {
      w.write(0, 'Conditions:\n');
      w.write(1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(1, '----\t------\t------------------\t------\t-------\n');
      for (const x of conds) w.write(1, `${s(x.type)}\t${s(x.status)}\t${fmtTime(c, x.lastTransitionTime)}\t${s(x.reason)}\t${s(x.message)}\n`);
    }
    w.write(0, '\n');
    if (!quotas.length) w.write(0, 'No resource quota.\n');
    else {
      w.write(0, 'Resource Quotas\n');
      for (const rq of goSort([...quotas], (a, b) => (a.metadata.name ?? '') < (b.metadata.name ?? ''))) {
        w.write(1, `Name:\t${rq.metadata.name}\n`);
        const scopes: string[] = [...(rq.spec?.scopes ?? [])].sort();
        if (scopes.length) {
          w.write(1, `Scopes:\t${scopes.join(', ')}\n`);
          for (const sc of scopes) if (SCOPE_HELP[sc]) w.write(1, `* ${SCOPE_HELP[sc]}\n`);
        }
        w.write(1, 'Resource\tUsed\tHard\n');
        w.write(1, '--------\t---\t---\n');
        const hard = rq.status?.hard ?? {};
        const used = rq.status?.used ?? {};
        for (const name of goSort(Object.keys(hard), (a, b) => a < b)) w.write(1, `${name}\t${used[name] === undefined ? '0' : q(used[name])}\t${q(hard[name])}\n`);
      }
    }
    w.write(0, '\n');
    if (!limitRanges.length) w.write(0, 'No LimitRange resource.\n');
    else {
      w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
      w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
      for (const lr of limitRanges) limitRangeRows(w, lr, ' ');
    }
  });
}
