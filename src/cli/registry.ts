import type { CommandNode } from './types.js';

/**
 * The command tree, in kubectl's registration order (which is also the order of "Did you mean
 * this?" suggestions and of `kubectl --help`). Each verb's module is imported only when it runs.
 * A verb that is not listed here does not exist: kubectl's "unknown command" answers for it.
 */
export const COMMANDS: CommandNode[] = [
  { name: 'create', short: 'Create a resource from a file or from stdin', group: 'Basic Commands (Beginner):', load: () => import('../verbs/create.js').then((m) => m.verb) },
  { name: 'get', short: 'Display one or many resources', group: 'Basic Commands (Intermediate):', load: () => import('../verbs/get.js').then((m) => m.verb) },
  {
    name: 'delete',
    short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    group: 'Basic Commands (Intermediate):',
    load: () => import('../verbs/delete.js').then((m) => m.verb),
  },
  { name: 'events', short: 'List events', group: 'Troubleshooting and Debugging Commands:', load: () => import('../verbs/events.js').then((m) => m.verb) },
  { name: 'apply', short: 'Apply a configuration to a resource by file name or stdin', group: 'Advanced Commands:', load: () => import('../verbs/apply.js').then((m) => m.verb) },
  { name: 'api-resources', short: 'Print the supported API resources on the server', group: 'Other Commands:', load: () => import('../verbs/api-resources.js').then((m) => m.verb) },
  {
    name: 'api-versions',
    short: 'Print the supported API versions on the server, in the form of "group/version"',
    group: 'Other Commands:',
    load: () => import('../verbs/api-versions.js').then((m) => m.verb),
  },
  {
    name: 'config',
    short: 'Modify kubeconfig files',
    group: 'Other Commands:',
    children: [
      { name: 'current-context', short: 'Display the current-context', load: () => import('../verbs/config/current-context.js').then((m) => m.verb) },
      { name: 'get-contexts', short: 'Describe one or many contexts', load: () => import('../verbs/config/get-contexts.js').then((m) => m.verb) },
      { name: 'set-context', short: 'Set a context entry in kubeconfig', load: () => import('../verbs/config/set-context.js').then((m) => m.verb) },
      { name: 'use-context', aliases: ['use'], short: 'Set the current-context in a kubeconfig file', load: () => import('../verbs/config/use-context.js').then((m) => m.verb) },
      { name: 'view', short: 'Display merged kubeconfig settings or a specified kubeconfig file', load: () => import('../verbs/config/view.js').then((m) => m.verb) },
    ],
  },
  { name: 'version', short: 'Print the client and server version information', group: 'Other Commands:', load: () => import('../verbs/version.js').then((m) => m.verb) },
  {
    name: 'cluster',
    short: 'Create, delete, list and reset simulated clusters; move their clock',
    group: 'kubemu Commands:',
    kubemu: true,
    children: [
      { name: 'create', short: 'Create a simulated cluster and switch to it', load: () => import('../verbs/cluster/create.js').then((m) => m.verb) },
      { name: 'delete', short: 'Delete a simulated cluster and its context', load: () => import('../verbs/cluster/delete.js').then((m) => m.verb) },
      { name: 'list', short: 'List the simulated clusters', load: () => import('../verbs/cluster/list.js').then((m) => m.verb) },
      { name: 'reset', short: 'Recreate a simulated cluster from scratch', load: () => import('../verbs/cluster/reset.js').then((m) => m.verb) },
      { name: 'advance', short: "Move the cluster's clock forward and let the control plane catch up", load: () => import('../verbs/cluster/advance.js').then((m) => m.verb) },
    ],
  },
];

/** Group headings in `kubectl --help` order. */
export const GROUPS = [
  'Basic Commands (Beginner):',
  'Basic Commands (Intermediate):',
  'Deploy Commands:',
  'Cluster Management Commands:',
  'Troubleshooting and Debugging Commands:',
  'Advanced Commands:',
  'Settings Commands:',
  'Other Commands:',
  'kubemu Commands:',
];

export function findChild(node: CommandNode[] | undefined, word: string): CommandNode | undefined {
  return node?.find((c) => c.name === word || c.aliases?.includes(word));
}
