/** A corpus of YAML mistakes shared by the manifest tests and the oracle comparison. */

/**
 * Inputs and what kubectl v1.32 prints for them (recorded from `kubectl apply -f <file>`, which fails
 * while reading, before it needs a server). The file name is relative to the working directory.
 */
export const CORPUS: [string, string, string][] = [
  ['indent.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   foo: 1\n', 'yaml: line 5: mapping values are not allowed in this context'],
  ['tab.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n', 'yaml: line 4: found character that cannot start any token'],
  ['nocolon.yaml', 'apiVersion: v1\nkind: Pod\nmetadata\n  name: x\n', "yaml: line 4: could not find expected ':'"],
  ['quote.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x\n', 'yaml: line 5: found unexpected end of stream'],
  ['list.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: nginx\n   - name: b\n    image: nginx\n', 'yaml: line 8: did not find expected key'],
  ['flowseq.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [a, b\n', "yaml: line 5: did not find expected ',' or ']'"],
  ['flowmap.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: {a: b\n', "yaml: line 5: did not find expected ',' or '}'"],
  ['double.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x: y\n', 'yaml: line 4: mapping values are not allowed in this context'],
  ['item.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n   image: nginx\n', 'yaml: line 7: did not find expected key'],
  ['alias.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: *foo\n', "yaml: unknown anchor 'foo' referenced"],
  ['at.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: @x\n', 'yaml: line 4: found character that cannot start any token'],
  ['less.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: x\n  labels:\n    a: b\n', 'yaml: line 4: did not find expected key'],
  ['dash.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n    image: nginx\n', "yaml: line 7: did not find expected '-' indicator"],
  ['afterseq.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n  image: b\n   c: d\n', 'yaml: line 7: mapping values are not allowed in this context'],
  ['tabafter.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels:\n    a: b\t\n\tc: d\n', 'yaml: line 7: found a tab character that violates indentation'],
  ['crlf.yaml', 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: x\r\n   foo: 1\r\n', 'yaml: line 5: mapping values are not allowed in this context'],
  ['block.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: |\n  b\nc: d\n  e: f\n', "yaml: line 6: could not find expected ':'"],
  ['colon.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    command: ["sh", "-c", "echo a: b"]\n    args: echo a: b\n', 'yaml: line 9: mapping values are not allowed in this context'],
  ['quoted.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "x"y\n', 'yaml: line 3: did not find expected key'],
  ['bom.yaml', '\ufeffapiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   foo: 1\n', 'yaml: line 5: mapping values are not allowed in this context'],
  ['deep.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: b\n        ports:\n        - containerPort: 80\n          protocol: TCP\n       resources: {}\n', 'yaml: line 13: did not find expected key'],
  ['escape.yaml', 'a: "\\q"\n', 'yaml: found unknown escape character'],
  ['anchor.yaml', 'a: & b\n', 'yaml: did not find expected alphabetic or numeric character'],
  ['blocktab.yaml', 'a: |\n  x\n\ty\n', 'yaml: line 3: found a tab character where an indentation space is expected'],
  ['abc.yaml', 'a: b: c\n', 'yaml: mapping values are not allowed in this context'],
  ['int.yaml', 'a: !!int abc\n', 'yaml: cannot decode !!str `abc` as a !!int'],
  ['unclosed.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: b\n    command: [\n', 'yaml: line 9: did not find expected node content'],
  ['version.yaml', '%YAML 1.2\n---\na: b\n', 'yaml: found incompatible YAML document'],
];
