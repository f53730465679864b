/**
 * Commands kubemu does not emulate on purpose: they need a live process or a real socket
 * (port-forward, attach, proxy, cp, debug). Each parses kubectl's flags and arguments, so usage errors read as
 * kubectl's, then says plainly what the emulator cannot do, and exits 1.
 */
import type { VerbModule } from '../cli/types.js';
import type { FlagSpec } from '../cli/flags.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from '../cli/errors.js';
import { isImageReference } from './generators/pod.js';
import { usageError } from './create/common.js';

export const port_forward: VerbModule = {
  use: "port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]",
  long: "Forward one or more local ports to a pod.\n\n Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.\n\n If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.",
  example: "  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod\n  kubectl port-forward pod/mypod 5000 6000\n  \n  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod selected by the deployment\n  kubectl port-forward deployment/mydeployment 5000 6000\n  \n  # Listen on port 8443 locally, forwarding to the targetPort of the service's port named \"https\" in a pod selected by the service\n  kubectl port-forward service/myservice 8443:https\n  \n  # Listen on port 8888 locally, forwarding to 5000 in the pod\n  kubectl port-forward pod/mypod 8888:5000\n  \n  # Listen on port 8888 on all addresses, forwarding to 5000 in the pod\n  kubectl port-forward --address 0.0.0.0 pod/mypod 8888:5000\n  \n  # Listen on port 8888 on localhost and selected IP, forwarding to 5000 in the pod\n  kubectl port-forward --address localhost,10.19.21.23 pod/mypod 8888:5000\n  \n  # Listen on a random port locally, forwarding to 5000 in the pod\n  kubectl port-forward pod/mypod :5000",
  flags: [
    { name: "address", type: 'stringSlice', default: ["localhost"], usage: "Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind." },
    { name: "pod-running-timeout", type: 'duration', default: "1m0s", usage: "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running" },
  ] as FlagSpec[],
  async run(ctx, p) {
    if (p.args.length < 2) throw usageError(ctx, "TYPE/NAME and list of ports are required for port-forward");
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

/** cp's extractFileSpec: "[[namespace/]pod:]file/path". */
function fileSpec(arg: string): { pod: string; file: string } {
  const i = arg.indexOf(':');
  const bad = () => new CliError('filespec must match the canonical format: [[namespace/]pod:]file/path');
  if (i === 0) throw bad();
  if (i === -1) return { pod: '', file: arg };
  const pieces = arg.slice(0, i).split('/');
  if (pieces.length > 2) throw bad();
  return { pod: pieces[pieces.length - 1], file: arg.slice(i + 1) };
}

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
    if (p.args.length !== 2) throw new CliError("source and destination are required");
    // CopyOptions.Run's checks of the two file specs, before any container is reached.
    const [src, dest] = p.args.map(fileSpec);
    if (src.pod && dest.pod) throw new CliError("one of src or dest must be a local file specification");
    if (!src.file || !dest.file) throw new CliError("filepath can not be empty");
    if (!src.pod && !dest.pod) throw new CliError("one of src or dest must be a remote file specification");
    throw new CliError("kubemu does not emulate cp: containers have no real filesystem to copy to or from. Try 'kubectl exec POD -- cat FILE' to read a file the simulated container knows");
  },
};

const DEBUG_PROFILES = ['legacy', 'general', 'baseline', 'restricted', 'netadmin', 'sysadmin'];

/**
 * `kubectl debug`: ephemeral containers, pod copies and node debugging pods all end in an interactive
 * session in a real container, which kubemu does not have. DebugOptions.Complete and Validate run
 * first, so flag and argument errors (and kubectl's notices) read as kubectl's.
 */
