/** `kubectl create deployment`: an apps/v1 Deployment running one container per image. */
import type { KObject } from '../../api/types.js';

export interface DeploymentOptions {
  name: string;
  images: string[];
  /** containerPort of the first container; negative for none. */
  port: number;
  replicas: number;
  /** Command for the containers (after "--"). */
  command: string[];
  /** Set when the namespace was given explicitly. */
  namespace?: string;
  /** utilrand.String(5), for container names that need a suffix. */
  random5: () => string;
}

/** The container name kubectl derives from an image: "docker.io/library/nginx:1.25" → "nginx". */
export function containerNameFor(image: string, random5: () => string): string {
  const parts = image.split('/');
  let name = parts[parts.length - 1];
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  if (/[_.]/.test(name)) name = `${name.replace(/_/g, '-').replace(/\./g, '-')}-${random5()}`;
  return name;
}

export function generateDeployment(o: DeploymentOptions): KObject {
  const labels = { app: o.name };
  const containers = o.images.map((image) => ({
    name: containerNameFor(image, o.random5),
    image,
    ...(o.command.length ? { command: [...o.command] } : {}),
  }));
  const deploy: KObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: o.name, labels: { ...labels }, ...(o.namespace ? { namespace: o.namespace } : {}) },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { ...labels } },
      template: { metadata: { labels: { ...labels } }, spec: { containers } },
    },
  };
  if (o.port >= 0 && containers.length) (containers[0] as Record<string, unknown>).ports = [{ containerPort: o.port }];
  return deploy;
}
