import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findImportCycles } from '../../scripts/lib/import-cycles';

describe('imports go one way', () => {
  it.each(['worker', 'extension', 'test/sim'])('%s has no import circle', (dir) => {
    expect(findImportCycles(path.resolve(import.meta.dirname, '../..', dir))).toEqual([]);
  });

  it('finds a circle through a folder index and a type-only import', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'cycles-'));
    mkdirSync(path.join(root, 'sync'));
    writeFileSync(path.join(root, 'a.ts'), "import { b } from './sync';\nexport const a = b;\n");
    writeFileSync(path.join(root, 'sync', 'index.ts'), "export { b } from './b';\n");
    writeFileSync(path.join(root, 'sync', 'b.ts'), "import type {\n  A,\n} from '../c';\nexport const b: A = 1;\n");
    writeFileSync(path.join(root, 'c.ts'), "import { a } from './a';\nexport type A = typeof a;\n");
    writeFileSync(path.join(root, 'd.ts'), "import { a } from './a';\nexport const d = a;\n");
    const cycles = findImportCycles(root);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toEqual(['a.ts', path.join('sync', 'index.ts'), path.join('sync', 'b.ts'), 'c.ts', 'a.ts']);
  });
});
