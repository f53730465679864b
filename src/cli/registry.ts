import type { CommandNode } from './types.js';

/**
 * The command tree, in kubectl's registration order (which is also the order of "Did you mean
 * this?" suggestions and of `kubectl --help`). Each verb's module is imported only when it runs.
 * A verb that is not listed here does not exist: kubectl's "unknown command" answers for it.
 */
export const COMMANDS: CommandNode[] = [
  {
    name: 'create',
    short: 'Create a resource from a file or from stdin',
    group: 'Basic Commands (Beginner):',
    load: () => import('../verbs/create.js').then((m) => m.verb),
    // kubectl's registration order of the generators.
    children: [
      { name: 'namespace', aliases: ['ns'], short: 'Create a namespace with the specified name', load: () => import('../verbs/create/namespace.js').then((m) => m.verb) },
      { name: 'quota', aliases: ['resourcequota'], short: 'Create a quota with the specified name', load: () => import('../verbs/create/quota.js').then((m) => m.verb) },
      {
        name: 'secret',
        short: 'Create a secret using a specified subcommand',
        load: () => import('../verbs/create/groups.js').then((m) => m.secret),
        children: [
          { name: 'generic', short: 'Create a secret from a local file, directory, or literal value', load: () => import('../verbs/create/secret.js').then((m) => m.generic) },
          { name: 'tls', short: 'Create a TLS secret', load: () => import('../verbs/create/secret.js').then((m) => m.tls) },
          { name: 'docker-registry', short: 'Create a secret for use with a Docker registry', load: () => import('../verbs/create/secret.js').then((m) => m.dockerRegistry) },
        ],
      },
      { name: 'configmap', aliases: ['cm'], short: 'Create a config map from a local file, directory or literal value', load: () => import('../verbs/create/configmap.js').then((m) => m.verb) },
      { name: 'serviceaccount', aliases: ['sa'], short: 'Create a service account with the specified name', load: () => import('../verbs/create/serviceaccount.js').then((m) => m.verb) },
      {
        name: 'service',
        aliases: ['svc'],
        short: 'Create a service using a specified subcommand',
        load: () => import('../verbs/create/groups.js').then((m) => m.service),
        children: [
          { name: 'clusterip', short: 'Create a ClusterIP service', load: () => import('../verbs/create/service.js').then((m) => m.clusterip) },
          { name: 'nodeport', short: 'Create a NodePort service', load: () => import('../verbs/create/service.js').then((m) => m.nodeport) },
          { name: 'loadbalancer', short: 'Create a LoadBalancer service', load: () => import('../verbs/create/service.js').then((m) => m.loadbalancer) },
          { name: 'externalname', short: 'Create an ExternalName service', load: () => import('../verbs/create/service.js').then((m) => m.externalname) },
        ],
      },
      { name: 'deployment', aliases: ['deploy'], short: 'Create a deployment with the specified name', load: () => import('../verbs/create/deployment.js').then((m) => m.verb) },
      { name: 'clusterrole', short: 'Create a cluster role', load: () => import('../verbs/create/rbac.js').then((m) => m.clusterrole) },
      { name: 'clusterrolebinding', short: 'Create a cluster role binding for a particular cluster role', load: () => import('../verbs/create/rbac.js').then((m) => m.clusterrolebinding) },
      { name: 'role', short: 'Create a role with single rule', load: () => import('../verbs/create/rbac.js').then((m) => m.role) },
      { name: 'rolebinding', short: 'Create a role binding for a particular role or cluster role', load: () => import('../verbs/create/rbac.js').then((m) => m.rolebinding) },
      { name: 'poddisruptionbudget', aliases: ['pdb'], short: 'Create a pod disruption budget with the specified name', load: () => import('../verbs/create/pdb.js').then((m) => m.verb) },
      { name: 'priorityclass', aliases: ['pc'], short: 'Create a priority class with the specified name', load: () => import('../verbs/create/priorityclass.js').then((m) => m.verb) },
      { name: 'job', short: 'Create a job with the specified name', load: () => import('../verbs/create/job.js').then((m) => m.verb) },
      { name: 'cronjob', aliases: ['cj'], short: 'Create a cron job with the specified name', load: () => import('../verbs/create/cronjob.js').then((m) => m.verb) },
      { name: 'ingress', aliases: ['ing'], short: 'Create an ingress with the specified name', load: () => import('../verbs/create/ingress.js').then((m) => m.verb) },
      { name: 'token', short: 'Request a service account token', load: () => import('../verbs/create/token.js').then((m) => m.verb) },
    ],
  },
  {
    name: 'expose',
    short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
    group: 'Basic Commands (Beginner):',
    load: () => import('../verbs/expose.js').then((m) => m.verb),
  },
  { name: 'run', short: 'Run a particular image on the cluster', group: 'Basic Commands (Beginner):', load: () => import('../verbs/run.js').then((m) => m.verb) },
  {
    name: 'set',
    short: 'Set specific features on objects',
    group: 'Basic Commands (Beginner):',
    load: () => import('../verbs/set/group.js').then((m) => m.verb),
    children: [
      { name: 'env', short: 'Update environment variables on a pod template', load: () => import('../verbs/set/env.js').then((m) => m.verb) },
      { name: 'image', short: 'Update the image of a pod template', load: () => import('../verbs/set/image.js').then((m) => m.verb) },
      { name: 'resources', short: 'Update resource requests/limits on objects with pod templates', load: () => import('../verbs/set/resources.js').then((m) => m.verb) },
      { name: 'selector', short: 'Set the selector on a resource', load: () => import('../verbs/set/selector.js').then((m) => m.verb) },
      { name: 'serviceaccount', aliases: ['sa'], short: 'Update the service account of a resource', load: () => import('../verbs/set/serviceaccount.js').then((m) => m.verb) },
      {
        name: 'subject',
        short: 'Update the user, group, or service account in a role binding or cluster role binding',
        load: () => import('../verbs/set/subject.js').then((m) => m.verb),
      },
    ],
  },
  { name: 'explain', short: 'Get documentation for a resource', group: 'Basic Commands (Intermediate):', load: () => import('../verbs/explain.js').then((m) => m.verb) },
  { name: 'get', short: 'Display one or many resources', group: 'Basic Commands (Intermediate):', load: () => import('../verbs/get.js').then((m) => m.verb) },
  { name: 'edit', short: 'Edit a resource on the server', group: 'Basic Commands (Intermediate):', load: () => import('../verbs/edit.js').then((m) => m.verb) },
  {
    name: 'delete',
    short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    group: 'Basic Commands (Intermediate):',
    load: () => import('../verbs/delete.js').then((m) => m.verb),
  },
  {
    name: 'rollout',
    short: 'Manage the rollout of a resource',
    group: 'Deploy Commands:',
    load: () => import('../verbs/rollout/index.js').then((m) => m.group),
    children: [
      { name: 'history', short: 'View rollout history', load: () => import('../verbs/rollout/index.js').then((m) => m.history) },
      { name: 'pause', short: 'Mark the provided resource as paused', load: () => import('../verbs/rollout/index.js').then((m) => m.pause) },
      { name: 'restart', short: 'Restart a resource', load: () => import('../verbs/rollout/index.js').then((m) => m.restartVerb) },
      { name: 'resume', short: 'Resume a paused resource', load: () => import('../verbs/rollout/index.js').then((m) => m.resume) },
      { name: 'status', short: 'Show the status of the rollout', load: () => import('../verbs/rollout/index.js').then((m) => m.status) },
      { name: 'undo', short: 'Undo a previous rollout', load: () => import('../verbs/rollout/index.js').then((m) => m.undo) },
    ],
  },
  {
    name: 'scale',
    short: 'Set a new size for a deployment, replica set, or replication controller',
    group: 'Deploy Commands:',
    load: () => import('../verbs/scale.js').then((m) => m.verb),
  },
  {
    name: 'autoscale',
    short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
    group: 'Deploy Commands:',
    load: () => import('../verbs/autoscale.js').then((m) => m.verb),
  },
  { name: 'cluster-info', short: 'Display cluster information', group: 'Cluster Management Commands:', load: () => import('../verbs/cluster-info.js').then((m) => m.verb) },
  {
    name: 'top',
    short: 'Display resource (CPU/memory) usage',
    group: 'Cluster Management Commands:',
    children: [
      { name: 'node', aliases: ['nodes', 'no'], short: 'Display resource (CPU/memory) usage of nodes', load: () => import('../verbs/top/index.js').then((m) => m.node) },
      { name: 'pod', aliases: ['pods', 'po'], short: 'Display resource (CPU/memory) usage of pods', load: () => import('../verbs/top/index.js').then((m) => m.pod) },
    ],
  },
  { name: 'cordon', short: 'Mark node as unschedulable', group: 'Cluster Management Commands:', load: () => import('../verbs/drain.js').then((m) => m.cordon) },
  { name: 'uncordon', short: 'Mark node as schedulable', group: 'Cluster Management Commands:', load: () => import('../verbs/drain.js').then((m) => m.uncordon) },
  { name: 'drain', short: 'Drain node in preparation for maintenance', group: 'Cluster Management Commands:', load: () => import('../verbs/drain.js').then((m) => m.drain) },
  { name: 'taint', short: 'Update the taints on one or more nodes', group: 'Cluster Management Commands:', load: () => import('../verbs/taint.js').then((m) => m.verb) },
  {
    name: 'describe',
    short: 'Show details of a specific resource or group of resources',
    group: 'Troubleshooting and Debugging Commands:',
    load: () => import('../verbs/describe.js').then((m) => m.verb),
  },
  { name: 'logs', short: 'Print the logs for a container in a pod', group: 'Troubleshooting and Debugging Commands:', load: () => import('../verbs/logs.js').then((m) => m.verb) },
  { name: 'attach', short: 'Attach to a running container', group: 'Troubleshooting and Debugging Commands:', load: () => import('../verbs/unsupported.js').then((m) => m.attach) },
  { name: 'exec', short: 'Execute a command in a container', group: 'Troubleshooting and Debugging Commands:', load: () => import('../verbs/exec.js').then((m) => m.verb) },
  { name: 'port-forward', short: 'Forward one or more local ports to a pod', group: 'Troubleshooting and Debugging Commands:', load: () => import('../verbs/unsupported.js').then((m) => m.port_forward) },
  { name: 'proxy', short: 'Run a proxy to the Kubernetes API server', group: 'Troubleshooting and Debugging Commands:', load: () => import('../verbs/unsupported.js').then((m) => m.proxy) },
  { name: 'cp', short: 'Copy files and directories to and from containers', group: 'Troubleshooting and Debugging Commands:', load: () => import('../verbs/unsupported.js').then((m) => m.cp) },
  {
    name: 'auth',
    short: 'Inspect authorization',
    group: 'Troubleshooting and Debugging Commands:',
    children: [
      { name: 'can-i', short: 'Check whether an action is allowed', load: () => import('../verbs/auth.js').then((m) => m.canIVerb) },
      { name: 'whoami', short: 'Experimental: Check self subject attributes', load: () => import('../verbs/auth.js').then((m) => m.whoamiVerb) },
    ],
  },
  { name: 'debug', short: 'Create debugging sessions for troubleshooting workloads and nodes', group: 'Troubleshooting and Debugging Commands:', load: () => import('../verbs/unsupported.js').then((m) => m.debug) },
  { name: 'events', short: 'List events', group: 'Troubleshooting and Debugging Commands:', load: () => import('../verbs/events.js').then((m) => m.verb) },
  { name: 'diff', short: 'Diff the live version against a would-be applied version', group: 'Advanced Commands:', load: () => import('../verbs/diff.js').then((m) => m.verb) },
  { name: 'apply', short: 'Apply a configuration to a resource by file name or stdin', group: 'Advanced Commands:', load: () => import('../verbs/apply.js').then((m) => m.verb) },
  { name: 'patch', short: 'Update fields of a resource', group: 'Advanced Commands:', load: () => import('../verbs/patch.js').then((m) => m.verb) },
  { name: 'replace', short: 'Replace a resource by file name or stdin', group: 'Advanced Commands:', load: () => import('../verbs/replace.js').then((m) => m.verb) },
  { name: 'wait', short: 'Experimental: Wait for a specific condition on one or many resources', group: 'Advanced Commands:', load: () => import('../verbs/wait.js').then((m) => m.verb) },
  { name: 'label', short: 'Update the labels on a resource', group: 'Settings Commands:', load: () => import('../verbs/label.js').then((m) => m.verb) },
  { name: 'annotate', short: 'Update the annotations on a resource', group: 'Settings Commands:', load: () => import('../verbs/annotate.js').then((m) => m.verb) },
  { name: 'completion', short: 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)', group: 'Settings Commands:', load: () => import('../verbs/completion.js').then((m) => m.completionVerb) },
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
  {
    name: 'node',
    short: 'Add, stop, start and delete simulated nodes',
    group: 'kubemu Commands:',
    kubemu: true,
    children: [
      { name: 'add', short: 'Add a worker node', load: () => import('../verbs/node/index.js').then((m) => m.add) },
      { name: 'stop', short: "Stop a node's kubelet, as if the machine failed", load: () => import('../verbs/node/index.js').then((m) => m.stop) },
      { name: 'start', short: "Start a stopped node's kubelet again", load: () => import('../verbs/node/index.js').then((m) => m.start) },
      { name: 'delete', short: 'Remove a node from the cluster', load: () => import('../verbs/node/index.js').then((m) => m.remove) },
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
