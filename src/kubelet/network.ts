/**
 * The cluster network as a container sees it: cluster DNS (services, pods, the search path), and
 * HTTP to services (through their ready endpoints) and pods, answered by the server the target
 * container runs (nginx serves its welcome page, or files mounted into its document root).
 */
import type { KObject } from '../api/types.js';
import { forGroupResource } from '../api/registry.js';
import { matchesLabels, fromLabelSelector } from '../api/selectors.js';
import { containerFiles, refsFor, type Reader } from './env.js';
import { serverFor } from './servers.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const SERVICES = forGroupResource('services')!;
const PODS = forGroupResource('pods')!;

export type Reply = { status: number; body: string; server: string } | { error: 'refused' | 'unreachable' };

export interface Net {
  /** The cluster DNS server (kube-dns's ClusterIP). */
  dns: string;
  /** A name through the pod's search path: the fully qualified name found and its addresses. */
  resolve(name: string): { fqdn: string; ips: string[] } | undefined;
  /** The name of an IP (reverse lookup), for nslookup. */
  reverse(ip: string): string | undefined;
  /** An HTTP GET to ip:port/path. */
  get(ip: string, port: number, path: string): Reply;
}

export const CLUSTER_DOMAIN = 'cluster.local';

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const nginx404 = (v: string) => `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${v}</center>\r\n</body>\r\n</html>\r\n`;
const HTTPD_INDEX = '<html><body><h1>It works!</h1></body></html>\n';

