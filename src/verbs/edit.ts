/**
 * `kubectl edit (RESOURCE/NAME | -f FILENAME)`: the objects go to a temp file, $KUBE_EDITOR (or
 * $EDITOR, or vi) edits it, and the changes are sent as patches. A file with errors is reopened
 * with the errors in its header, as kubectl does.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import type { ApiServer } from '../api/server.js';
import type { ResourceInfo } from '../api/registry.js';
import { CliError, ExitError, AggregateError2 } from '../cli/errors.js';
import { isStatusError } from '../api/errors.js';
import { goTypeFor } from '../api/gotypes.js';
import { createMergePatch, createTwoWayMergePatch, patchResource, type PatchType } from '../api/patch.js';
import { printJson } from '../printers/output.js';
import { refName, sortedJson, withLastApplied } from './util/objects.js';
import { parseManifestText } from './util/manifests.js';
import { mapManifest } from './util/objects.js';
import { VALIDATE_FLAG, parseValidate } from './apply.js';
import { SAVE_CONFIG_FLAG, SHOW_MANAGED_FIELDS_FLAG, fieldManagerFlag } from './create/common.js';
import { resolveTargets, targetSpec, NO_RESOURCES, type Target } from './util/targets.js';
import { ObjectPrinter } from './util/print-object.js';

export const verb: VerbModule = {
  use: 'edit (RESOURCE/NAME | -f FILENAME) [options]',
  long: `Edit a resource from the default editor.

 The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.

 You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.

 Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.

 The default format is YAML. To edit in JSON, specify "-o json".

 The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.

 In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.`,
  example: `  # Edit the service named 'registry'
  kubectl edit svc/registry
  
  # Use an alternative editor
  KUBE_EDITOR="nano" kubectl edit svc/registry
  
  # Edit the job 'myjob' in JSON using the v1 API format
  kubectl edit job.v1.batch/myjob -o json
  
  # Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
  kubectl edit deployment/mydeployment -o yaml --save-config`,
  flags: [
    fieldManagerFlag('kubectl-edit'),
    { name: 'filename', short: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files to use to edit the resource' },
    { name: 'output', short: 'o', type: 'string', usage: 'Output format. One of: (json, yaml).' },
    { name: 'output-patch', type: 'bool', usage: 'Output the patch if the resource is edited.' },
    {
      name: 'recursive',
      short: 'R',
      type: 'bool',
      usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
    },
    SAVE_CONFIG_FLAG,
    SHOW_MANAGED_FIELDS_FLAG,
    VALIDATE_FLAG(),
    { name: 'windows-line-endings', type: 'bool', usage: 'Defaults to the line ending native to your platform.' },
  ],
  run,
};

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

interface Reason {
  head: string;
  other: string[];
}

/** editHeader.writeTo: the instructions and the reasons the file was reopened. */
function header(reasons: Reason[]): string {
  let s = HEADER;
  for (const r of reasons) {
    s += r.other.length ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) s += `# * ${hashOnLineBreak(o)}\n`;
    s += '#\n';
  }
  return s;
}

function hashOnLineBreak(s: string): string {
  let r = '';
  for (let i = 0; i < s.length; i++) r += s[i] === '\n' && i + 1 < s.length && s[i + 1] !== '#' ? '\n# ' : s[i];
  return r;
}

/** cmdutil.ManualStrip: the text without comment lines. */
function manualStrip(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    const t = line.trim();
    if (t.startsWith('#') && !t.startsWith('#!')) return;
    out.push(line + (i < lines.length - 1 ? '\n' : ''));
  });
  return out.join('');
}

