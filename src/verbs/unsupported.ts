/**
 * Commands kubemu does not emulate on purpose: they need a live process or a real socket
 * (port-forward, attach, proxy, cp). Each parses kubectl's flags and arguments, so usage errors read as
 * kubectl's, then says plainly what the emulator cannot do, and exits 1.
 */
import type { VerbModule } from '../cli/types.js';
import type { FlagSpec } from '../cli/flags.js';
import { CliError } from '../cli/errors.js';

export const port_forward: VerbModule = {
  use: "port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]",
  long: "Forward one or more local ports to a pod.\n\n Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.\n\n If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.",
  example: "  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod\n  kubectl port-forward pod/mypod 5000 6000\n  \n  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod selected by the deployment\n  kubectl port-forward deployment/mydeployment 5000 6000\n  \n  # Listen on port 8443 locally, forwarding to the targetPort of the service's port named \"https\" in a pod selected by the service\n  kubectl port-forward service/myservice 8443:https\n  \n  # Listen on port 8888 locally, forwarding to 5000 in the pod\n  kubectl port-forward pod/mypod 8888:5000\n  \n  # Listen on port 8888 on all addresses, forwarding to 5000 in the pod\n  kubectl port-forward --address 0.0.0.0 pod/mypod 8888:5000\n  \n  # Listen on port 8888 on localhost and selected IP, forwarding to 5000 in the pod\n  kubectl port-forward --address localhost,10.19.21.23 pod/mypod 8888:5000\n  \n  # Listen on a random port locally, forwarding to 5000 in the pod\n  kubectl port-forward pod/mypod :5000",
  flags: [
    { name: "address", type: 'stringSlice', default: ["localhost"], usage: "Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind." },
    { name: "pod-running-timeout", type: 'duration', default: "1m0s", usage: "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running" },
  ] as FlagSpec[],
  async run(_ctx, p) {
    if (p.args.length < 2) throw new CliError("TYPE/NAME and list of ports are required for port-forward");
    throw new CliError("kubemu does not emulate port-forward: there are no real containers listening on a socket to forward to. Try 'kubectl exec' for one-shot commands, or 'kubectl get endpoints' to see where a Service's traffic would go");
  },
};

export const attach: VerbModule = {
  use: "attach (POD | TYPE/NAME) -c CONTAINER [options]",
  long: "Attach to a process that is already running inside an existing container.",
  example: "  # Get output from running pod mypod; use the 'kubectl.kubernetes.io/default-container' annotation\n  # for selecting the container to be attached or the first container in the pod will be chosen\n  kubectl attach mypod\n  \n  # Get output from ruby-container from pod mypod\n  kubectl attach mypod -c ruby-container\n  \n  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod\n  # and sends stdout/stderr from 'bash' back to the client\n  kubectl attach mypod -c ruby-container -i -t\n  \n  # Get output from the first pod of a replica set named nginx\n  kubectl attach rs/nginx",
  flags: [
    { name: "container", short: 'c', type: 'string', usage: "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen" },
    { name: "pod-running-timeout", type: 'duration', default: "1m0s", usage: "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running" },
    { name: "quiet", short: 'q', type: 'bool', usage: "Only print output from the remote session" },
    { name: "stdin", short: 'i', type: 'bool', usage: "Pass stdin to the container" },
    { name: "tty", short: 't', type: 'bool', usage: "Stdin is a TTY" },
  ] as FlagSpec[],
  async run(_ctx, p) {
    if (p.args.length < 1) throw new CliError("at least 1 argument is required for attach");
    throw new CliError("kubemu does not emulate attach: there is no real container process to attach to. Try 'kubectl logs -f' to follow a container's output, or 'kubectl exec' to run a one-shot command in it");
  },
};

