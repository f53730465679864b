import { generatorVerb, explicitNamespace } from './define.js';
import { completeCommon, createGenerated, generatorErrors, nameArg } from './common.js';
import { generateIngress, validateIngress, type IngressOptions } from '../generators/ingress.js';

export const verb = generatorVerb(
  'ingress',
  [
    { name: 'class', type: 'string', usage: 'Ingress Class to be used' },
    {
      name: 'rule',
      type: 'stringArray',
      usage: "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional.",
    },
    { name: 'default-backend', type: 'string', usage: 'Default service for backend, in format of svcname:port' },
    { name: 'annotation', type: 'stringArray', usage: 'Annotation to insert in the ingress object, in the format annotation=value' },
  ],
  async (ctx, p) => {
    const name = nameArg(ctx, p);
    const common = await completeCommon(ctx, p);
    const v = p.values;
    const o: IngressOptions = {
      name,
      ingressClass: v.class as string,
      rules: v.rule as string[],
      defaultBackend: v['default-backend'] as string,
      annotations: v.annotation as string[],
      namespace: explicitNamespace(ctx),
    };
    generatorErrors(() => validateIngress(o));
    await createGenerated(ctx, { ...common, wrap: 'failed to create ingress: ' }, () => generateIngress(o));
  },
);