export const debug: VerbModule = {
  use: "debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]",
  long: "Debug cluster resources using interactive debugging containers.\n\n 'debug' provides automation for common debugging tasks for cluster objects identified by resource and name. Pods will be used by default if no resource is specified.\n\n The action taken by 'debug' varies depending on what resource is specified. Supported actions include:\n\n  *  Workload: Create a copy of an existing pod with certain attributes changed, for example changing the image tag to a new version.\n  *  Workload: Add an ephemeral container to an already running pod, for example to add debugging utilities without restarting the pod.\n  *  Node: Create a new pod that runs in the node's host namespaces and can access the node's filesystem.",
  example: "  # Create an interactive debugging session in pod mypod and immediately attach to it.\n  kubectl debug mypod -it --image=busybox\n  \n  # Create an interactive debugging session for the pod in the file pod.yaml and immediately attach to it.\n  # (requires the EphemeralContainers feature to be enabled in the cluster)\n  kubectl debug -f pod.yaml -it --image=busybox\n  \n  # Create a debug container named debugger using a custom automated debugging image.\n  kubectl debug --image=myproj/debug-tools -c debugger mypod\n  \n  # Create a copy of mypod adding a debug container and attach to it\n  kubectl debug mypod -it --image=busybox --copy-to=my-debugger\n  \n  # Create a copy of mypod changing the command of mycontainer\n  kubectl debug mypod -it --copy-to=my-debugger --container=mycontainer -- sh\n  \n  # Create a copy of mypod changing all container images to busybox\n  kubectl debug mypod --copy-to=my-debugger --set-image=*=busybox\n  \n  # Create a copy of mypod adding a debug container and changing container images\n  kubectl debug mypod -it --copy-to=my-debugger --image=debian --set-image=app=app:debug,sidecar=sidecar:debug\n  \n  # Create an interactive debugging session on a node and immediately attach to it.\n  # The container will run in the host namespaces and the host's filesystem will be mounted at /host\n  kubectl debug node/mynode -it --image=busybox",
  flags: [
    { name: 'arguments-only', type: 'bool', usage: 'If specified, everything after -- will be passed to the new container as Args instead of Command.' },
    { name: 'attach', type: 'bool', usage: "If true, wait for the container to start running, and then attach as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true." },
    { name: 'container', short: 'c', type: 'string', usage: 'Container name to use for debug container.' },
    { name: 'copy-to', type: 'string', usage: 'Create a copy of the target Pod with this name.' },
    { name: 'custom', type: 'string', usage: 'Path to a JSON or YAML file containing a partial container spec to customize built-in debug profiles.' },
    { name: 'env', type: 'stringToString', usage: 'Environment variables to set in the container.' },
    { name: 'filename', short: 'f', type: 'stringSlice', usage: 'identifying the resource to debug' },
    { name: 'image', type: 'string', usage: 'Container image to use for debug container.' },
    { name: 'image-pull-policy', type: 'string', usage: 'The image pull policy for the container. If left empty, this value will not be specified by the client and defaulted by the server.' },
    { name: 'keep-annotations', type: 'bool', usage: "If true, keep the original pod annotations.(This flag only works when used with '--copy-to')" },
    { name: 'keep-init-containers', type: 'bool', default: true, usage: "Run the init containers for the pod. Defaults to true.(This flag only works when used with '--copy-to')" },
    { name: 'keep-labels', type: 'bool', usage: "If true, keep the original pod labels.(This flag only works when used with '--copy-to')" },
    { name: 'keep-liveness', type: 'bool', usage: "If true, keep the original pod liveness probes.(This flag only works when used with '--copy-to')" },
    { name: 'keep-readiness', type: 'bool', usage: "If true, keep the original pod readiness probes.(This flag only works when used with '--copy-to')" },
    { name: 'keep-startup', type: 'bool', usage: "If true, keep the original startup probes.(This flag only works when used with '--copy-to')" },
    { name: 'profile', type: 'string', default: 'legacy', usage: 'Options are "legacy", "general", "baseline", "netadmin", "restricted" or "sysadmin".' },
    { name: 'quiet', short: 'q', type: 'bool', usage: 'If true, suppress informational messages.' },
    { name: 'replace', type: 'bool', usage: "When used with '--copy-to', delete the original Pod." },
    { name: 'same-node', type: 'bool', usage: "When used with '--copy-to', schedule the copy of target Pod on the same node." },
    { name: 'set-image', type: 'stringToString', usage: "When used with '--copy-to', a list of name=image pairs for changing container images, similar to how 'kubectl set image' works." },
    { name: 'share-processes', type: 'bool', default: true, usage: "When used with '--copy-to', enable process namespace sharing in the copy." },
    { name: 'stdin', short: 'i', type: 'bool', usage: 'Keep stdin open on the container(s) in the pod, even if nothing is attached.' },
    { name: 'target', type: 'string', usage: 'When using an ephemeral container, target processes in this container name.' },
    { name: 'tty', short: 't', type: 'bool', usage: 'Allocate a TTY for the debugging container.' },
  ] as FlagSpec[],
  async run(ctx, p) {
    const v = p.values;
    // Complete
    const atDash = p.argsLenAtDash ?? -1;
    const names = atDash >= 0 && p.args.length > atDash ? p.args.slice(0, atDash) : p.args;
    const args = atDash >= 0 && p.args.length > atDash ? p.args.slice(atDash) : [];
    const attach = p.changed.has('attach') ? v.attach === true : v.stdin === true;
    const profile = v.profile as string;
    if (!DEBUG_PROFILES.includes(profile)) throw new CliError(`unknown profile: ${profile}`);
    let custom: Record<string, unknown> | undefined;
    const customFile = v.custom as string;
    if (customFile) {
      let text: string;
      try {
        text = readFileSync(resolve(ctx.cwd, customFile), 'utf8');
      } catch {
        throw new CliError(`must pass a container spec json file for custom profile: open ${customFile}: no such file or directory`);
      }
      try {
        custom = JSON.parse(text);
      } catch {
        const { parseDocument } = await import('../util/yaml-parse.js');
        const doc = parseDocument(text);
        if (doc.errors.length) throw new CliError(`${customFile} does not contain a valid container spec: ${doc.errors[0].message}`);
        custom = doc.toJS() ?? {};
      }
    }
    // Validate
    const image = v.image as string;
    const container = v.container as string;
    const copyTo = v['copy-to'] as string;
    const setImages = v['set-image'] as Record<string, string>;
    if (attach && p.changed.has('attach') && !image && !container) throw new CliError('you must specify --container or create a new container using --image in order to attach.');
    if (copyTo) {
      if (!image && !Object.keys(setImages).length && !args.length) throw new CliError('you must specify --image, --set-image or command arguments.');
      if (args.length && !container && !image) throw new CliError('you must specify an existing container or a new image when specifying args.');
    } else if (v.replace === true) throw new CliError('--replace may only be used with --copy-to.');
    else if (v['same-node'] === true) throw new CliError('--same-node may only be used with --copy-to.');
    else if (Object.keys(setImages).length) throw new CliError('--set-image may only be used with --copy-to.');
    else if (!image) throw new CliError('you must specify --image when not using --copy-to.');
    if (image && !isImageReference(image)) throw new CliError(`invalid image name "${image}": invalid reference format`);
    if (!names.length && !(v.filename as string[]).length) throw new CliError('NAME or filename is required for debug');
    const pull = v['image-pull-policy'] as string;
    if (pull && !['Always', 'IfNotPresent', 'Never'].includes(pull)) throw new CliError(`invalid image pull policy: ${pull}`);
    for (const [name, img] of Object.entries(setImages)) {
      if (!isImageReference(img)) throw new CliError(`invalid image name "${img}" for container "${name}": invalid reference format`);
    }
    const target = v.target as string;
    if (target) {
      if (copyTo) throw new CliError('--target is incompatible with --copy-to. Use --share-processes instead.');
      if (v.quiet !== true) ctx.io.out(`Targeting container "${target}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
    }
    if (v.tty === true && v.stdin !== true) throw new CliError('-i/--stdin is required for containers with -t/--tty=true');
    if (custom && (custom.name || (Array.isArray(custom.command) && custom.command.length) || custom.image || custom.lifecycle || (Array.isArray(custom.volumeDevices) && custom.volumeDevices.length))) {
      throw new CliError('name, command, image, lifecycle and volume devices are not modifiable via custom profile');
    }
    if (profile === 'legacy') ctx.io.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
    throw new CliError("kubemu does not emulate debug: it ends in an interactive session in a debugging container, and kubemu's containers are simulated programs, not processes you can attach to. Try 'kubectl exec POD -- COMMAND' for one-shot commands, or 'kubectl run NAME --image=busybox -i --rm --restart=Never -- COMMAND' for a throw-away pod");
  },
};
