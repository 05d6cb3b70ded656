import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLayers } from './checkLayers.ts';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  for (const [path, text] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, text);
  }
  return root;
}

describe('checkLayers', () => {
  it('accepts core importing core through an index and an allowed package', () => {
    const root = tree({
      'src/core/time/index.ts': 'export const a = 1;\n',
      'src/core/orbit/x.ts': "import { a } from '../time/index.ts';\nimport * as s from 'satellite.js';\n",
    });
    expect(checkLayers(root)).toEqual([]);
  });
  it('rejects node modules, other layers and back doors in core', () => {
    const root = tree({
      'src/core/time/leap.ts': 'export const a = 1;\n',
      'src/complex/up.ts': 'export const b = 1;\n',
      'src/core/orbit/x.ts':
        "import { readFileSync } from 'node:fs';\nimport { a } from '../time/leap.ts';\nimport { b } from '../../complex/up.ts';\nimport pg from 'pg';\n",
    });
    const rules = checkLayers(root).map((v) => `${v.line}:${v.rule}`);
    expect(rules).toContain('1:src/core imports no node: module');
    expect(rules).toContain('2:another folder is imported through its index.ts');
    expect(rules).toContain('3:src/core imports nothing outside src/core');
    expect(rules.some((r) => r.startsWith('4:src/core may use only'))).toBe(true);
  });
  it('rejects complex importing cli', () => {
    const root = tree({
      'src/cli/index.ts': 'export const c = 1;\n',
      'src/complex/up.ts': "import { c } from '../cli/index.ts';\n",
    });
    expect(checkLayers(root).map((v) => v.rule)).toEqual(['src/complex does not import src/cli']);
  });
});
