/**
 * --overrides (run, expose): a JSON patch, JSON merge patch or strategic merge patch applied to the
 * generated object's typed JSON, decoded back into the type (unknown fields dropped).
 */
import type { KObject } from '../../api/types.js';
import { toTyped, goTypeFor } from '../../api/gotypes.js';
import { jsonPatch, mergePatch, strategicMergePatch, PatchError } from '../../api/patch.js';
import { CliError } from '../../cli/errors.js';
import { goJsonSyntaxError } from './gojson.js';

export const OVERRIDE_FLAGS = [
  {
    name: 'overrides',
    type: 'string' as const,
    usage:
      'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.',
  },
  { name: 'override-type', type: 'string' as const, default: 'merge', usage: 'The method used to override the generated object: json, merge, or strategic.' },
];

export function applyOverrides(obj: KObject, overrides: string, type: string): KObject {
  if (!overrides) return obj;
  const kind = type || 'merge';
  if (kind !== 'json' && kind !== 'merge' && kind !== 'strategic') throw new CliError(`invalid override type: ${kind}`);
  const typed = toTyped(obj);
  let patch: unknown;
  try {
    patch = JSON.parse(overrides);
  } catch {
    // evanphx/json-patch and strategicpatch name a bad document their own way; JSON patch decoding is encoding/json's.
    throw new CliError(kind === 'merge' ? 'Invalid JSON Patch' : kind === 'strategic' ? 'invalid JSON document' : goJsonSyntaxError(overrides));
  }
  let out: KObject;
  try {
    if (kind === 'json') out = jsonPatch(typed, patch);
    else if (kind === 'merge') out = mergePatch(typed, patch);
    else out = strategicMergePatch(typed, patch, goTypeFor(obj.apiVersion, obj.kind));
  } catch (e) {
    if (e instanceof PatchError) throw new CliError(e.message);
    throw e;
  }
  if (!out || typeof out !== 'object' || !out.kind) throw new CliError("Object 'Kind' is missing in '" + JSON.stringify(out) + "'");
  if (!out.apiVersion) throw new CliError("Object 'apiVersion' is missing in '" + JSON.stringify(out) + "'");
  return toTyped(out);
}
