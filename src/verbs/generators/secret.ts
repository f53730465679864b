/** `kubectl create secret generic|tls|docker-registry`. */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { KObject } from '../../api/types.js';
import { goQuote } from '../../api/errors.js';
import { goJson } from '../util/objects.js';
import { GeneratorError, configMapKeyErrors, goJoin, kubectlHash, parseFileSource, parseLiteralSource, readEnvFile, type Files } from './util.js';

interface SecretData {
  name: string;
  data: Record<string, string>;
}

function addKey(s: SecretData, key: string, value: Buffer): void {
  const errs = configMapKeyErrors(key);
  if (errs.length) throw new GeneratorError(`${goQuote(key)} is not valid key name for a Secret ${errs.join(';')}`);
  if (key in s.data) throw new GeneratorError(`cannot add key ${key}, another key by that name already exists`);
  s.data[key] = value.toString('base64');
}

function fromFiles(s: SecretData, files: Files, sources: string[]): void {
  for (const source of sources) {
    const [key, path] = parseFileSource(source);
    const st = files.stat(path);
    if (!st) throw new GeneratorError(`error reading ${path}: no such file or directory`);
    if (st.dir) {
      if (source.includes('=')) throw new GeneratorError('cannot give a key name for a directory path');
      for (const item of files.list(path)) if (item.regular) addKey(s, item.name, files.read(goJoin(path, item.name)));
    } else addKey(s, key, files.read(path));
  }
}

function secretObject(s: SecretData, type: string, namespace: string | undefined, appendHash: boolean): KObject {
  let name = s.name;
  if (appendHash) name = `${name}-${kubectlHash({ kind: 'Secret', type, name: s.name, data: s.data })}`;
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, ...(namespace ? { namespace } : {}) }, type, data: s.data };
}

export interface GenericSecretOptions {
  name: string;
  type: string;
  fileSources: string[];
  literalSources: string[];
  envFileSources: string[];
  appendHash: boolean;
  namespace?: string;
}

export function generateGenericSecret(o: GenericSecretOptions, files: Files): KObject {
  const s: SecretData = { name: o.name, data: {} };
  for (const source of o.literalSources) {
    const [key, value] = parseLiteralSource(source);
    addKey(s, key, Buffer.from(value, 'utf8'));
  }
  fromFiles(s, files, o.fileSources);
  for (const path of o.envFileSources) {
    const st = files.stat(path);
    if (!st) throw new GeneratorError(`error reading ${path}: no such file or directory`);
    if (st.dir) throw new GeneratorError('env secret file cannot be a directory');
    readEnvFile(files, path, (k, v) => addKey(s, k, Buffer.from(v, 'utf8')));
  }
  return secretObject(s, o.type, o.namespace, o.appendHash);
}

export interface DockerRegistrySecretOptions {
  name: string;
  username: string;
  password: string;
  email: string;
  server: string;
  /** Already defaulted to ".dockerconfigjson=<path>" when no key was given. */
  fileSources: string[];
  appendHash: boolean;
  namespace?: string;
}

export function generateDockerRegistrySecret(o: DockerRegistrySecretOptions, files: Files): KObject {
  const s: SecretData = { name: o.name, data: {} };
  if (o.fileSources.length) fromFiles(s, files, o.fileSources);
  else {
    const entry: Record<string, string> = {};
    if (o.username) entry.username = o.username;
    if (o.password) entry.password = o.password;
    if (o.email) entry.email = o.email;
    const auth = Buffer.from(`${o.username}:${o.password}`, 'utf8').toString('base64');
    if (auth) entry.auth = auth;
    const json = goJson(JSON.stringify({ auths: { [o.server]: entry } }));
    s.data['.dockerconfigjson'] = Buffer.from(json, 'utf8').toString('base64');
  }
  return secretObject(s, 'kubernetes.io/dockerconfigjson', o.namespace, o.appendHash);
}

export interface TlsSecretOptions {
  name: string;
  cert: string;
  key: string;
  appendHash: boolean;
  namespace?: string;
}

function readTlsFile(files: Files, path: string): Buffer {
  try {
    return files.read(path);
  } catch (e) {
    throw new GeneratorError(`Cannot read file ${path}, ${(e as Error).message}`);
  }
}

/** tls.X509KeyPair's checks, with Go's messages for the common mistakes. */
function checkKeyPair(cert: Buffer, key: Buffer): void {
  const certText = cert.toString('latin1');
  const certBlocks = [...certText.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)];
  if (!certBlocks.length) throw new GeneratorError('tls: failed to find any PEM data in certificate input');
  const first = certBlocks.find((b) => b[1] === 'CERTIFICATE');
  if (!first) throw new GeneratorError(`tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched`);
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(first[0]);
  } catch {
    throw new GeneratorError('x509: malformed certificate');
  }
  const keyText = key.toString('latin1');
  const keyBlock = [...keyText.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g)].find((b) => b[1] === 'PRIVATE KEY' || b[1].endsWith(' PRIVATE KEY'));
  if (!keyBlock) {
    if (/-----BEGIN CERTIFICATE-----/.test(keyText)) throw new GeneratorError('tls: found a certificate rather than a key in the PEM for the private key');
    throw new GeneratorError('tls: failed to find any PEM data in key input');
  }
  let pk;
  try {
    pk = createPrivateKey(keyBlock[0]);
  } catch {
    throw new GeneratorError('tls: failed to parse private key');
  }
  if (!x509.checkPrivateKey(pk)) throw new GeneratorError('tls: private key does not match public key');
}

export function generateTlsSecret(o: TlsSecretOptions, files: Files): KObject {
  const cert = readTlsFile(files, o.cert);
  const key = readTlsFile(files, o.key);
  checkKeyPair(cert, key);
  const s: SecretData = { name: o.name, data: { 'tls.crt': cert.toString('base64'), 'tls.key': key.toString('base64') } };
  return secretObject(s, 'kubernetes.io/tls', o.namespace, o.appendHash);
}
