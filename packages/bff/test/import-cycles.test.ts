/**
 * No import cycle in any package's src (issue 8): a cycle means two modules cannot be understood, tested
 * or replaced one without the other. Type-only imports count too. Each cycle is reported by file names.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { findCycles, importGraph, tsFiles } from './fixtures/import-graph.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCES = readdirSync(join(ROOT, 'packages')).map((p) => join(ROOT, 'packages', p, 'src'));

function planted(files: Record<string, string>): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
  try {
    for (const [name, code] of Object.entries(files)) writeFileSync(join(dir, name), code);
    return findCycles(importGraph(tsFiles(dir)), dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('import cycles', () => {
  test('When every package src is read, then no module imports itself through others', () => {
    const files = SOURCES.flatMap(tsFiles);
    const graph = importGraph(files);
    // The graph is real: the app imports its routes (a lexer that read nothing would find no cycle either).
    assert.ok(graph.get(join(ROOT, 'packages/bff/src/app.ts'))?.has(join(ROOT, 'packages/bff/src/routes/asp.routes.ts')));
    const cycles = findCycles(graph, ROOT);
    assert.deepEqual(cycles, [], `import cycles:\n${cycles.map((c) => c.join(' -> ')).join('\n')}`);
  });

  test('When two files import each other (one of them type-only), then the cycle is reported by file names', () => {
    const cycles = planted({
      'a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'b.ts': "import type { A } from './a.js';\nexport const b = 1;\nexport type B = A;\n",
      'c.ts': "import { a } from './a.js';\nexport const c = a;\n",
    });
    assert.deepEqual(cycles, [['a.ts', 'b.ts', 'a.ts']]);
  });

  test('When three files close a loop through a re-export and a dynamic import, then that loop is reported', () => {
    const cycles = planted({
      'x.ts': "export * from './y.js';\n",
      'y.ts': "export { z } from './z.js';\n",
      'z.ts': "export const z = async () => (await import('./x.js')) as unknown;\n",
    });
    assert.deepEqual(cycles, [['x.ts', 'y.ts', 'z.ts', 'x.ts']]);
  });
});
