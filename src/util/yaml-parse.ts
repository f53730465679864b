/** The YAML parser (the `yaml` package), behind a module that commands import only when they read YAML. */
import type { DocumentOptions, ParseOptions, SchemaOptions } from 'yaml';
export { parseAllDocuments, parseDocument } from 'yaml';

/**
 * How kubectl's YAML reader (go-yaml v2 through sigs.k8s.io/yaml) reads documents: YAML 1.1
 * scalars, duplicate keys allowed, and timestamps kept as strings (not dates).
 */
export const GO_YAML: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  uniqueKeys: false,
  customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
};
