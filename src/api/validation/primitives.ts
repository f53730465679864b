/**
 * The API server's building blocks for validation (k8s.io/apimachinery util/validation, api/validation,
 * meta/v1/validation): names, labels, annotations, selectors, ports, object metadata. Each returns
 * field errors worded as Kubernetes words them.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

import { FieldError, invalid, required, forbidden, tooLong, duplicate, notSupported } from '../errors.js';
import type { ObjectMeta } from '../types.js';
import { GoLiteral, goStringMap, goStringSlice } from './gofmt.js';

export type Errs = FieldError[];

// ---- messages (util/validation) --------------------------------------------------------------

export const maxLenError = (n: number) => `must be no more than ${n} characters`;
export const EMPTY_ERROR = 'must be non-empty';
export const inclusiveRangeError = (lo: number, hi: number) => `must be between ${lo} and ${hi}, inclusive`;
export const IS_NEGATIVE = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE = 'field is immutable';

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (!examples.length) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1035_LABEL_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const PERCENT_FMT = '[0-9]+%';
const C_IDENTIFIER_FMT = '[A-Za-z_][A-Za-z0-9_]*';

const anchored = (f: string) => new RegExp(`^${f}$`);
const DNS1123_LABEL_RE = anchored(DNS1123_LABEL_FMT);
const DNS1123_SUBDOMAIN_RE = anchored(DNS1123_SUBDOMAIN_FMT);
const DNS1035_LABEL_RE = anchored(DNS1035_LABEL_FMT);
const QUALIFIED_NAME_RE = anchored(QUALIFIED_NAME_FMT);
const LABEL_VALUE_RE = anchored(LABEL_VALUE_FMT);
const CONFIG_MAP_KEY_RE = anchored(CONFIG_MAP_KEY_FMT);
const PERCENT_RE = anchored(PERCENT_FMT);
const C_IDENTIFIER_RE = anchored(C_IDENTIFIER_FMT);

const DNS1123_LABEL_MSG = 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character';
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const CONFIG_MAP_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";

export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1123_LABEL_RE.test(v)) {
    if (DNS1123_SUBDOMAIN_RE.test(v)) errs.push('must not contain dots');
    else errs.push(regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errs;
}

export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!DNS1123_SUBDOMAIN_RE.test(v)) errs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errs;
}

export function isDNS1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!DNS1035_LABEL_RE.test(v)) errs.push(regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, 'my-name', 'abc-123'));
  return errs;
}

export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (!prefix.length) errs.push('prefix part ' + EMPTY_ERROR);
    else for (const m of isDNS1123Subdomain(prefix)) errs.push('prefix part ' + m);
  } else {
    return [
      'a qualified name ' +
        regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (!name.length) errs.push('name part ' + EMPTY_ERROR);
  else if (name.length > 63) errs.push('name part ' + maxLenError(63));
  if (!QUALIFIED_NAME_RE.test(name)) errs.push('name part ' + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc'));
  return errs;
}

export function isValidLabelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push(maxLenError(63));
  if (!LABEL_VALUE_RE.test(v)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errs;
}

export function isValidPortNum(p: number): string[] {
  return p >= 1 && p <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.startsWith('-') || port.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

function hasChDirPrefix(v: string): string[] {
  if (v === '.') return ["must not be '.'"];
  if (v === '..') return ["must not be '..'"];
  if (v.startsWith('..')) return ["must not start with '..'"];
  return [];
}

export function isConfigMapKey(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push(maxLenError(253));
  if (!CONFIG_MAP_KEY_RE.test(v)) errs.push(regexError(CONFIG_MAP_KEY_MSG, CONFIG_MAP_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name'));
  errs.push(...hasChDirPrefix(v));
  return errs;
}

/** RelaxedEnvironmentVariableValidation (beta and on in v1.32): printable ASCII but '='. */
export function isRelaxedEnvVarName(v: string): string[] {
  const errs: string[] = [];
  if (!v.length) errs.push('environment variable name ' + EMPTY_ERROR);
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    if (c < 32 || c > 126 || ch === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

export function isValidPercent(v: string): string[] {
  return PERCENT_RE.test(v) ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", PERCENT_FMT, '1%', '93%')];
}

export function isCIdentifier(v: string): string[] {
  return C_IDENTIFIER_RE.test(v)
    ? []
    : [regexError("a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'", C_IDENTIFIER_FMT, 'my_name', 'MY_NAME', 'MyName')];
}

// ---- name functions (api/validation) -------------------------------------------------------------

export type NameFn = (name: string, prefix: boolean) => string[];

const maskTrailingDash = (n: string) => (n.length > 1 && n.endsWith('-') ? n.slice(0, -2) + 'a' : n);

export const nameIsDNSSubdomain: NameFn = (n, prefix) => isDNS1123Subdomain(prefix ? maskTrailingDash(n) : n);
export const nameIsDNSLabel: NameFn = (n, prefix) => isDNS1123Label(prefix ? maskTrailingDash(n) : n);
export const nameIsDNS1035Label: NameFn = (n, prefix) => isDNS1035Label(prefix ? maskTrailingDash(n) : n);

/** ValidatePathSegmentName (RBAC, PriorityClass... names): no '/' or '%', not '.' or '..'. */
export const nameIsPathSegment: NameFn = (n, prefix) => {
  if (!prefix && (n === '.' || n === '..')) return [`may not be '${n}'`];
  const errs: string[] = [];
  for (const bad of ['/', '%']) if (n.includes(bad)) errs.push(`may not contain '${bad}'`);
  return errs;
};

// ---- field error helpers ---------------------------------------------------------------------

export function msgsToErrs(path: string, value: unknown, msgs: string[]): Errs {
  return msgs.map((m) => invalid(path, value, m));
}

export function nonNegative(path: string, v: unknown): Errs {
  return typeof v === 'number' && v < 0 ? [invalid(path, v, IS_NEGATIVE)] : [];
}

export function immutable(path: string, now: unknown, before: unknown, shown: unknown = now): Errs {
  return deepEqualLoose(now, before) ? [] : [invalid(path, shown, FIELD_IMMUTABLE)];
}

/** apiequality.Semantic.DeepEqual for JSON values: absent, null and empty compare equal where Go's zero values do. */
export function deepEqualLoose(a: unknown, b: unknown): boolean {
  const norm = (v: unknown): unknown => {
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v)) return v.length ? v.map(norm) : undefined;
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v as object).sort()) {
        const n = norm((v as any)[k]);
        if (n !== undefined && n !== '' && n !== false && n !== 0) out[k] = n;
      }
      return Object.keys(out).length ? out : undefined;
    }
    if (v === '' || v === false || v === 0) return undefined;
    return v;
  };
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

