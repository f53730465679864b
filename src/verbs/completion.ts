/**
 * Shell completion: `completion bash|zsh|fish` prints a script (our own) that asks the binary itself,
 * through the hidden `__complete` command with cobra's protocol (one "candidate\tdescription" per
 * line, then ":<directive>"), for commands, flags, resource types and the names of live objects.
 */
import type { Ctx, VerbModule, CommandNode } from '../cli/types.js';
import type { FlagSpec } from '../cli/flags.js';
import { COMMANDS, findChild } from '../cli/registry.js';
import { GLOBAL_FLAGS } from '../cli/global.js';
import { CliError } from '../cli/errors.js';
import { usageError } from './create/common.js';
import { RESOURCES, lookupResource, type ResourceInfo } from '../api/registry.js';
import { existsSync } from 'node:fs';
import { readConfig, clusterFile } from '../cluster/home.js';

const NO_FILE = 4;
const DEFAULT = 0;
const DIRECTIVES: Record<number, string> = { 0: 'ShellCompDirectiveDefault', 4: 'ShellCompDirectiveNoFileComp' };

const BASH = (bin: string) => `# bash completion for ${bin} (kubemu)                         -*- shell-script -*-
__kubemu_complete_${bin.replace(/\W/g, '_')}() {
    local cur words cword
    cur="\${COMP_WORDS[COMP_CWORD]}"
    words=("\${COMP_WORDS[@]:1:COMP_CWORD-1}")
    local out directive
    out=$("\${COMP_WORDS[0]}" __complete "\${words[@]}" "$cur" 2>/dev/null)
    directive=\${out##*:}
    out=\${out%:*}
    local IFS=$'\\n'
    local -a candidates
    while read -r line; do
        [[ -n "$line" ]] && candidates+=("\${line%%$'\\t'*}")
    done <<< "$out"
    COMPREPLY=($(compgen -W "\${candidates[*]}" -- "$cur"))
    if [[ \${#COMPREPLY[@]} -eq 0 && $directive -eq 0 ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}
complete -o default -F __kubemu_complete_${bin.replace(/\W/g, '_')} ${bin}
`;

const ZSH = (bin: string) => `#compdef ${bin}
# zsh completion for ${bin} (kubemu)
_${bin.replace(/\W/g, '_')}() {
    local -a candidates
    local out line directive
    out=$(\${words[1]} __complete \${words[2,CURRENT-1]} "\${words[CURRENT]}" 2>/dev/null)
    directive=\${out##*:}
    for line in \${(f)out%:*}; do
        [[ -n $line ]] && candidates+=("\${line//$'\\t'/:}")
    done
    if (( \${#candidates} )); then
        _describe 'completions' candidates
    elif [[ $directive -eq 0 ]]; then
        _files
    fi
}
if [ "$funcstack[1]" = "_${bin.replace(/\W/g, '_')}" ]; then
    _${bin.replace(/\W/g, '_')} "$@"
else
    compdef _${bin.replace(/\W/g, '_')} ${bin}
fi
`;

const FISH = (bin: string) => `# fish completion for ${bin} (kubemu)
function __kubemu_complete_${bin.replace(/\W/g, '_')}
    set -l args (commandline -opc)
    set -e args[1]
    set -l out (${bin} __complete $args (commandline -ct) 2>/dev/null)
    for line in $out[1..-2]
        echo $line
    end
end
complete -c ${bin} -f -a '(__kubemu_complete_${bin.replace(/\W/g, '_')})'
`;

