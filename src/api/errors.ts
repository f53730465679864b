/**
 * API errors shaped like apimachinery's: a Status with reason, code, message and details. kubectl's
 * CheckErr (src/cli/errors.ts) turns them into its text.
 */

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/** Marks "print no value" (field.OmitValueType). */
export const OMIT = Symbol('omit');

/** One field.Error: a field path, a type, the bad value and a detail. */
export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly value: unknown,
    readonly detail = '',
  ) {}

  /** field.Error.ErrorBody(): the text after "field: ". */
  body(): string {
    const t = TYPE_TEXT[this.type];
    let s: string;
    if (['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'InternalError'].includes(this.type) || this.value === OMIT) {
      s = t;
    } else {
      s = `${t}: ${goValue(this.value)}`;
    }
    if (this.detail) s += `: ${this.detail}`;
    return s;
  }

  toString(): string {
    return `${this.field}: ${this.body()}`;
  }
}

/** How Go's fmt prints a bad value in a field error (%q for strings, %v for scalars). */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  // A value whose Go text the caller computed (%#v of a struct, for instance).
  if (typeof (v as { toGoString?: unknown }).toGoString === 'function') return (v as { toGoString(): string }).toGoString();
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]string{${v.map((x) => goQuote(String(x))).join(', ')}}`;
  return JSON.stringify(v);
}

/** Go's %q for a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

export const required = (field: string, detail = '') => new FieldError('FieldValueRequired', field, '', detail);
export const invalid = (field: string, value: unknown, detail = '') => new FieldError('FieldValueInvalid', field, value, detail);
export const forbidden = (field: string, detail: string) => new FieldError('FieldValueForbidden', field, '', detail);
export const duplicate = (field: string, value: unknown) => new FieldError('FieldValueDuplicate', field, value);
export const notFound = (field: string, value: unknown) => new FieldError('FieldValueNotFound', field, value);
export const tooLong = (field: string, value: unknown, max: number) =>
  new FieldError('FieldValueTooLong', field, value, `must have at most ${max} bytes`);
export function notSupported(field: string, value: unknown, supported: string[]): FieldError {
  const detail = supported.length ? 'supported values: ' + supported.map((s) => goQuote(s)).join(', ') : '';
  return new FieldError('FieldValueNotSupported', field, value, detail);
}

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[]; retryAfterSeconds?: number };
  code: number;
}

/** An error the API server returns. */
export class StatusError extends Error {
  readonly kubemuStatus = true;
  constructor(public status: Status) {
    super(status.message);
  }
  get reason(): string {
    return this.status.reason;
  }
  get code(): number {
    return this.status.code;
  }
}

export function isStatusError(e: unknown): e is StatusError {
  return typeof e === 'object' && e !== null && (e as StatusError).kubemuStatus === true;
}

function status(code: number, reason: string, message: string, details?: Status['details']): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code });
}

/** A resource as errors name it: "pods", "deployments.apps". */
export interface GroupResourceName {
  group: string;
  resource: string;
}
const qr = (g: GroupResourceName) => (g.group ? `${g.resource}.${g.group}` : g.resource);

export const notFoundError = (g: GroupResourceName, name: string) =>
  status(404, 'NotFound', `${qr(g)} "${name}" not found`, { name, group: g.group, kind: g.resource });

export const alreadyExistsError = (g: GroupResourceName, name: string) =>
  status(409, 'AlreadyExists', `${qr(g)} "${name}" already exists`, { name, group: g.group, kind: g.resource });

export const conflictError = (g: GroupResourceName, name: string, why: string) =>
  status(409, 'Conflict', `Operation cannot be fulfilled on ${qr(g)} "${name}": ${why}`, { name, group: g.group, kind: g.resource });

export const OBJECT_MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

export const forbiddenError = (g: GroupResourceName, name: string, why: string) =>
  status(403, 'Forbidden', `${qr(g)} "${name}" is forbidden: ${why}`, { name, group: g.group, kind: g.resource });

export const badRequestError = (message: string) => status(400, 'BadRequest', message);

export const internalError = (message: string) => status(500, 'InternalError', `Internal error occurred: ${message}`);

export const methodNotAllowedError = (g: GroupResourceName, action: string) =>
  status(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${qr(g)}"`, { group: g.group, kind: g.resource });

export const tooManyRequestsError = (message: string, retryAfterSeconds = 0) =>
  status(429, 'TooManyRequests', message, { retryAfterSeconds });

/** apierrors.NewInvalid: "Deployment.apps "x" is invalid: <aggregate>". */
export function invalidError(kind: { kind: string; group: string }, name: string, errs: FieldError[]): StatusError {
  const gk = kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
  const texts = errs.map((e) => e.toString());
  const agg = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  const causes = errs.map((e) => ({ reason: e.type, message: e.body(), field: e.field }));
  return status(422, 'Invalid', `${gk} "${name}" is invalid: ${agg}`, { name, group: kind.group, kind: kind.kind, causes });
}

/** A copy of err whose message carries the source, as kubectl's AddSourceToErr does. */
export function withSource(err: unknown, verb: string, source: string | undefined): unknown {
  if (!source || !isStatusError(err)) return err;
  const s = { ...err.status, message: `error when ${verb} "${source}": ${err.status.message}` };
  return new StatusError(s);
}