/** cmdutil.StripComments: the document's JSON (comments and layout ignored), or the stripped text. */
async function stripComments(text: string): Promise<string> {
  if (/^\s*\{/.test(text)) return text;
  try {
    const { parseAllDocuments, GO_YAML } = await import('../util/yaml-parse.js');
    const docs = parseAllDocuments(text, GO_YAML);
    const list = Array.isArray(docs) ? docs : [docs];
    if (list.some((d) => d.errors.length)) return manualStrip(text);
    return sortedJson(list.length ? list[0].toJS({ maxAliasCount: -1 }) : null);
  } catch {
    return manualStrip(text);
  }
}

/** The editor command as kubectl builds it from KUBE_EDITOR / EDITOR. */
function editorArgs(env: Ctx['env']): { args: string[]; shell: boolean } {
  const editor = env.KUBE_EDITOR || env.EDITOR || 'vi';
  if (!editor.includes(' ')) return { args: [editor], shell: false };
  if (!/["'\\]/.test(editor)) return { args: editor.split(' '), shell: false };
  return { args: [env.SHELL || '/bin/bash', '-c', editor], shell: true };
}

/** Editor.LaunchTempFile: writes the buffer, runs the editor, reads the result. */
function launchTempFile(ctx: Ctx, ext: string, content: string, crlf: boolean): { edited: string; file: string } {
  const dir = ctx.env.TMPDIR || tmpdir();
  const file = join(dir, `kubectl-edit-${randomInt(1e9, 1e10)}${ext}`);
  writeFileSync(file, crlf ? content.replace(/\n/g, '\r\n') : content);
  const { args, shell } = editorArgs(ctx.env);
  const full = shell ? [...args.slice(0, -1), `${args[args.length - 1]} ${JSON.stringify(file)}`] : [...args, file];
  const r = spawnSync(full[0], full.slice(1), { stdio: 'inherit', env: ctx.env as NodeJS.ProcessEnv, cwd: ctx.cwd });
  const shown = args.join(' ');
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ENOENT') throw Object.assign(new CliError(`unable to launch the editor ${JSON.stringify(shown)}`), { file });
  if (r.error || r.status !== 0) throw Object.assign(new CliError(`there was a problem with the editor ${JSON.stringify(shown)}`), { file });
  return { edited: readFileSync(file, 'utf8'), file };
}

/** preservedFile: tells where the user's changes are, then fails with err. */
function preserved(ctx: Ctx, err: unknown, file: string | undefined): unknown {
  if (file && existsSync(file)) ctx.io.err(`A copy of your changes has been stored to ${JSON.stringify(file)}\n`);
  return err;
}

const resourceString = (ri: ResourceInfo) => (ri.group ? `${ri.resource}.${ri.group}` : ri.resource);

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const output = (v.output as string) || 'yaml';
  if (output !== 'yaml' && output !== 'json') throw new CliError(`unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml`);
  const printed = v.output as string;
  parseValidate(v.validate as string);
  const files = v.filename as string[];
  if (!p.args.length && !files.length) throw new CliError(NO_RESOURCES);
  const spec = await targetSpec(ctx, p.args, files, v.recursive as boolean, { all: true, latest: true });
  const session = await ctx.cluster();
  const ns = ctx.namespace();
  const targets: Target[] = await session.tx((api) => resolveTargets(api, spec, ns));
  const errs = targets.filter((t) => t.error).map((t) => t.error);
  if (errs.length === 1) throw errs[0];
  if (errs.length) throw new AggregateError2(errs);
  if (!targets.length) throw new CliError('edit cancelled, no objects found');
  const infos = targets.map((t) => ({ ri: t.ri, obj: t.obj! }));
  const original = infos.length === 1 ? infos[0].obj : { apiVersion: 'v1', items: infos.map((i) => i.obj), kind: 'List', metadata: {} };
  const ext = output === 'json' ? '.json' : '.yaml';
  const crlf = v['windows-line-endings'] as boolean;
  const render = async (o: unknown) => (output === 'json' ? printJson(o) : (await import('../printers/yaml.js')).printYaml(o));
  const originalText = await render(original);

  let reasons: Reason[] = [];
  let containsError = false;
  let edited = '';
  let resultsFile: string | undefined;
  for (;;) {
    let buf = output === 'yaml' ? header(reasons) : '';
    buf += containsError ? manualStrip(edited) : originalText;
    const editedDiff = edited;
    let launched;
    try {
      launched = launchTempFile(ctx, ext, buf, crlf);
    } catch (e) {
      throw preserved(ctx, e, resultsFile);
    }
    edited = launched.edited;
    const file = launched.file;
    if (containsError && (await stripComments(editedDiff)) === (await stripComments(edited))) {
      throw preserved(ctx, new CliError('Edit cancelled, no valid changes were saved.'), file);
    }
    if (resultsFile) rmSync(resultsFile, { force: true });
    if ((await stripComments(originalText)) === (await stripComments(edited))) {
      rmSync(file, { force: true });
      ctx.io.err('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!edited.split('\n').some((l) => l.trim() && !l.trim().startsWith('#'))) {
      rmSync(file, { force: true });
      ctx.io.err('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    resultsFile = file;
    reasons = [];
    let updated: KObject[];
    try {
      updated = await parseManifestText(edited.replace(/\r\n/g, '\n'), 'edited-file');
    } catch (e) {
      containsError = true;
      reasons.push({ head: `The edited file had a syntax error: ${(e as Error).message}`, other: [] });
      continue;
    }
    containsError = false;
    let mapped: { ri: ResourceInfo; obj: KObject }[];
    try {
      mapped = updated.map((obj) => mapManifest({ obj, source: 'edited-file' }, ns, true));
    } catch (e) {
      throw preserved(ctx, e, file);
    }
    if (v['save-config']) mapped = mapped.map((m) => ({ ...m, obj: withLastApplied(m.obj) }));
    type Out = { obj: KObject; line: string } | { stdout: string } | { stderr: string };
    const out: Out[] = [];
    let retryable = 0;
    let notfound = 0;
    let invalid = 0;
    let failure: unknown;
    await session.tx(
      (api: ApiServer) => {
        for (const m of mapped) {
          const orig = infos.find((i) => i.obj.metadata.uid === m.obj.metadata.uid);
          if (!orig) {
            failure = new CliError(`no original object found for ${JSON.stringify(m.obj)}`);
            return;
          }
          const name = m.obj.metadata.name ?? '';
          if (sortedJson(orig.obj) === sortedJson(m.obj)) {
            out.push({ obj: m.obj, line: `${refName(m.ri, name)} skipped` });
            continue;
          }
          const schema = goTypeFor(m.obj.apiVersion, m.obj.kind);
          const type: PatchType = schema ? 'strategic' : 'merge';
          const patch = schema ? createTwoWayMergePatch(orig.obj, m.obj, schema) : createMergePatch(orig.obj, m.obj);
          if ('apiVersion' in patch || 'kind' in patch || 'managedFields' in patch || (patch.metadata && typeof patch.metadata === 'object' && 'name' in patch.metadata)) {
            failure = new CliError('At least one of apiVersion, kind and name was changed');
            return;
          }
          if (v['output-patch']) out.push({ stdout: `Patch: ${JSON.stringify(patch)}\n` });
          try {
            const { after } = patchResource(api, orig.ri, orig.obj.metadata.namespace, orig.obj.metadata.name ?? '', type, patch);
            out.push({ obj: after, line: `${refName(m.ri, name)} edited` });
          } catch (e) {
            const rs = resourceString(m.ri);
            if (isStatusError(e) && e.status.reason === 'Invalid') {
              invalid++;
              reasons.push({ head: `${rs} ${JSON.stringify(name)} was not valid`, other: (e.status.details?.causes ?? []).map((c) => `${c.field}: ${c.message}`) });
              out.push({ stderr: `error: ${rs} ${JSON.stringify(name)} is invalid\n` });
            } else if (isStatusError(e) && e.status.reason === 'NotFound') {
              notfound++;
              out.push({ stderr: `error: ${rs} ${JSON.stringify(name)} could not be found on the server\n` });
            } else {
              retryable++;
              out.push({ stderr: `error: ${rs} ${JSON.stringify(name)} could not be patched: ${isStatusError(e) ? e.status.message : (e as Error).message}\n` });
            }
          }
        }
      },
      { write: true },
    );
    for (const o of out) {
      if ('stdout' in o) ctx.io.out(o.stdout);
      else if ('stderr' in o) ctx.io.err(o.stderr);
      else await new ObjectPrinter(ctx, printed).print(o.obj, o.line);
    }
    if (failure) throw preserved(ctx, failure, file);
    if (retryable > 0) {
      ctx.io.err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
      throw new ExitError(1);
    }
    if (notfound > 0) {
      ctx.io.err(`The edits you made on deleted resources have been saved to ${JSON.stringify(file)}\n`);
      throw new ExitError(1);
    }
    if (invalid === 0) {
      rmSync(file, { force: true });
      return 0;
    }
    containsError = true;
  }
}
