#!/usr/bin/env node
/**
 * `npm run check:cycles`: fails on any import cycle in src/, between files and
 * between folders. madge builds the file graph (type-only imports count: a type
 * ties two modules as much as a value does); each file then becomes its folder
 * (its path under src/ minus the file name: `conversations`, `channels/sandbox`),
 * and the folder graph must be acyclic too. A folder is a node of its own, so
 * `channels/kapso` importing `channels/channel-sender.ts` is an edge like any other:
 * fine, as long as `channels` never imports back into `channels/kapso`.
 * Unit tests (`*.test.ts`) are left out: they are not part of the layering.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import madge from 'madge';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const result = await madge(path.join(root, 'src'), {
  baseDir: path.join(root, 'src'),
  fileExtensions: ['ts', 'tsx'],
  tsConfig: path.join(root, 'tsconfig.json'),
  excludeRegExp: [/\.test\.tsx?$/],
});

const files = result.obj();
const problems = [];
// A file madge could not read would hide its imports: that is a failure, not a pass.
for (const file of result.warnings().skipped) problems.push(`not analysed: ${file}`);

for (const cycle of result.circular()) problems.push(`file cycle: ${[...cycle, cycle[0]].join(' -> ')}`);

/** Which file made each folder edge, to name it in the report. */
const folderEdges = new Map();
const folderOf = (file) => path.posix.dirname(file);
for (const [file, imports] of Object.entries(files)) {
  for (const imported of imports) {
    if (imported.startsWith('..')) continue; // outside src/ (tests' support): not our layering
    const from = folderOf(file);
    const to = folderOf(imported);
    if (from === to) continue;
    if (!folderEdges.has(from)) folderEdges.set(from, new Map());
    if (!folderEdges.get(from).has(to)) folderEdges.get(from).set(to, `${file} -> ${imported}`);
  }
}
for (const cycle of findCycles(folderEdges)) {
  const steps = cycle.map((from, i) => folderEdges.get(from).get(cycle[(i + 1) % cycle.length]));
  problems.push(`folder cycle: ${[...cycle, cycle[0]].join(' -> ')}\n    ${steps.join('\n    ')}`);
}

if (problems.length > 0) {
  console.error(`import cycles in src/ (${problems.length}):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(
  `no import cycles: ${Object.keys(files).length} files in ${new Set(Object.keys(files).map(folderOf)).size} folders`,
);

/**
 * One cycle per strongly connected component of the folder graph (Tarjan), each
 * printed as a path through it: enough to see what to untangle, without listing
 * every one of a tangle's many cycles.
 */
function findCycles(edges) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];
  let next = 0;
  const nodes = new Set([...edges.keys(), ...[...edges.values()].flatMap((m) => [...m.keys()])]);
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const to of edges.get(node)?.keys() ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node), index.get(to)));
    }
    if (low.get(node) === index.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(new Set(component));
    }
  };
  for (const node of [...nodes].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => shortestCycle(edges, component));
}

/** The shortest cycle through the component's first folder (breadth-first inside the component). */
function shortestCycle(edges, component) {
  const start = [...component].sort()[0];
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const to of [...(edges.get(node)?.keys() ?? [])].sort()) {
      if (!component.has(to)) continue;
      if (to === start) {
        const cycle = [node];
        for (let at = previous.get(node); at !== null; at = previous.get(at)) cycle.unshift(at);
        return cycle;
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start];
}
