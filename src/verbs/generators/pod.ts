/** `kubectl run`: a v1 Pod with one container (the run-pod/v1 generator). */
import type { KObject } from '../../api/types.js';
import { GeneratorError, envVarNameErrors, parseLabelSpec } from './util.js';

export interface PodOptions {
  name: string;
  image: string;
  labels: string;
  annotations: string[];
  env: string[];
  port: string;
  restart: string;
  imagePullPolicy: string;
  /** Extra arguments (after the name). */
  args: string[];
  /** Use args as the command rather than the args. */
  command: boolean;
  privileged: boolean;
}

/** cmdutil.ParsePairs without removal: "k=v" pairs, or "invalid <type> format: a, b". */
export function parsePairs(pairs: string[], type: string): Record<string, string> {
  const out: Record<string, string> = {};
  const invalid: string[] = [];
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i > 0) out[p.slice(0, i)] = p.slice(i + 1);
    else invalid.push(p);
  }
  if (invalid.length) throw new GeneratorError(`invalid ${type} format: ${invalid.join(', ')}`);
  return out;
}

/** run's parseEnvs: "NAME=value" with a valid variable name. */
export function parseEnvs(envs: string[]): { name: string; value: string }[] {
  return envs.map((e) => {
    const i = e.indexOf('=');
    if (i < 0) throw new GeneratorError(`invalid env: ${e}`);
    const name = e.slice(0, i);
    if (!name || envVarNameErrors(name).length) throw new GeneratorError(`invalid env: ${e}`);
    return { name, value: e.slice(i + 1) };
  });
}

export function generatePod(o: PodOptions): KObject {
  const envs = parseEnvs(o.env);
  const annotations = parsePairs(o.annotations, 'annotations');
  if (!o.name) throw new GeneratorError("'name' is a required parameter");
  const labels = o.labels ? parseLabelSpec(o.labels) : { run: o.name };
  const container: Record<string, unknown> = { name: o.name, image: o.image, resources: {} };
  if (o.privileged) container.securityContext = { privileged: true };
  if (o.args.length) container[o.command ? 'command' : 'args'] = [...o.args];
  if (envs.length) container.env = envs;
  if (o.imagePullPolicy) container.imagePullPolicy = o.imagePullPolicy;
  if (o.port) {
    if (!/^[-+]?\d+$/.test(o.port)) throw new GeneratorError(`strconv.Atoi: parsing ${JSON.stringify(o.port)}: invalid syntax`);
    container.ports = [{ containerPort: Number(o.port) }];
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: o.name, labels, annotations },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: o.restart || 'Always' },
  };
}

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** distribution/reference's ReferenceRegexp: whether s is a valid image reference. */
export function isImageReference(s: string): boolean {
  return REFERENCE.test(s);
}
