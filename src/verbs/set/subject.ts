/** `kubectl set subject (-f FILENAME | TYPE NAME) [--user=...] [--group=...] [--serviceaccount=ns:name]`. */
import type { VerbModule } from '../../cli/types.js';
import { CliError } from '../../cli/errors.js';
import { SET_FILE_FLAGS, SET_SELECTOR_FLAG, checkBuilder, resolveSet, runSet, setCommonFlags, setSelection } from './common.js';

export const verb: VerbModule = {
  use: 'set subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none] [options]',
  long: 'Update the user, group, or service account in a role binding or cluster role binding.',
  example: `  # Update a cluster role binding for serviceaccount1
  kubectl set subject clusterrolebinding admin --serviceaccount=namespace:serviceaccount1
  
  # Update a role binding for user1, user2, and group1
  kubectl set subject rolebinding admin --user=user1 --user=user2 --group=group1
  
  # Print the result (in YAML format) of updating rolebinding subjects from a local, without hitting the server
  kubectl create rolebinding admin --role=admin --user=admin -o yaml --dry-run=client | kubectl set subject --local -f - --user=foo -o yaml`,
  flags: [
    { name: 'all', type: 'bool', usage: 'Select all resources, in the namespace of the specified resource types' },
    ...SET_FILE_FLAGS(),
    { name: 'group', type: 'stringArray', usage: 'Groups to bind to the role' },
    { name: 'local', type: 'bool', usage: 'If true, set subject will NOT contact api-server but run locally.' },
    SET_SELECTOR_FLAG,
    { name: 'serviceaccount', type: 'stringArray', usage: 'Service accounts to bind to the role' },
    { name: 'user', type: 'stringArray', usage: 'Usernames to bind to the role' },
    ...setCommonFlags(),
  ],
  async run(ctx, p) {
    const v = p.values;
    const sel = await setSelection(ctx, p, p.args);
    checkBuilder(sel, p);
    const targets = await resolveSet(ctx, sel);
    const users = [...new Set(v.user as string[])].sort();
    const groups = [...new Set(v.group as string[])].sort();
    const sas = [...new Set(v.serviceaccount as string[])].sort();
    if (sel.local && sel.dry === 'server') throw new CliError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (v.all && v.selector) throw new CliError('cannot set --all and --selector at the same time');
    if (!users.length && !groups.length && !sas.length) throw new CliError('you must specify at least one value of user, group or serviceaccount');
    for (const sa of sas) {
      const t = sa.split(':');
      if (t.length !== 2 || !t[1]) throw new CliError('serviceaccount must be <namespace>:<name>');
      if (!t[0] && targets.some((x) => x.obj?.kind === 'ClusterRoleBinding')) throw new CliError('serviceaccount must be <namespace>:<name>, namespace must be specified');
    }
    const subjects = [
      ...users.map((name) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })),
      ...groups.map((name) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })),
      ...sas.map((sa) => {
        const [ns, name] = sa.split(':');
        return { kind: 'ServiceAccount', namespace: ns || ctx.namespace(), name };
      }),
    ];
    const same = (a: Record<string, string>, b: Record<string, string>) =>
      (a.kind ?? '') === (b.kind ?? '') && (a.apiGroup ?? '') === (b.apiGroup ?? '') && (a.name ?? '') === (b.name ?? '') && (a.namespace ?? '') === (b.namespace ?? '');
    return runSet(ctx, sel, targets, {
      operation: 'subjects updated',
      failure: 'failed to patch subjects to rolebinding: ',
      mutate(obj) {
        if (obj.kind !== 'RoleBinding' && obj.kind !== 'ClusterRoleBinding') throw new Error('setting subjects is only supported for RoleBinding/ClusterRoleBinding');
        const existing: Record<string, string>[] = obj.subjects ?? [];
        const added = subjects.filter((s) => !existing.some((e) => same(e, s)));
        if (!added.length) return false;
        obj.subjects = [...existing, ...added];
        return true;
      },
    });
  },
};
