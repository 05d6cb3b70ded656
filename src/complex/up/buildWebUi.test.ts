import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureWebUi, webSourceKey } from './buildWebUi.ts';

const root = mkdtempSync(join(tmpdir(), 'zenith-webui-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function writeSources(text: string): void {
  mkdirSync(join(root, 'web', 'src'), { recursive: true });
  mkdirSync(join(root, 'src', 'core'), { recursive: true });
  writeFileSync(join(root, 'web', 'index.html'), '<!doctype html><html><body><script type="module" src="/src/main.ts"></script></body></html>\n');
  writeFileSync(join(root, 'web', 'src', 'main.ts'), `document.body.append(${JSON.stringify(text)});\n`);
}

describe('ensureWebUi', () => {
  it('is undefined without a web/ folder', async () => {
    expect(await ensureWebUi(() => undefined, join(root, 'nothing'))).toBeUndefined();
  });

  it('builds once, reuses the build while the sources are unchanged, and builds again after a change', async () => {
    writeSources('first');
    const lines: string[] = [];
    const first = await ensureWebUi((l) => lines.push(l), root);
    expect(first?.built).toBe(true);
    const html = readFileSync(join(first?.root ?? '', 'index.html'), 'utf8');
    const script = /src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    expect(readFileSync(join(first?.root ?? '', script), 'utf8')).toContain('first');
    expect(lines.join('\n')).toMatch(/building web\/ with Vite/);

    const again = await ensureWebUi((l) => lines.push(l), root);
    expect(again).toMatchObject({ built: false, root: first?.root });
    expect(lines[lines.length - 1]).toMatch(/reusing the build/);

    const key = webSourceKey(root);
    writeSources('second, a little longer');
    expect(webSourceKey(root)).not.toBe(key);
    const second = await ensureWebUi(() => undefined, root);
    expect(second?.built).toBe(true);
    expect(second?.root).not.toBe(first?.root);
    // No temporary folders are left behind.
    expect(readdirSync(join(root, 'web', 'dist')).every((n) => n.startsWith('build-'))).toBe(true);
  }, 60_000);
});
