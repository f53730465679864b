/** The YAML parser (the `yaml` package), behind a module that commands import only when they read YAML. */
export { parseAllDocuments, parseDocument } from 'yaml';