// ---- labels, annotations, selectors (meta/v1/validation) --------------------------------------------

const sortedKeys = (m: Record<string, unknown> | undefined | null) => Object.keys(m ?? {}).sort();

export function validateLabelName(key: string, path: string): Errs {
  return msgsToErrs(path, key, isQualifiedName(key));
}

export function validateLabels(labels: Record<string, string> | undefined | null, path: string): Errs {
  const errs: Errs = [];
  for (const k of sortedKeys(labels)) {
    errs.push(...validateLabelName(k, path));
    errs.push(...msgsToErrs(path, labels![k], isValidLabelValue(String(labels![k] ?? ''))));
  }
  return errs;
}

export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

export function validateAnnotations(annotations: Record<string, string> | undefined | null, path: string): Errs {
  const errs: Errs = [];
  let size = 0;
  for (const k of sortedKeys(annotations)) {
    errs.push(...msgsToErrs(path, k, isQualifiedName(k.toLowerCase())));
    size += Buffer.byteLength(k) + Buffer.byteLength(String(annotations![k] ?? ''));
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT) errs.push(tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT));
  return errs;
}

export function validateLabelSelectorRequirement(r: any, path: string, allowInvalidValues = false): Errs {
  const errs: Errs = [];
  const op = r?.operator ?? '';
  const values: string[] = r?.values ?? [];
  if (op === 'In' || op === 'NotIn') {
    if (!values.length) errs.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length) errs.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else {
    errs.push(invalid(`${path}.operator`, op, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(r?.key ?? '', `${path}.key`));
  if (!allowInvalidValues) values.forEach((v, i) => errs.push(...msgsToErrs(`${path}.values[${i}]`, v, isValidLabelValue(v))));
  return errs;
}

export function validateLabelSelector(sel: any, path: string, allowInvalidValues = false): Errs {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  (sel.matchExpressions ?? []).forEach((r: any, i: number) => errs.push(...validateLabelSelectorRequirement(r, `${path}.matchExpressions[${i}]`, allowInvalidValues)));
  return errs;
}

/** %#v of a *metav1.LabelSelector (the value immutable-selector errors show). */
export function labelSelectorValue(sel: any): GoLiteral | null {
  if (!sel) return null;
  const exprs = sel.matchExpressions;
  const ex = exprs?.length
    ? `[]v1.LabelSelectorRequirement{${exprs
        .map((e: any) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key ?? '')}, Operator:${JSON.stringify(e.operator ?? '')}, Values:${goStringSlice(e.values ?? null)}}`)
        .join(', ')}}`
    : exprs
      ? '[]v1.LabelSelectorRequirement{}'
      : '[]v1.LabelSelectorRequirement(nil)';
  const ml = sel.matchLabels ? goStringMap(sel.matchLabels) : 'map[string]string(nil)';
  return new GoLiteral(`v1.LabelSelector{MatchLabels:${ml}, MatchExpressions:${ex}}`);
}

/** %#v of a map[string]string field (template labels, selectors). */
export const stringMapValue = (m: Record<string, string> | undefined | null) => new GoLiteral(goStringMap(m ?? null));

/** Whether a LabelSelector matches a set of labels (metav1.LabelSelectorAsSelector semantics: nil matches nothing). */
export function selectorMatches(sel: any, labels: Record<string, string> | undefined | null): boolean {
  if (!sel) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    const vals: string[] = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (!has || !vals.includes(l[e.key])) return false;
        break;
      case 'NotIn':
        if (has && vals.includes(l[e.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Whether LabelSelectorAsSelector would fail (unknown operator, or values for Exists...). */
export function selectorInvalid(sel: any): boolean {
  for (const e of sel?.matchExpressions ?? []) {
    const vals: string[] = e.values ?? [];
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (!vals.length) return true;
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (vals.length) return true;
    } else return true;
    if (isQualifiedName(e.key ?? '').length) return true;
  }
  for (const k of Object.keys(sel?.matchLabels ?? {})) if (isQualifiedName(k).length) return true;
  return false;
}

export const selectorEmpty = (sel: any) => !!sel && Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0;

// ---- object metadata (api/validation/objectmeta.go) ------------------------------------------------

function validateOwnerReferences(refs: any[] | undefined, path: string): Errs {
  const errs: Errs = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const av: string = ref.apiVersion ?? '';
    const version = av.includes('/') ? av.slice(av.indexOf('/') + 1) : av;
    if (!version) errs.push(invalid(`${path}.apiVersion`, av, 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(`${path}.kind`, ref.kind ?? '', 'kind must not be empty'));
    if (!ref.name) errs.push(invalid(`${path}.name`, ref.name ?? '', 'name must not be empty'));
    if (!ref.uid) errs.push(invalid(`${path}.uid`, ref.uid ?? '', 'uid must not be empty'));
    if (ref.controller) {
      const cur = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(
          invalid(path, new GoLiteral('[]v1.OwnerReference{...}'), `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${cur}`),
        );
      } else firstController = cur;
    }
  }
  return errs;
}

function validateFinalizers(finalizers: string[] | undefined, path: string): Errs {
  const errs: Errs = [];
  for (const f of finalizers ?? []) errs.push(...msgsToErrs(path, f, isQualifiedName(f)));
  if (finalizers?.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalid(path, new GoLiteral(goStringSlice(finalizers)), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/** ValidateObjectMeta: name (by the kind's rule), namespace, labels, annotations, owners, finalizers. */
export function validateObjectMeta(meta: ObjectMeta, namespaced: boolean, nameFn: NameFn, path = 'metadata'): Errs {
  const errs: Errs = [];
  if (meta.generateName) errs.push(...msgsToErrs(`${path}.generateName`, meta.generateName, nameFn(meta.generateName, true)));
  if (!meta.name) errs.push(required(`${path}.name`, 'name or generateName is required'));
  else errs.push(...msgsToErrs(`${path}.name`, meta.name, nameFn(meta.name, false)));
  if (namespaced) {
    if (!meta.namespace) errs.push(required(`${path}.namespace`, ''));
    else errs.push(...msgsToErrs(`${path}.namespace`, meta.namespace, nameIsDNSLabel(meta.namespace, false)));
  } else if (meta.namespace) {
    errs.push(forbidden(`${path}.namespace`, 'not allowed on this type'));
  }
  errs.push(...nonNegative(`${path}.generation`, meta.generation));
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(meta.ownerReferences, `${path}.ownerReferences`));
  errs.push(...validateFinalizers(meta.finalizers, `${path}.finalizers`));
  return errs;
}

/** ValidateObjectMetaUpdate: what may not change, and the same label/annotation rules. */
export function validateObjectMetaUpdate(meta: ObjectMeta, old: ObjectMeta, path = 'metadata'): Errs {
  const errs: Errs = [];
  if (old.deletionTimestamp) {
    const added = (meta.finalizers ?? []).filter((f) => !(old.finalizers ?? []).includes(f));
    if (added.length) errs.push(forbidden(`${path}.finalizers`, `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(added)}`));
  }
  if ((meta.generation ?? 0) < (old.generation ?? 0)) errs.push(invalid(`${path}.generation`, meta.generation ?? 0, 'must not be decremented'));
  errs.push(...immutable(`${path}.name`, meta.name, old.name));
  errs.push(...immutable(`${path}.namespace`, meta.namespace, old.namespace));
  errs.push(...validateLabels(meta.labels, `${path}.labels`));
  errs.push(...validateAnnotations(meta.annotations, `${path}.annotations`));
  errs.push(...validateOwnerReferences(meta.ownerReferences, `${path}.ownerReferences`));
  return errs;
}

export { invalid, required, forbidden, duplicate, notSupported, tooLong };