export const proxy: VerbModule = {
  use: "proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix] [options]",
  long: "Creates a proxy server or application-level gateway between localhost and the Kubernetes API server. It also allows serving static content over specified HTTP path. All incoming data enters through one port and gets forwarded to the remote Kubernetes API server port, except for the path matching the static content path.",
  example: "  # To proxy all of the Kubernetes API and nothing else\n  kubectl proxy --api-prefix=/\n  \n  # To proxy only part of the Kubernetes API and also some static files\n  # You can get pods info with 'curl localhost:8001/api/v1/pods'\n  kubectl proxy --www=/my/files --www-prefix=/static/ --api-prefix=/api/\n  \n  # To proxy the entire Kubernetes API at a different root\n  # You can get pods info with 'curl localhost:8001/custom/api/v1/pods'\n  kubectl proxy --api-prefix=/custom/\n  \n  # Run a proxy to the Kubernetes API server on port 8011, serving static content from ./local/www/\n  kubectl proxy --port=8011 --www=./local/www/\n  \n  # Run a proxy to the Kubernetes API server on an arbitrary local port\n  # The chosen port for the server will be output to stdout\n  kubectl proxy --port=0\n  \n  # Run a proxy to the Kubernetes API server, changing the API prefix to k8s-api\n  # This makes e.g. the pods API available at localhost:8001/k8s-api/v1/pods/\n  kubectl proxy --api-prefix=/k8s-api",
  flags: [
    { name: "accept-hosts", type: 'string', default: "^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$", usage: "Regular expression for hosts that the proxy should accept." },
    { name: "accept-paths", type: 'string', default: "^.*", usage: "Regular expression for paths that the proxy should accept." },
    { name: "address", type: 'string', default: "127.0.0.1", usage: "The IP address on which to serve on." },
    { name: "api-prefix", type: 'string', default: "/", usage: "Prefix to serve the proxied API under." },
    { name: "append-server-path", type: 'bool', usage: "If true, enables automatic path appending of the kube context server path to each request." },
    { name: "disable-filter", type: 'bool', usage: "If true, disable request filtering in the proxy. This is dangerous, and can leave you vulnerable to XSRF attacks, when used with an accessible port." },
    { name: "keepalive", type: 'duration', default: "0s", usage: "keepalive specifies the keep-alive period for an active network connection. Set to 0 to disable keepalive." },
    { name: "port", short: 'p', type: 'int', default: 8001, usage: "The port on which to run the proxy. Set to 0 to pick a random port." },
    { name: "reject-methods", type: 'string', default: "^$", usage: "Regular expression for HTTP methods that the proxy should reject (example --reject-methods='POST,PUT,PATCH'). " },
    { name: "reject-paths", type: 'string', default: "^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach", usage: "Regular expression for paths that the proxy should reject. Paths specified here will be rejected even accepted by --accept-paths." },
    { name: "unix-socket", short: 'u', type: 'string', usage: "Unix socket on which to run the proxy." },
    { name: "www", short: 'w', type: 'string', usage: "Also serve static files from the given directory under the specified prefix." },
    { name: "www-prefix", short: 'P', type: 'string', default: "/static/", usage: "Prefix to serve static files under, if static file directory is specified." },
  ] as FlagSpec[],
  async run(_ctx, p) {
    throw new CliError("kubemu does not emulate proxy: there is no API server listening on a network socket to proxy to; the cluster lives in a local file under $KUBEMU_HOME");
  },
};

export const cp: VerbModule = {
  use: "cp <file-spec-src> <file-spec-dest> [options]",
  long: "Copy files and directories to and from containers.",
  example: "  # !!!Important Note!!!\n  # Requires that the 'tar' binary is present in your container\n  # image.  If 'tar' is not present, 'kubectl cp' will fail.\n  #\n  # For advanced use cases, such as symlinks, wildcard expansion or\n  # file mode preservation, consider using 'kubectl exec'.\n  \n  # Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>\n  tar cf - /tmp/foo | kubectl exec -i -n <some-namespace> <some-pod> -- tar xf - -C /tmp/bar\n  \n  # Copy /tmp/foo from a remote pod to /tmp/bar locally\n  kubectl exec -n <some-namespace> <some-pod> -- tar cf - /tmp/foo | tar xf - -C /tmp/bar\n  \n  # Copy /tmp/foo_dir local directory to /tmp/bar_dir in a remote pod in the default namespace\n  kubectl cp /tmp/foo_dir <some-pod>:/tmp/bar_dir\n  \n  # Copy /tmp/foo local file to /tmp/bar in a remote pod in a specific container\n  kubectl cp /tmp/foo <some-pod>:/tmp/bar -c <specific-container>\n  \n  # Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>\n  kubectl cp /tmp/foo <some-namespace>/<some-pod>:/tmp/bar\n  \n  # Copy /tmp/foo from a remote pod to /tmp/bar locally\n  kubectl cp <some-namespace>/<some-pod>:/tmp/foo /tmp/bar",
  flags: [
    { name: "container", short: 'c', type: 'string', usage: "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen" },
    { name: "no-preserve", type: 'bool', usage: "The copied file/directory's ownership and permissions will not be preserved in the container" },
    { name: "retries", type: 'int', default: 0, usage: "Set number of retries to complete a copy operation from a container. Specify 0 to disable or any negative value for infinite retrying. The default is 0 (no retry)." },
  ] as FlagSpec[],
  async run(_ctx, p) {
    if (p.args.length < 2) throw new CliError("source and destination are required");
    throw new CliError("kubemu does not emulate cp: containers have no real filesystem to copy to or from. Try 'kubectl exec POD -- cat FILE' to read a file the simulated container knows");
  },
};
