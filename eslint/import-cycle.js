// A rule for import cycles that counts every kind of import: value, type-only, re-exports and
// dynamic import(). import-x/no-cycle skips type-only imports by design, and the cycles this
// repository has had were all closed by one (a command importing its options type back from the
// spec that lazily imports the command, a report importing its result type from the runner).
// A type cycle breaks nothing at run time, but it says two files each own part of the other:
// the shared type belongs in a module both import.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// file -> { mtimeMs, deps }: each file is read once per lint run (and again if it changed).
const graph = new Map();

// The file a relative specifier names ('./x.js' is compiled from './x.ts'), or undefined for a
// package, a built-in or a path that does not exist.
function resolve(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const target = path.resolve(path.dirname(from), specifier);
  const source = target.replace(/\.js$/, '.ts');
  if (source !== target && existsSync(source)) return source;
  return existsSync(target) ? target : undefined;
}

function depsOf(file) {
  let mtimeMs;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return [];
  }
  const known = graph.get(file);
  if (known?.mtimeMs === mtimeMs) return known.deps;
  const text = readFileSync(file, 'utf8');
  const found = ts.preProcessFile(text, true, true).importedFiles;
  const deps = [...new Set(found.map((f) => resolve(file, f.fileName)).filter(Boolean))];
  graph.set(file, { mtimeMs, deps });
  return deps;
}

// The shortest chain of imports from `start` back to `home`, or undefined.
function routeBack(start, home) {
  const cameFrom = new Map([[start, undefined]]);
  const queue = [start];
  for (let at = 0; at < queue.length; at += 1) {
    const file = queue[at];
    for (const dep of depsOf(file)) {
      if (dep === home) {
        const route = [home];
        for (let step = file; step !== undefined; step = cameFrom.get(step)) route.unshift(step);
        return route;
      }
      if (!cameFrom.has(dep)) {
        cameFrom.set(dep, file);
        queue.push(dep);
      }
    }
  }
  return undefined;
}

export const importCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycle, type-only and dynamic imports included.' },
    schema: [],
    messages: {
      cycle:
        'Import cycle: {{route}}. Move what both sides need (often a type) into a module ' +
        'that both import, so the imports point one way.',
    },
  },
  create(context) {
    const home = context.physicalFilename;
    const root = context.cwd;
    const check = (node, source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const target = resolve(home, source.value);
      if (target === undefined || target === home) return;
      const route = routeBack(target, home);
      if (route === undefined) return;
      const names = [home, ...route].map((file) => path.relative(root, file));
      context.report({ node, messageId: 'cycle', data: { route: names.join(' -> ') } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportType: (node) => check(node, node.argument?.literal ?? node.source),
    };
  },
};
