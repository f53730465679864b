import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { decode, base64Error, type SchemaDoc } from '../../src/api/validation/decode.js';
import { parseQuantity, formatQuantity, canonicalQuantity, ERR_FORMAT, ERR_SUFFIX } from '../../src/util/quantity.js';
import { goPlusV } from '../../src/api/validation/gofmt.js';
import { decodeObject, preloadDecoders } from '../../src/api/validation/index.js';

const doc = JSON.parse(readFileSync(join(ROOT, 'schemas', 'kubernetes.json'), 'utf8')) as SchemaDoc;

const deploy = (spec: object) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, ...spec },
});

test('the schema names every served kind and carries Go types', () => {
  assert.equal(doc['x-kinds']['apps/v1/Deployment'], 'V1Deployment');
  assert.equal(doc['x-kinds']['v1/Pod'], 'V1Pod');
  assert.equal(doc['x-kinds']['autoscaling/v1/HorizontalPodAutoscaler'], 'V1HorizontalPodAutoscaler');
  const spec = doc.definitions.V1DeploymentSpec;
  assert.equal(spec['x-go-type'], 'v1.DeploymentSpec');
  assert.equal(spec.additionalProperties, false);
  assert.equal(spec.properties!.replicas['x-go-type'], 'int32');
  assert.equal(doc.definitions.V1ResourceRequirements.properties!.limits['x-go-type'], 'v1.ResourceList');
  assert.equal(doc.definitions.V1PodSpec.properties!.activeDeadlineSeconds['x-go-type'], 'int64');
  assert.equal(doc.definitions.V1ContainerPort.properties!.containerPort['x-go-type'], 'int32');
});

test('unknown fields: full paths with list indexes, in the order met (sorted keys)', () => {
  const o = deploy({ replica: 3 });
  (o.spec.template.spec.containers[0] as Record<string, unknown>).imagee = 'x';
  (o.metadata as Record<string, unknown>).labelz = {};
  const out = decode(doc, 'V1Deployment', o, 'json');
  assert.equal(out.error, undefined);
  assert.deepEqual(out.unknown, ['unknown field "metadata.labelz"', 'unknown field "spec.replica"', 'unknown field "spec.template.spec.containers[0].imagee"']);
  assert.equal(out.value.spec.replica, undefined);
  assert.equal(out.value.spec.template.spec.containers[0].imagee, undefined);
});

