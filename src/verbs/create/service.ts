import type { FlagSpec } from '../../cli/flags.js';
import { generatorVerb, explicitNamespace } from './define.js';
import { completeCommon, createGenerated, generatorErrors, nameArg, requireFlags } from './common.js';
import { generateService, validateService, type ServiceOptions } from '../generators/service.js';

const TCP: FlagSpec = { name: 'tcp', type: 'stringSlice', usage: "Port pairs can be specified as '<port>:<targetPort>'." };

function serviceVerb(key: string, type: ServiceOptions['type'], flags: FlagSpec[], required: string[] = []) {
  return generatorVerb(key, flags, async (ctx, p) => {
    requireFlags(p, required);
    const name = nameArg(ctx, p);
    const common = await completeCommon(ctx, p);
    const v = p.values;
    const o: ServiceOptions = {
      name,
      type,
      tcp: v.tcp as string[],
      clusterIP: (v.clusterip as string | undefined) ?? '',
      nodePort: (v['node-port'] as number | undefined) ?? 0,
      externalName: (v['external-name'] as string | undefined) ?? '',
      namespace: explicitNamespace(ctx),
    };
    generatorErrors(() => validateService(o));
    await createGenerated(ctx, { ...common, wrap: `failed to create ${type} service: ` }, () => generateService(o));
  });
}

export const clusterip = serviceVerb('service-clusterip', 'ClusterIP', [
  TCP,
  { name: 'clusterip', type: 'string', usage: "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing)." },
]);
export const nodeport = serviceVerb('service-nodeport', 'NodePort', [{ name: 'node-port', type: 'int', usage: 'Port used to expose the service on each node in a cluster.' }, TCP]);
export const loadbalancer = serviceVerb('service-loadbalancer', 'LoadBalancer', [TCP]);
export const externalname = serviceVerb('service-externalname', 'ExternalName', [TCP, { name: 'external-name', type: 'string', usage: 'External name of service' }], ['external-name']);
