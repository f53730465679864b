import type { CommandNode, VerbModule } from './types.js';
import { COMMANDS, GROUPS } from './registry.js';
import type { FlagSpec } from './flags.js';
import { defaultOf } from './flags.js';

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(1, n - s.length));

/** `kubectl --help`: the implemented commands under kubectl's group headings. */
export function rootHelp(): string {
  let out = 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n';
  for (const g of GROUPS) {
    const cmds = COMMANDS.filter((c) => c.group === g);
    if (!cmds.length) continue;
    out += `${g}\n`;
    for (const c of cmds) out += `  ${pad(c.name, 16)}${c.short}\n`;
    out += '\n';
  }
  out += 'Usage:\n  kubectl [flags] [options]\n\n';
  out += 'Use "kubectl <command> --help" for more information about a given command.\n';
  out += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return out;
}

/** Help for a command group (config, cluster). */
export function groupHelp(path: CommandNode[]): string {
  const node = path[path.length - 1];
  const name = path.map((c) => c.name).join(' ');
  const width = Math.max(...(node.children ?? []).map((c) => c.name.length)) + 3;
  let out = `${node.short}.\n\nAvailable Commands:\n`;
  for (const c of [...(node.children ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1))) out += `  ${pad(c.name, Math.max(width, 14))}${c.short}\n`;
  out += `\nUsage:\n  kubectl ${name} SUBCOMMAND [options]\n\n`;
  out += `Use "kubectl ${name} <command> --help" for more information about a given command.\n`;
  out += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return out;
}

function defaultText(f: FlagSpec): string {
  const d = defaultOf(f);
  switch (f.type) {
    case 'string':
      return `'${d}'`;
    case 'stringArray':
    case 'stringSlice':
      return `[${(d as string[]).join(',')}]`;
    case 'stringToString':
      return '[]';
    default:
      return String(d);
  }
}

/** `kubectl <verb> --help`, in kubectl's layout (piped form: descriptions after a tab). */
export function verbHelp(path: CommandNode[], verb: VerbModule): string {
  const node = path[path.length - 1];
  let out = `${verb.long ?? node.short + '.'}\n\n`;
  if (node.aliases?.length) out += `Aliases:\n${[node.name, ...node.aliases].join(', ')}\n\n`;
  if (verb.example) out += `Examples:\n${verb.example}\n\n`;
  if (node.children?.length) {
    const width = Math.max(...node.children.map((c) => c.name.length)) + 3;
    out += 'Available Commands:\n';
    for (const c of [...node.children].sort((a, b) => (a.name < b.name ? -1 : 1))) out += `  ${pad(c.name, Math.max(width, 14))}${c.short}\n`;
    out += '\n';
  }
  const flags = verb.flags.filter((f) => !f.hidden).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (flags.length) {
    out += 'Options:\n';
    out += flags.map((f) => `    ${f.short ? `-${f.short}, ` : ''}--${f.name}=${defaultText(f)}:\n\t${f.usage}\n`).join('\n');
    out += '\n';
  }
  out += `Usage:\n  kubectl ${verb.use}\n\n`;
  if (node.children?.length) out += `Use "kubectl ${path.map((c) => c.name).join(' ')} <command> --help" for more information about a given command.\n`;
  out += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return out;
}