export const completionVerb: VerbModule = {
  use: 'completion SHELL [options]',
  long: "Output shell completion code for the specified shell (bash, zsh, fish, or powershell). The shell code must be evaluated to provide interactive completion of kubectl commands.  This can be done by sourcing it from the .bash_profile.\n\n Detailed instructions on how to do this are available here:\n\n        for macOS:\n        https://kubernetes.io/docs/tasks/tools/install-kubectl-macos/#enable-shell-autocompletion\n        \n        for linux:\n        https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/#enable-shell-autocompletion\n        \n        for windows:\n        https://kubernetes.io/docs/tasks/tools/install-kubectl-windows/#enable-shell-autocompletion\n        \n Note for zsh users: [1] zsh completions are only supported in versions of zsh >= 5.2.",
  example: "  # Installing bash completion on macOS using homebrew\n  ## If running Bash 3.2 included with macOS\n  brew install bash-completion\n  ## or, if running Bash 4.1+\n  brew install bash-completion@2\n  ## If kubectl is installed via homebrew, this should start working immediately\n  ## If you've installed via other means, you may need add the completion to your completion directory\n  kubectl completion bash > $(brew --prefix)/etc/bash_completion.d/kubectl\n  \n  \n  # Installing bash completion on Linux\n  ## If bash-completion is not installed on Linux, install the 'bash-completion' package\n  ## via your distribution's package manager.\n  ## Load the kubectl completion code for bash into the current shell\n  source <(kubectl completion bash)\n  ## Write bash completion code to a file and source it from .bash_profile\n  kubectl completion bash > ~/.kube/completion.bash.inc\n  printf \"\n  # kubectl shell completion\n  source '$HOME/.kube/completion.bash.inc'\n  \" >> $HOME/.bash_profile\n  source $HOME/.bash_profile\n  \n  # Load the kubectl completion code for zsh[1] into the current shell\n  source <(kubectl completion zsh)\n  # Set the kubectl completion code for zsh[1] to autoload on startup\n  kubectl completion zsh > \"${fpath[1]}/_kubectl\"\n  \n  \n  # Load the kubectl completion code for fish[2] into the current shell\n  kubectl completion fish | source\n  # To load completions for each session, execute once:\n  kubectl completion fish > ~/.config/fish/completions/kubectl.fish\n  \n  # Load the kubectl completion code for powershell into the current shell\n  kubectl completion powershell | Out-String | Invoke-Expression\n  # Set kubectl completion code for powershell to run on startup\n  ## Save completion code to a script and execute in the profile\n  kubectl completion powershell > $HOME\\.kube\\completion.ps1\n  Add-Content $PROFILE \"$HOME\\.kube\\completion.ps1\"\n  ## Execute completion code in the profile\n  Add-Content $PROFILE \"if (Get-Command kubectl -ErrorAction SilentlyContinue) {\n  kubectl completion powershell | Out-String | Invoke-Expression\n  }\"\n  ## Add completion code directly to the $PROFILE script\n  kubectl completion powershell >> $PROFILE",
  flags: [],
  async run(ctx, p) {
    if (!p.args.length) throw usageError(ctx, 'Shell not specified.');
    if (p.args.length > 1) throw usageError(ctx, 'Too many arguments. Expected only the shell type.');
    const scripts: Record<string, (b: string) => string> = { bash: BASH, zsh: ZSH, fish: FISH };
    const make = scripts[p.args[0]];
    if (!make) {
      if (p.args[0] === 'powershell') throw new CliError('kubemu provides completion for bash, zsh and fish, not powershell');
      throw usageError(ctx, `Unsupported shell type "${p.args[0]}".`);
    }
    // For both names: kubemu, and kubectl when kubemu is linked as kubectl.
    ctx.io.out(make('kubemu') + make('kubectl'));
  },
};

// ---- __complete ------------------------------------------------------------------------------------

/** Which arguments of a verb are resource types, and which are names (of pods, nodes or the given type). */
const ARGS: Record<string, 'type-name' | 'pod' | 'node' | 'taint'> = {
  get: 'type-name',
  describe: 'type-name',
  delete: 'type-name',
  edit: 'type-name',
  label: 'type-name',
  annotate: 'type-name',
  patch: 'type-name',
  scale: 'type-name',
  explain: 'type-name',
  wait: 'type-name',
  'rollout status': 'type-name',
  'rollout history': 'type-name',
  'rollout undo': 'type-name',
  'rollout restart': 'type-name',
  'rollout pause': 'type-name',
  'rollout resume': 'type-name',
  'set image': 'type-name',
  'set env': 'type-name',
  'set resources': 'type-name',
  expose: 'type-name',
  autoscale: 'type-name',
  logs: 'pod',
  exec: 'pod',
  attach: 'pod',
  'port-forward': 'pod',
  'top pod': 'pod',
  cordon: 'node',
  uncordon: 'node',
  drain: 'node',
  'top node': 'node',
  'node stop': 'node',
  'node start': 'node',
  'node delete': 'node',
  taint: 'taint',
};

