/** `kubectl create configmap`: data from literals, files, directories and env files. */
import type { KObject } from '../../api/types.js';
import { goQuote } from '../../api/errors.js';
import { GeneratorError, configMapKeyErrors, decodeUtf8, goJoin, kubectlHash, parseFileSource, parseLiteralSource, readEnvFile, type Files } from './util.js';

export interface ConfigMapOptions {
  name: string;
  fileSources: string[];
  literalSources: string[];
  envFileSources: string[];
  appendHash: boolean;
  namespace?: string;
}

interface CM {
  name: string;
  data: Record<string, string>;
  binaryData: Record<string, string>;
}

function validateNewKey(cm: CM, key: string): void {
  const errs = configMapKeyErrors(key);
  if (errs.length) throw new GeneratorError(`${goQuote(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
  if (key in cm.data) throw new GeneratorError(`cannot add key ${goQuote(key)}, another key by that name already exists in Data for ConfigMap ${goQuote(cm.name)}`);
  if (key in cm.binaryData) throw new GeneratorError(`cannot add key ${goQuote(key)}, another key by that name already exists in BinaryData for ConfigMap ${goQuote(cm.name)}`);
}

function addLiteral(cm: CM, key: string, value: string): void {
  validateNewKey(cm, key);
  cm.data[key] = value;
}

function addFile(cm: CM, files: Files, key: string, path: string): void {
  const data = files.read(path);
  const text = decodeUtf8(data);
  if (text !== undefined) return addLiteral(cm, key, text);
  validateNewKey(cm, key);
  cm.binaryData[key] = data.toString('base64');
}

export function generateConfigMap(o: ConfigMapOptions, files: Files): KObject {
  const cm: CM = { name: o.name, data: {}, binaryData: {} };
  for (const source of o.fileSources) {
    const [key, path] = parseFileSource(source);
    const st = files.stat(path);
    if (!st) throw new GeneratorError(`error reading ${path}: no such file or directory`);
    if (st.dir) {
      if (source.includes('=')) throw new GeneratorError('cannot give a key name for a directory path');
      for (const item of files.list(path)) if (item.regular) addFile(cm, files, item.name, goJoin(path, item.name));
    } else addFile(cm, files, key, path);
  }
  for (const source of o.literalSources) {
    const [key, value] = parseLiteralSource(source);
    addLiteral(cm, key, value);
  }
  for (const path of o.envFileSources) {
    const st = files.stat(path);
    if (!st) throw new GeneratorError(`error reading ${path}: no such file or directory`);
    if (st.dir) throw new GeneratorError('env config file cannot be a directory');
    readEnvFile(files, path, (k, v) => addLiteral(cm, k, v));
  }
  let name = o.name;
  if (o.appendHash) {
    const m: Record<string, unknown> = { kind: 'ConfigMap', name: cm.name, data: cm.data };
    if (Object.keys(cm.binaryData).length) m.binaryData = cm.binaryData;
    name = `${name}-${kubectlHash(m)}`;
  }
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, ...(o.namespace ? { namespace: o.namespace } : {}) },
    data: cm.data,
    binaryData: cm.binaryData,
  };
}