test('type errors are encoding/json texts with the Go struct and the field path without indexes', () => {
  const e = (spec: object) => decode(doc, 'V1Deployment', deploy(spec), 'json').error;
  assert.equal(e({ replicas: '3' }), 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  assert.equal(e({ replicas: 1.5 }), 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32');
  assert.equal(e({ replicas: 3000000000 }), 'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32');
  assert.equal(e({ paused: 'yes' }), 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool');
  assert.equal(e({ strategy: 'Recreate' }), 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.strategy of type v1.DeploymentStrategy');
  const env = deploy({});
  (env.spec.template.spec.containers[0] as Record<string, unknown>).env = [{ name: 'PORT', value: 8080 }];
  assert.equal(decode(doc, 'V1Deployment', env, 'json').error, 'json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string');
  const list = deploy({});
  (list.spec.template.spec as Record<string, unknown>).containers = ['nginx'];
  assert.equal(decode(doc, 'V1Deployment', list, 'json').error, 'json: cannot unmarshal string into Go struct field PodSpec.spec.template.spec.containers of type v1.Container');
  const labels = deploy({});
  (labels.metadata as Record<string, unknown>).labels = { version: 1.0 };
  assert.equal(decode(doc, 'V1Deployment', labels, 'json').error, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
  assert.equal(decode(doc, 'V1Deployment', { ...deploy({}), spec: 'x' }, 'json').error, 'json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec');
});

test('the first type error wins over unknown fields; quantities and IntOrString have their own texts', () => {
  assert.equal(decode(doc, 'V1Deployment', deploy({ aaa: 1, replicas: 'x' }), 'json').error, 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  const q = deploy({});
  (q.spec.template.spec.containers[0] as Record<string, unknown>).resources = { limits: { memory: '128mb' } };
  assert.equal(decode(doc, 'V1Deployment', q, 'json').error, ERR_FORMAT);
  (q.spec.template.spec.containers[0] as Record<string, unknown>).resources = { limits: { memory: '1K' } };
  assert.equal(decode(doc, 'V1Deployment', q, 'json').error, ERR_SUFFIX);
  (q.spec.template.spec.containers[0] as Record<string, unknown>).resources = { limits: { cpu: 0.5, memory: '1024Mi' } };
  assert.deepEqual(decode(doc, 'V1Deployment', q, 'json').value.spec.template.spec.containers[0].resources, { limits: { cpu: '500m', memory: '1Gi' } });
  const port = deploy({ strategy: { rollingUpdate: { maxSurge: true } } });
  assert.equal(decode(doc, 'V1Deployment', port, 'json').error, 'json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32');
});

test('Secret data must be base64, with Go offsets', () => {
  const s = (data: Record<string, string>) => decode(doc, 'V1Secret', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data }, 'json').error;
  assert.equal(s({ a: 'YWJj' }), undefined);
  assert.equal(s({ a: 'YWJjZA==\n' }), undefined);
  assert.equal(s({ a: 'hello world' }), 'illegal base64 data at input byte 5');
  assert.equal(s({ a: 'hello' }), 'illegal base64 data at input byte 4');
  assert.equal(s({ a: 'YWJjZA=' }), 'illegal base64 data at input byte 7');
  assert.equal(base64Error('YQ=x'), 'illegal base64 data at input byte 2');
  assert.equal(base64Error('YWJ=x'), 'illegal base64 data at input byte 4');
  assert.equal(base64Error('abc'), 'illegal base64 data at input byte 0');
});

test('the patch dialect (unstructured conversion) words errors as the converter does and sorts unknown fields', () => {
  const d = deploy({ zz: 1, aa: 2 });
  const out = decode(doc, 'V1Deployment', d, 'unstructured');
  assert.deepEqual(out.unknown, ['unknown field "spec.aa"', 'unknown field "spec.zz"']);
  assert.equal(decode(doc, 'V1Deployment', deploy({ replicas: '3' }), 'unstructured').error, 'unrecognized type: int32');
  assert.equal(decode(doc, 'V1Deployment', deploy({ replicas: 1.5 }), 'unstructured').error, 'cannot convert float64 to int32');
  assert.equal(decode(doc, 'V1Deployment', deploy({ strategy: 'x' }), 'unstructured').error, 'cannot restore struct from: string');
});

test('quantities: parsing, rounding and canonical form', () => {
  const c = (s: string | number) => canonicalQuantity(s);
  assert.equal(c('0.5'), '500m');
  assert.equal(c(0.5), '500m');
  assert.equal(c('1000m'), '1');
  assert.equal(c('1024Mi'), '1Gi');
  assert.equal(c('1.5Gi'), '1536Mi');
  assert.equal(c('0.5Ki'), '512');
  assert.equal(c('1Ki'), '1Ki');
  assert.equal(c('128974848'), '128974848');
  assert.equal(c('129e6'), '129e6');
  assert.equal(c('1e3'), '1e3');
  assert.equal(c('100m'), '100m');
  assert.equal(c('0.1m'), '100u');
  assert.equal(c('2'), '2');
  assert.equal(c(' 1G '), '1G');
  assert.equal(c('-1'), '-1');
  assert.equal(formatQuantity(parseQuantity('0')), '0');
  assert.throws(() => parseQuantity('1.5.5'), { message: ERR_FORMAT });
  assert.throws(() => parseQuantity('100MiB'), { message: ERR_FORMAT });
  assert.throws(() => parseQuantity('1K'), { message: ERR_SUFFIX });
  assert.throws(() => parseQuantity(''), { message: ERR_FORMAT });
});

test('%+v of a decoded patch', () => {
  assert.equal(goPlusV({ spec: { replica: 3, b: [1, 'x', true, null] }, a: 1.5 }), 'map[a:1.5 spec:map[b:[1 x true <nil>] replica:3]]');
});

test('decodeObject: strict fails, warn warns, ignore drops; the compiled validator is the fast path', async () => {
  await preloadDecoders([{ apiVersion: 'apps/v1', kind: 'Deployment' }]);
  const bad = deploy({ replica: 1 });
  const strict = decodeObject(bad as never, { mode: 'Strict' });
  assert.equal(strict.error?.status.message, 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
  assert.equal(strict.error?.status.reason, 'BadRequest');
  const warn = decodeObject(bad as never, { mode: 'Warn' });
  assert.deepEqual(warn.warnings, ['unknown field "spec.replica"']);
  assert.equal(warn.obj.spec.replica, undefined);
  const ignore = decodeObject(bad as never, { mode: 'Ignore' });
  assert.deepEqual(ignore.warnings, []);
  assert.equal(ignore.obj.spec.replica, undefined);
  const typed = decodeObject(deploy({ replicas: 'x' }) as never, { mode: 'Ignore' });
  assert.match(typed.error!.status.message, /cannot be handled as a Deployment: json: cannot unmarshal string/);
  const patched = decodeObject(bad as never, { mode: 'Strict', patch: { spec: { replica: 1 } } });
  assert.equal(patched.error?.status.reason, 'Invalid');
  assert.equal(patched.error?.status.message, ' "" is invalid: patch: Invalid value: "map[spec:map[replica:1]]": strict decoding error: unknown field "spec.replica"');
  const good = decodeObject(deploy({ replicas: 2 }) as never, { mode: 'Strict' });
  assert.equal(good.error, undefined);
  assert.equal(good.obj.spec.replicas, 2);
});