const isReady = (p: KObject) => p.status?.phase === 'Running' && (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True') && !p.metadata.deletionTimestamp;

/** The /etc/resolv.conf and /etc/hosts the kubelet writes for a pod. */
export function podNetworkFiles(pod: KObject, podIP: string, dns: string): [string, string][] {
  const ns = pod.metadata.namespace ?? 'default';
  const host = pod.spec?.hostname ?? pod.metadata.name ?? '';
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const resolv =
    policy === 'Default' || (pod.spec?.hostNetwork && policy !== 'ClusterFirstWithHostNet')
      ? 'nameserver 192.168.49.1\noptions edns0 trust-ad\nsearch .\n'
      : `search ${ns}.svc.${CLUSTER_DOMAIN} svc.${CLUSTER_DOMAIN} ${CLUSTER_DOMAIN}\nnameserver ${dns}\noptions ndots:5\n`;
  const hosts = `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${podIP}\t${host}${pod.spec?.subdomain ? `.${pod.spec.subdomain}.${ns}.svc.${CLUSTER_DOMAIN}\t${host}` : ''}\n`;
  return [
    ['/etc/resolv.conf', resolv],
    ['/etc/hosts', hosts],
  ];
}

export function clusterNet(reader: Reader, pod: KObject): Net {
  const ns = pod.metadata.namespace ?? 'default';
  const kubeDns = reader.get(SERVICES, 'kube-system', 'kube-dns');
  const dns = kubeDns?.spec?.clusterIP ?? '10.96.0.10';
  const svcIPs = (s: KObject): string[] => {
    if (s.spec?.clusterIP && s.spec.clusterIP !== 'None') return [s.spec.clusterIP];
    // Headless: the ready pods' IPs.
    const sel = s.spec?.selector ? fromLabelSelector({ matchLabels: s.spec.selector }) : null;
    if (!sel) return [];
    return reader.list(PODS, s.metadata.namespace).filter((p) => isReady(p) && matchesLabels(sel, p.metadata.labels)).map((p) => p.status.podIP).filter(Boolean);
  };
  const lookupFqdn = (fqdn: string): string[] | undefined => {
    const suffix = `.svc.${CLUSTER_DOMAIN}`;
    if (fqdn.endsWith(suffix)) {
      const parts = fqdn.slice(0, -suffix.length).split('.');
      if (parts.length === 2) {
        const s = reader.get(SERVICES, parts[1], parts[0]);
        return s ? svcIPs(s) : undefined;
      }
      if (parts.length === 3) {
        // hostname.subdomain.ns (a pod behind a headless service)
        const p = reader.list(PODS, parts[2]).find((x) => (x.spec?.hostname ?? x.metadata.name) === parts[0] && x.spec?.subdomain === parts[1]);
        return p?.status?.podIP ? [p.status.podIP] : undefined;
      }
      return undefined;
    }
    const podSuffix = `.pod.${CLUSTER_DOMAIN}`;
    if (fqdn.endsWith(podSuffix)) {
      const [ipPart] = fqdn.slice(0, -podSuffix.length).split('.');
      const ip = ipPart.replace(/-/g, '.');
      return /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? [ip] : undefined;
    }
    return undefined;
  };
  const findPod = (ip: string) => reader.list(PODS).find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork);
  const findService = (ip: string) => reader.list(SERVICES).find((s) => s.spec?.clusterIP === ip);
  const answer = (target: KObject, port: number, path: string): Reply => {
    const containers: any[] = target.spec?.containers ?? [];
    for (const c of containers) {
      const server = serverFor(c.image ?? '');
      const declared = (c.ports ?? []).some((p: any) => p.containerPort === port);
      if (server && server.ports.includes(port) && server.http) {
        const docroot = /httpd/.test(c.image) ? '/usr/local/apache2/htdocs' : '/usr/share/nginx/html';
        const files = containerFiles(target, c, refsFor(reader, target)).files;
        const file = files.get(docroot + (path === '/' ? '/index.html' : path)) ?? files.get(docroot + path + '/index.html');
        if (file !== undefined) return { status: 200, body: file, server: 'nginx' };
        const status = server.http(path);
        const isNginx = /nginx/.test(c.image);
        if (status === 200) return { status, body: isNginx ? NGINX_INDEX : HTTPD_INDEX, server: isNginx ? 'nginx' : 'Apache' };
        return { status, body: isNginx ? nginx404('1.27.3') : '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n', server: isNginx ? 'nginx' : 'Apache' };
      }
      if (declared && !server) return { status: 200, body: '', server: '' };
    }
    return { error: 'refused' };
  };
  return {
    dns,
    resolve(name) {
      const n = name.replace(/\.$/, '');
      const candidates = n.split('.').length > 5 || n.endsWith(CLUSTER_DOMAIN) ? [n] : [`${n}.${ns}.svc.${CLUSTER_DOMAIN}`, `${n}.svc.${CLUSTER_DOMAIN}`, `${n}.${CLUSTER_DOMAIN}`, n];
      for (const fqdn of candidates) {
        const ips = lookupFqdn(fqdn);
        if (ips?.length) return { fqdn, ips };
      }
      if (/^\d+\.\d+\.\d+\.\d+$/.test(n)) return { fqdn: n, ips: [n] };
      return undefined;
    },
    reverse(ip) {
      const s = findService(ip);
      if (s) return `${s.metadata.name}.${s.metadata.namespace}.svc.${CLUSTER_DOMAIN}`;
      const p = findPod(ip);
      if (p) return `${ip.replace(/\./g, '-')}.${p.metadata.namespace}.pod.${CLUSTER_DOMAIN}`;
      return undefined;
    },
    get(ip, port, path) {
      const svc = findService(ip);
      if (svc) {
        const sp = (svc.spec?.ports ?? []).find((p: any) => p.port === port);
        if (!sp) return { error: 'refused' };
        const sel = svc.spec?.selector ? fromLabelSelector({ matchLabels: svc.spec.selector }) : null;
        const backends = sel ? reader.list(PODS, svc.metadata.namespace).filter((p) => isReady(p) && matchesLabels(sel, p.metadata.labels)) : [];
        if (!backends.length) return { error: 'refused' };
        const b = backends[0];
        let target = sp.targetPort ?? sp.port;
        if (typeof target === 'string') target = (b.spec?.containers ?? []).flatMap((c: any) => c.ports ?? []).find((p: any) => p.name === target)?.containerPort ?? 0;
        return answer(b, Number(target), path);
      }
      const p = findPod(ip);
      if (p) return isReady(p) || p.status?.phase === 'Running' ? answer(p, port, path) : { error: 'refused' };
      return { error: 'unreachable' };
    },
  };
}
