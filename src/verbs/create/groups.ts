/**
 * `kubectl create secret` and `kubectl create service` without a subcommand: kubectl prints the
 * group's help to stderr and fails; an unknown subcommand is an error.
 */
import type { Ctx, VerbModule } from '../../cli/types.js';
import type { Parsed } from '../../cli/flags.js';
import { ExitError } from '../../cli/errors.js';

const SECRET_HELP = `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const SERVICE_HELP = `Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use "kubectl create service <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

function group(use: string, long: string, help: string): VerbModule {
  return {
    use,
    long,
    flags: [],
    async run(ctx: Ctx, p: Parsed) {
      if (p.args.length) ctx.io.err(`error: unknown command "${p.args[0]}"\nSee 'kubectl ${ctx.commandPath} -h' for help and examples\n`);
      else ctx.io.err(help);
      throw new ExitError(1);
    },
  };
}

export const secret = group('create secret (docker-registry | generic | tls) [options]', SECRET_HELP.split('\n\nAvailable')[0], SECRET_HELP);
export const service = group('create service [flags] [options]', 'Create a service using a specified subcommand.', SERVICE_HELP);
