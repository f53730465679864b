/** The Kubernetes version kubemu's client and simulated server report (kubectl v1.32). */
export const CLIENT_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.5',
  gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1',
  gitTreeState: 'clean',
  buildDate: '2025-05-15T09:12:10Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export const KUSTOMIZE_VERSION = 'v5.5.0';

export const SERVER_VERSION = { ...CLIENT_VERSION, buildDate: '2025-05-15T09:05:00Z' };

export const KUBE_VERSION = CLIENT_VERSION.gitVersion;
