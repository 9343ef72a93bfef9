/**
 * Fails when the source tree has an import cycle. Every import counts, `import type` included:
 * a cycle of types still ties two modules together for whoever reads or moves them.
 *
 * Imports are read with TypeScript's own pre-processor (the same one the compiler uses to find a
 * program's files), and resolved like the bundler does: relative paths only, with the extensions
 * .ts, .tsx and /index.ts(x). Packages cannot form a cycle with the project, so they are skipped.
 *
 *   npx tsx scripts/check-cycles.ts            # shared/, electron/, renderer/, scripts/
 *   npx tsx scripts/check-cycles.ts electron   # one folder
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const folders = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['shared', 'electron', 'renderer', 'scripts'];

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...sourceFiles(path));
    } else if (/\.(m?ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const stripped = base.replace(/\.(c|m)?js$/, '');
  for (const candidate of [base, `${stripped}.ts`, `${stripped}.tsx`, `${stripped}.mts`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.(m?ts|tsx)$/.test(candidate)) return candidate;
  }
  return undefined;
}

export function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.map((item) => resolveImport(file, item.fileName)).filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components of more than one file, or of one file that imports itself (Tarjan). */
export function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  // Iterative, so a long chain of imports cannot overflow the stack.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter);
    counter += 1;
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.next < edges.length) {
        const target = edges[frame.next]!;
        frame.next += 1;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter);
          counter += 1;
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        if (component.length > 1 || edges.includes(frame.node)) found.push(component.sort());
      }
    }
  }
  return found;
}

/** One shortest path around a component, to show a person where to cut. */
function loopThrough(component: readonly string[], graph: ReadonlyMap<string, readonly string[]>): string[] {
  const members = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start];
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const files = folders.flatMap((folder) => sourceFiles(resolve(root, folder)));
  const graph = importGraph(files);
  const found = cycles(graph);
  if (found.length === 0) {
    console.log(`No import cycles among ${files.length} files.`);
  } else {
    for (const component of found) {
      console.error(`Import cycle among ${component.length} files:`);
      console.error(`  ${loopThrough(component, graph).map((file) => relative(root, file)).join('\n  -> ')}`);
      if (component.length > 2) console.error(`  (also in the cycle: ${component.map((file) => relative(root, file)).join(', ')})`);
    }
    console.error(`\n${found.length} import cycle(s). Move the shared part into a module both sides import.`);
    process.exitCode = 1;
  }
}
