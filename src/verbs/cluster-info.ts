/** `kubectl cluster-info`: the control plane's address and the cluster services' proxy URLs. */
import type { VerbModule } from '../cli/types.js';
import { forGroupResource } from '../api/registry.js';
import { CliError } from '../cli/errors.js';

const SERVICES = forGroupResource('services')!;
/** The API server address the contexts show (see `config view`). */
export const SERVER = 'https://192.168.49.2:6443';

export const verb: VerbModule = {
  use: 'cluster-info [flags] [options]',
  long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
  example: `  # Print the address of the control plane and cluster services
  kubectl cluster-info`,
  flags: [],
  async run(ctx, p) {
    if (p.args.length) throw new CliError(`unknown command "${p.args[0]}" for "kubectl cluster-info"`);
    const ns = ctx.namespaceExplicit() ? ctx.namespace() : 'kube-system';
    // go-colortext colours the names and links on a terminal.
    const color = ctx.io.stdoutIsTTY && ctx.env.TERM !== 'dumb';
    const paint = (code: number, s: string) => (color ? `\x1b[0;${code}m${s}\x1b[0m` : s);
    const line = (name: string, link: string) => `${paint(32, name)} is running at ${paint(33, link)}\n`;
    const session = await ctx.cluster();
    const services = await session.tx((api) => api.list(SERVICES, ns, { labelSelector: 'kubernetes.io/cluster-service=true' }));
    let out = line('Kubernetes control plane', SERVER);
    for (const svc of services) {
      let link: string;
      const ingress = svc.status?.loadBalancer?.ingress?.[0];
      if (ingress) {
        const ip = ingress.ip || ingress.hostname;
        link = (svc.spec?.ports ?? []).map((pt: { port: number }) => `http://${ip}:${pt.port} `).join('');
      } else {
        let name = svc.metadata.name!;
        const port = svc.spec?.ports?.[0];
        if (port) {
          const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
          name = [scheme, name, port.name ?? ''].filter((x, i) => i === 1 || x).join(':');
        }
        link = `${SERVER}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`;
      }
      out += line(svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name!, link);
    }
    ctx.io.out(`${out}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  },
};
