import { isStatusError, type StatusError } from '../api/errors.js';
import { UsageError } from './flags.js';

/** A plain client-side error: printed as "error: <message>". */
export class CliError extends Error {}

/** Exit with a code and nothing more to print (the verb printed already). */
export class ExitError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Several errors, printed one per line (utilerrors.Aggregate). */
export class AggregateError2 extends Error {
  constructor(readonly errors: unknown[]) {
    super(errors.map((e) => (e as Error).message).join(', '));
  }
}

/** kubectl's StandardErrorMessage: the text of an API error, or undefined for other errors. */
function standardErrorMessage(e: unknown): string | undefined {
  if (isStatusError(e)) {
    const s = e.status;
    if (s.reason === 'Unauthorized') return `error: You must be logged in to the server (${s.message})`;
    if (s.reason) return `Error from server (${s.reason}): ${s.message}`;
    return `Error from server: ${s.message}`;
  }
  return undefined;
}

function messageForError(e: unknown): string {
  return standardErrorMessage(e) ?? (e as Error).message;
}

function invalidMessage(e: StatusError): string {
  const d = e.status.details;
  let s = 'The request is invalid';
  if (!d) return s;
  if (d.kind || d.name) s = `The ${d.kind} "${d.name}" is invalid`;
  const causes = d.causes ?? [];
  if (!causes.length) return s;
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const c of causes) {
    const m = `${c.field}: ${c.message}`;
    if (seen.has(m)) continue;
    seen.add(m);
    msgs.push(m);
  }
  if (msgs.length === 1) return `${s}: ${msgs[0]}`;
  return `${s}: \n` + msgs.map((m) => `* ${m}`).join('\n');
}

/**
 * kubectl's CheckErr: the one place errors become text and an exit code. Returns [stderr text, code].
 */
export function checkErr(err: unknown, commandPath: string): [string, number] {
  let e = err;
  if (e instanceof AggregateError2 && e.errors.length === 1) e = e.errors[0];
  const done = (msg: string, code = 1): [string, number] => [msg.endsWith('\n') || msg === '' ? msg : msg + '\n', code];
  if (e instanceof ExitError) return ['', e.code];
  if (e instanceof UsageError) {
    const path = e.commandPath ?? commandPath;
    return done(`error: ${e.message}\nSee 'kubectl${path ? ' ' + path : ''} --help' for usage.`);
  }
  if (isStatusError(e) && e.status.reason === 'Invalid') return done(invalidMessage(e));
  if (e instanceof AggregateError2) {
    if (e.errors.length === 0) return ['', 0];
    return done(e.errors.map((x) => messageForError(x)).join('\n'));
  }
  const std = standardErrorMessage(e);
  if (std !== undefined) return done(std);
  let msg = (e as Error)?.message ?? String(e);
  if (!msg.startsWith('error: ')) msg = `error: ${msg}`;
  return done(msg);
}
