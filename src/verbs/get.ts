import type { Ctx, VerbModule } from '../cli/types.js';
import type { Parsed } from '../cli/flags.js';
import type { KObject } from '../api/types.js';
import type { ResourceInfo } from '../api/registry.js';
import type { ApiServer } from '../api/server.js';
import { CliError, ExitError, AggregateError2 } from '../cli/errors.js';
import { isStatusError } from '../api/errors.js';
import { parseResourceArgs, type ResourceRequest } from './util/resources.js';
import { tableRows, type TableOptions } from '../printers/table/print.js';
import { TabWriter, GET_TABWRITER } from '../printers/tabwriter.js';
import { asList } from '../printers/output.js';
import { GET_PRINT_FLAGS, makePrinter, printFlagValues, type Printer } from '../printers/index.js';

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

/**
 * What one API request returned, as kubectl's resource builder hands it over: a list request gives
 * one result (possibly empty), a request by name one result per object found.
 */
export interface Found {
  ri: ResourceInfo;
  objs: KObject[];
  /** resourceVersion of the list (the cluster's revision when it was read). */
  rv: string;
}

export const verb: VerbModule = {
  use: 'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  long: `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `  # List all pods in ps output format
  kubectl get pods
  
  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide
  
  # List a single replication controller with specified NAME in ps output format
  kubectl get replicationcontroller web
  
  # List deployments in JSON output format, in the "v1" version of the "apps" API group
  kubectl get deployments.v1.apps -o json
  
  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7
  
  # List a pod identified by type and name specified in "pod.yaml" in JSON output format
  kubectl get -f pod.yaml -o json
  
  # List resources from a directory with kustomization.yaml - e.g. dir/kustomization.yaml
  kubectl get -k dir/
  
  # Return only the phase value of the specified pod
  kubectl get -o template pod/web-pod-13je7 --template={{.status.phase}}
  
  # List resource information in custom columns
  kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image
  
  # List all replication controllers and services together in ps output format
  kubectl get rc,services
  
  # List one or more resources by their type and names
  kubectl get rc/web service/frontend pods/web-pod-13je7
  
  # List the 'status' subresource for a single pod
  kubectl get pod web-pod-13je7 --subresource status
  
  # List all deployments in namespace 'backend'
  kubectl get deployments.apps --namespace backend
  
  # List all pods existing in all namespaces
  kubectl get pods --all-namespaces`,
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool', usage: 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.' },
    { name: 'chunk-size', type: 'int', default: 500, usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { name: 'field-selector', type: 'string', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    { name: 'filename', short: 'f', type: 'stringSlice', usage: 'Filename, directory, or URL to files identifying the resource to get from a server.' },
    { name: 'ignore-not-found', type: 'bool', usage: 'If the requested object does not exist the command will return exit code 0.' },
    { name: 'label-columns', short: 'L', type: 'stringSlice', usage: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' },
    { name: 'recursive', short: 'R', type: 'bool', usage: 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.' },
    { name: 'output-watch-events', type: 'bool', usage: 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.' },
    { name: 'selector', short: 'l', type: 'string', usage: "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints." },
    { name: 'server-print', type: 'bool', default: true, usage: 'If true, have the server return the appropriate table output. Supports extension APIs and CRDs.' },
    { name: 'show-kind', type: 'bool', usage: 'If present, list the resource type for the requested object(s).' },
    { name: 'show-labels', type: 'bool', usage: 'When printing, show all labels as the last column (default hide labels column)' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string." },
    { name: 'watch', short: 'w', type: 'bool', usage: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
    ...GET_PRINT_FLAGS,
  ],
  run,
};

export interface GetOptions {
  allNs: boolean;
  ns: string;
  selector: string;
  fieldSelector: string;
  ignoreNotFound: boolean;
  sortBy: string;
  output: string;
  noHeaders: boolean;
  showKind: boolean;
  showLabels: boolean;
  labelColumns: string[];
  serverPrint: boolean;
}

function options(ctx: Ctx, p: Parsed): GetOptions {
  const v = p.values;
  return {
    allNs: v['all-namespaces'] as boolean,
    ns: ctx.namespace(),
    selector: v.selector as string,
    fieldSelector: v['field-selector'] as string,
    ignoreNotFound: v['ignore-not-found'] as boolean,
    sortBy: v['sort-by'] as string,
    output: v.output as string,
    noHeaders: v['no-headers'] as boolean,
    showKind: v['show-kind'] as boolean,
    showLabels: v['show-labels'] as boolean,
    labelColumns: v['label-columns'] as string[],
    serverPrint: v['server-print'] as boolean,
  };
}

async function run(ctx: Ctx, p: Parsed): Promise<number> {
  const v = p.values;
  const o = options(ctx, p);
  const watch = (v.watch as boolean) || (v['watch-only'] as boolean);
  const template = v.template as string;
  const human = (!o.output && !template) || o.output === 'wide';
  if (watch) {
    if (o.sortBy) ctx.io.err(`warning: --${v.watch ? 'watch' : 'watch-only'} requested, --sort-by will be ignored${v.watch ? ' for watch events received' : ''}\n`);
  } else if (!p.args.length && !(v.filename as string[]).length) {
    ctx.io.err(NO_TYPE);
    throw new ExitError(1);
  }
  if (o.showLabels && o.output && o.output !== 'wide') throw new CliError(`--show-labels option cannot be used with ${o.output} printer`);
  if ((v['output-watch-events'] as boolean) && !watch) throw new CliError('--output-watch-events option can only be used with --watch or --watch-only');
  if ((v.filename as string[]).length && !watch) return getFromFiles(ctx, p, o, human);
  const requests = parseResourceArgs(p.args);
  if (watch) {
    const { watchGet } = await import('./get-watch.js');
    return watchGet(ctx, p, o, requests, human);
  }
  if (o.selector && requests.some((r) => r.names.length)) throw new CliError('name cannot be provided when a selector is specified');
  if (o.allNs && requests.some((r) => r.names.length)) throw new CliError('a resource cannot be retrieved by name across all namespaces');
  const errors: unknown[] = [];
  const session = await ctx.cluster();
  const { found, now } = await session.tx((api) => ({ found: fetchAll(api, requests, o, errors), now: api.now }));
  const kept = o.ignoreNotFound ? errors.filter((e) => !(isStatusError(e) && e.reason === 'NotFound')) : errors;
  if (human) return printHuman(ctx, found, kept, o, now);
  const singleItemImplied = requests.length === 1 && requests[0].names.length === 1;
  return printGeneric(ctx, p, singleItemImplied, found, kept, o);
}

/** get -f: the objects the files name, read again from the cluster, in the files' order. */
async function getFromFiles(ctx: Ctx, p: Parsed, o: GetOptions, human: boolean): Promise<number> {
  const v = p.values;
  const files = v.filename as string[];
  if (p.args.length) throw new CliError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  const { readManifests } = await import('./util/manifests.js');
  const { mapManifest } = await import('./util/objects.js');
  const manifests = await readManifests(ctx, files, v.recursive as boolean, 'get');
  const targets = manifests.map((m) => mapManifest(m, o.ns, ctx.namespaceExplicit()));
  const errors: unknown[] = [];
  const session = await ctx.cluster();
  const { found, now } = await session.tx((api) => {
    const found: Found[] = [];
    for (const t of targets) {
      try {
        const obj = api.get(t.ri, t.ri.namespaced ? t.obj.metadata.namespace : undefined, t.obj.metadata.name ?? '');
        found.push({ ri: t.ri, objs: [obj], rv: String(api.doc.rv) });
      } catch (e) {
        errors.push(e);
      }
    }
    return { found, now: api.now };
  });
  const kept = o.ignoreNotFound ? errors.filter((e) => !(isStatusError(e) && e.reason === 'NotFound')) : errors;
  let results = found;
  if (o.selector) {
    const { parseLabelSelector, matchesLabels } = await import('../api/selectors.js');
    let reqs;
    try {
      reqs = parseLabelSelector(o.selector);
    } catch (e) {
      throw new CliError(`the provided selector "${o.selector}" is not valid: ${(e as Error).message}`);
    }
    results = found.filter((f) => matchesLabels(reqs, f.objs[0].metadata.labels));
  }
  if (human) return printHuman(ctx, results, kept, o, now);
  const single = files.length === 1 && files[0] !== '-' && manifests.every((m) => m.source === files[0]);
  return printGeneric(ctx, p, single, results, kept, o);
}

/** Reads what the requests ask for, as the resource builder would (errors collected, not thrown). */
export function fetchAll(api: ApiServer, requests: ResourceRequest[], o: Pick<GetOptions, 'allNs' | 'ns' | 'selector' | 'fieldSelector'>, errors: unknown[]): Found[] {
  const found: Found[] = [];
  for (const r of requests) {
    const ns = r.ri.namespaced ? (o.allNs ? undefined : o.ns) : undefined;
    const rv = String(api.doc.rv);
    if (r.names.length) {
      for (const n of r.names) {
        try {
          found.push({ ri: r.ri, objs: [api.get(r.ri, ns, n)], rv });
        } catch (e) {
          errors.push(e);
        }
      }
      continue;
    }
    try {
      // The server checks the selectors before listing (an unsupported field fails even on an empty list).
      if (o.fieldSelector) api.checkFieldSelector(r.ri, o.fieldSelector);
      found.push({ ri: r.ri, objs: api.list(r.ri, ns, { labelSelector: o.selector, fieldSelector: o.fieldSelector }), rv });
    } catch (e) {
      errors.push(enhanceListError(e, r.ri, o.selector, o.fieldSelector));
    }
  }
  return found;
}

/** kubectl's EnhanceListError: says what was being listed when the server refused a list. */
export function enhanceListError(e: unknown, ri: ResourceInfo, labelSelector: string, fieldSelector: string): unknown {
  if (!isStatusError(e) || (e.reason !== 'BadRequest' && e.reason !== 'NotFound')) return e;
  const gvr = `${ri.group ? `${ri.group}/` : '/'}${ri.version}, Resource=${ri.resource}`;
  e.status.message = !labelSelector && !fieldSelector ? `Unable to list "${gvr}": ${e.status.message}` : `Unable to find "${gvr}" that match label selector "${labelSelector}", field selector "${fieldSelector}": ${e.status.message}`;
  return e;
}

function reportErrors(errors: unknown[]): number {
  if (!errors.length) return 0;
  throw errors.length === 1 ? errors[0] : new AggregateError2(errors);
}

/** The table options for one resource's rows. */
export function tableOptions(o: GetOptions, ri: ResourceInfo, withKind: boolean, now: number): TableOptions {
  return {
    wide: o.output === 'wide',
    noHeaders: o.noHeaders,
    withNamespace: o.allNs && ri.namespaced,
    showLabels: o.showLabels,
    labelColumns: o.labelColumns,
    withKind: withKind || o.showKind,
    now,
    serverPrint: o.serverPrint,
  };
}

/** kubectl's human-readable path: one table per resource type, blank lines between them. */
async function printHuman(ctx: Ctx, found: Found[], errors: unknown[], o: GetOptions, now: number): Promise<number> {
  let results = found;
  if (o.sortBy) {
    const { SortField, SortError, klogLine } = await import('../printers/sort.js');
    try {
      // Several results are sorted as objects (kubectl sorts the Tables themselves by the field).
      if (results.length > 1) {
        const field = new SortField(o.sortBy);
        const tables = results.map((f) => ({ f, table: { apiVersion: 'meta.k8s.io/v1', kind: 'Table', metadata: { resourceVersion: f.rv } } }));
        results = field.sort(tables, (t) => t.table).map((t) => t.f);
      }
    } catch (e) {
      if (e instanceof SortError && e.kind !== 'unsortable') throw new CliError(e.message);
      throw e;
    }
    // Each table's rows are sorted; when that fails (no row has the field, a bad path) kubectl
    // drops the table silently — but an unsortable value ends the process through klog.
    let field: InstanceType<typeof SortField> | undefined;
    try {
      field = new SortField(o.sortBy, true);
    } catch {
      field = undefined;
    }
    const sorted: Found[] = [];
    for (const f of results) {
      if (f.objs.length <= 1) {
        sorted.push(f);
        continue;
      }
      if (!field) {
        sorted.push({ ...f, objs: [] });
        continue;
      }
      try {
        sorted.push({ ...f, objs: field.sort([...f.objs]) });
      } catch (e) {
        if (e instanceof SortError && e.kind === 'unsortable') {
          ctx.io.err(klogLine(new Date(ctx.clock.now()), process.pid, 'table', field.field, e.message));
          throw new ExitError(1);
        }
        sorted.push({ ...f, objs: [] });
      }
    }
    results = sorted;
  }
  const withKind = results.length > 1 && new Set(results.map((f) => f.ri)).size > 1;
  // kubectl's printers share one flags object: once a namespaced kind is printed with -A, every
  // later kind gets the NAMESPACE column too (empty for cluster-scoped objects).
  let withNamespace = false;
  const blocks: string[] = [];
  let text = '';
  let last: ResourceInfo | undefined;
  let printedHeaders = false;
  const flush = () => {
    if (text) blocks.push(new TabWriter(GET_TABWRITER).format(text));
    text = '';
  };
  for (const f of results) {
    if (f.ri !== last) {
      flush();
      printedHeaders = false;
      last = f.ri;
    }
    if (o.allNs && f.ri.namespaced) withNamespace = true;
    const { header, rows } = tableRows(f.ri, f.objs, { ...tableOptions(o, f.ri, withKind, now), withNamespace });
    if (!rows.length) continue;
    if (!o.noHeaders && !printedHeaders) text += header.join('\t') + '\n';
    printedHeaders = true;
    for (const r of rows) text += r.join('\t') + '\n';
  }
  flush();
  const out = blocks.join(o.noHeaders ? '' : '\n');
  ctx.io.out(out);
  if (!out && !o.ignoreNotFound && !errors.length) {
    const allNamespaced = !o.allNs && results.every((f) => f.ri.namespaced);
    ctx.io.err(allNamespaced ? `No resources found in ${o.ns} namespace.\n` : 'No resources found\n');
  }
  return reportErrors(errors);
}

/** kubectl's printGeneric: json, yaml, name, templates, custom-columns — a List unless one object was asked for. */
async function printGeneric(ctx: Ctx, p: Parsed, singleItemImplied: boolean, found: Found[], errors: unknown[], o: GetOptions): Promise<number> {
  if (errors.length && singleItemImplied) return reportErrors(errors);
  const items = found.flatMap((f) => f.objs);
  if (!items.length && o.ignoreNotFound) return reportErrors(errors);
  const printer: Printer | undefined = await makePrinter(printFlagValues(p.values, p.changed), { formats: 'get', cwd: ctx.cwd });
  if (!printer) throw new CliError('unexpected output format');
  const errs = [...errors];
  try {
    if (!singleItemImplied || items.length !== 1) {
      let list = items;
      if (o.sortBy && list.length) {
        const { SortField, SortError, klogLine } = await import('../printers/sort.js');
        const field = new SortField(o.sortBy);
        try {
          list = field.sort([...list]);
        } catch (e) {
          if (e instanceof SortError && e.kind === 'unsortable') {
            ctx.io.err(klogLine(new Date(ctx.clock.now()), process.pid, 'objects', field.field, e.message));
            throw new ExitError(1);
          }
          throw e;
        }
      }
      ctx.io.out(printer.print(asList(list)));
    } else ctx.io.out(printer.print(items[0]));
  } catch (e) {
    const stdout = (e as { stdout?: string }).stdout;
    if (stdout) ctx.io.out(stdout);
    errs.push(e);
  }
  return reportErrors(errs);
}
