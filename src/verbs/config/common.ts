import type { ConfigDoc } from '../../cluster/home.js';

/** The kubeconfig kubectl would see for kubemu's contexts. */
export function kubeconfigOf(cfg: ConfigDoc, only?: string): Record<string, unknown> {
  const names = Object.keys(cfg.contexts).filter((n) => !only || n === only).sort();
  const clusters = [...new Set(names.map((n) => cfg.contexts[n].cluster))].sort();
  return {
    apiVersion: 'v1',
    clusters: clusters.length
      ? clusters.map((c) => ({ cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: 'https://192.168.49.2:6443' }, name: c }))
      : null,
    contexts: names.length
      ? names.map((n) => {
          const ctx: Record<string, string> = { cluster: cfg.contexts[n].cluster };
          if (cfg.contexts[n].namespace) ctx.namespace = cfg.contexts[n].namespace!;
          ctx.user = cfg.contexts[n].cluster;
          return { context: ctx, name: n };
        })
      : null,
    'current-context': cfg.currentContext,
    kind: 'Config',
    preferences: {},
    users: clusters.length ? clusters.map((c) => ({ name: c, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } })) : null,
  };
}
