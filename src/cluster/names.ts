/** Node names: "<cluster>", "<cluster>-m02", "<cluster>-m03", ... */
export function nodeName(cluster: string, i: number): string {
  return i === 0 ? cluster : `${cluster}-m${String(i + 1).padStart(2, '0')}`;
}

export function nodeNames(cluster: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => nodeName(cluster, i));
}
