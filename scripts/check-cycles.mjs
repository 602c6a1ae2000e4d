#!/usr/bin/env node
// The import graph of src/ has no cycle (docs/architecture.md). Every module is parsed with the
// TypeScript compiler and each import resolved as tsc resolves it (tsconfig paths included):
// static imports, re-exports and dynamic import() calls. `import type` is left out of the graph: it
// is erased before anything runs. Prints each cycle found and exits 1, or prints the graph's size.
import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const root = process.cwd();
const srcDir = path.join(root, "src");
const parsed = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
const options = parsed?.options ?? {};

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) yield full;
  }
}

/** The runtime imports of one file: specifiers of non-type-only imports, re-exports and import() calls. */
function runtimeSpecifiers(file) {
  const source = ts.createSourceFile(file, ts.sys.readFile(file) ?? "", ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const specifiers = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = node.isTypeOnly || (node.exportClause && ts.isNamedExports(node.exportClause) && node.exportClause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) specifiers.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

const files = [...walk(srcDir)];
const graph = new Map();
let edges = 0;
for (const file of files) {
  const targets = new Set();
  for (const specifier of runtimeSpecifiers(file)) {
    const resolved = ts.resolveModuleName(specifier, file, options, ts.sys).resolvedModule?.resolvedFileName;
    if (resolved && resolved.startsWith(srcDir + path.sep) && !resolved.includes(`${path.sep}node_modules${path.sep}`)) targets.add(path.resolve(resolved));
  }
  edges += targets.size;
  graph.set(path.resolve(file), [...targets]);
}

// Tarjan's strongly connected components: any component of more than one module (or a module
// importing itself) is a cycle.
let index = 0;
const stack = [];
const onStack = new Set();
const indices = new Map();
const lowlinks = new Map();
const cycles = [];
function strongConnect(v) {
  indices.set(v, index);
  lowlinks.set(v, index);
  index++;
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!indices.has(w)) {
      strongConnect(w);
      lowlinks.set(v, Math.min(lowlinks.get(v), lowlinks.get(w)));
    } else if (onStack.has(w)) {
      lowlinks.set(v, Math.min(lowlinks.get(v), indices.get(w)));
    }
  }
  if (lowlinks.get(v) === indices.get(v)) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component);
  }
}
for (const v of graph.keys()) if (!indices.has(v)) strongConnect(v);

const rel = (f) => path.relative(root, f);
if (cycles.length > 0) {
  for (const component of cycles) console.error(`import cycle: ${component.map(rel).sort().join(" ⇄ ")}`);
  console.error(`${cycles.length} import cycle(s) in src/`);
  process.exit(1);
}
console.log(`no import cycle in src/ (${graph.size} modules, ${edges} runtime imports)`);