const typeNames = () => [...new Set(RESOURCES.map((r) => r.resource))].sort();

/** Names of live objects (only when a cluster already exists: completion never creates one). */
async function objectNames(ctx: Ctx, ri: ResourceInfo, ns: string): Promise<string[]> {
  const cfg = readConfig(ctx.home);
  const cluster = cfg.contexts[(ctx.global.values.context as string) || cfg.currentContext]?.cluster;
  if (!cluster || !existsSync(clusterFile(ctx.home, cluster))) return [];
  const session = await ctx.cluster();
  return session.tx((api) => api.list(ri, ri.namespaced ? ns : undefined).map((o) => o.metadata.name!));
}

export async function complete(ctx: Ctx, argv: string[]): Promise<number> {
  const words = argv.slice(0, -1);
  const cur = argv[argv.length - 1] ?? '';
  const out: string[] = [];
  let directive = NO_FILE;
  // Walk the command tree with the words that are not flags (or flag values).
  let level: CommandNode[] | undefined = COMMANDS;
  const path: CommandNode[] = [];
  const positional: string[] = [];
  let ns = ctx.namespace();
  let prevFlag: FlagSpec | undefined;
  const verbFlags = async (): Promise<FlagSpec[]> => {
    const node = path[path.length - 1];
    return [...((node?.load ? (await node.load()).flags : []) as FlagSpec[]), ...GLOBAL_FLAGS].filter((f) => !f.hidden);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w.startsWith('-')) {
      const name = w.replace(/^-+/, '').split('=')[0];
      const f = (await verbFlags()).find((x) => x.name === name || x.short === name);
      if (f && f.type !== 'bool' && !w.includes('=')) {
        if ((f.name === 'namespace' || f.short === 'n') && words[i + 1]) ns = words[i + 1];
        i++;
      }
      continue;
    }
    const child: CommandNode | undefined = level ? findChild(level, w) : undefined;
    if (child && !positional.length) {
      path.push(child);
      level = child.children;
    } else positional.push(w);
  }
  const last = words[words.length - 1];
  if (last?.startsWith('-') && !last.includes('=')) {
    const name = last.replace(/^-+/, '');
    prevFlag = (await verbFlags()).find((x) => x.name === name || x.short === name);
    if (prevFlag?.type === 'bool') prevFlag = undefined;
  }
  if (prevFlag) {
    if (prevFlag.name === 'namespace') out.push(...(await objectNames(ctx, lookupResource('namespaces')!, ns)));
    else if (prevFlag.name === 'context') out.push(...Object.keys(readConfig(ctx.home).contexts).sort());
    else if (prevFlag.name === 'output') out.push('json', 'yaml', 'name', 'wide', 'jsonpath=', 'custom-columns=', 'go-template=');
    else directive = DEFAULT;
  } else if (cur.startsWith('-')) {
    for (const f of await verbFlags()) out.push(`--${f.name}\t${f.usage.split('\n')[0]}`);
  } else if (level && (!path.length || !path[path.length - 1].load || path[path.length - 1].children)) {
    for (const c of level) if (c.group || path.length) out.push(`${c.name}\t${c.short}`);
    out.sort();
  } else {
    const key = path.map((c) => c.name).join(' ');
    const kind = ARGS[key];
    if (kind === 'type-name') {
      const ri = positional.length ? lookupResource(positional[0].split('/')[0]) : undefined;
      if (!positional.length) out.push(...typeNames());
      else if (ri) out.push(...(await objectNames(ctx, ri, ns)));
    } else if (kind === 'pod') {
      if (!positional.length) out.push(...(await objectNames(ctx, lookupResource('pods')!, ns)));
    } else if (kind === 'node') {
      out.push(...(await objectNames(ctx, lookupResource('nodes')!, ns)));
    } else if (kind === 'taint') {
      if (!positional.length) out.push('node');
      else out.push(...(await objectNames(ctx, lookupResource('nodes')!, ns)));
    } else directive = DEFAULT;
  }
  const shown = out.filter((c) => c.startsWith(cur));
  ctx.io.out(`${shown.join('\n')}${shown.length ? '\n' : ''}:${directive}\n`);
  ctx.io.err(`Completion ended with directive: ${DIRECTIVES[directive]}\n`);
  return 0;
}
