import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The import rules CI checks (npm run lint:deps, .dependency-cruiser.cjs), run on a small tree
// that breaks each of them once, and on the same tree without the breaches.

const root = fileURLToPath(new URL('../..', import.meta.url));

function lint(dir: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [join(root, 'scripts/lint-deps.mjs')], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_PATH: join(root, 'node_modules') } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('dependency rules', () => {
  let dir: string;
  const put = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gk-deps-'));
    copyFileSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
    copyFileSync(join(root, 'tsconfig.json'), join(dir, 'tsconfig.json'));
    mkdirSync(join(dir, 'scripts'));
    copyFileSync(join(root, 'scripts/lint-deps.mjs'), join(dir, 'scripts/lint-deps.mjs'));
    // lint-deps.mjs runs ../node_modules/.bin/depcruise relative to itself.
    spawnSync('ln', ['-s', join(root, 'node_modules'), join(dir, 'node_modules')]);
    put('src/core/util.ts', 'export const one = 1;\n');
    put('src/modules/a/service.ts', "import { one } from '../../core/util.js';\nexport const a = () => one;\n");
    put('src/modules/a/schema.ts', 'export const tableA = {};\n');
    put('src/modules/b/service.ts', "import { a } from '../a/service.js';\nexport const b = () => a();\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('passes a tree whose modules meet through service functions', () => {
    const r = lint(dir);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /no dependency violations found/);
  });

  it('fails on core importing a module, on a cycle, and on reading another module’s tables', () => {
    put('src/core/bad.ts', "import { a } from '../modules/a/service.js';\nexport const bad = a;\n");
    put('src/modules/b/cycle-x.ts', "import { y } from './cycle-y.js';\nexport const x = () => y;\n");
    put('src/modules/b/cycle-y.ts', "import type { x } from './cycle-x.js';\nexport const y: typeof x | null = null;\n");
    put('src/modules/b/peek.ts', "import { tableA } from '../a/schema.js';\nexport const peek = tableA;\n");
    const r = lint(dir);
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /core-web-not-to-modules-or-http[\s\S]*src\/core\/bad\.ts/);
    assert.match(r.out, /no-circular[\s\S]*cycle-x\.ts/);
    assert.match(r.out, /modules-private-parts[\s\S]*src\/modules\/b\/peek\.ts/);
    for (const f of ['src/core/bad.ts', 'src/modules/b/cycle-x.ts', 'src/modules/b/cycle-y.ts', 'src/modules/b/peek.ts']) rmSync(join(dir, f));
    assert.equal(lint(dir).status, 0, 'clean again once the breaches are removed');
  });
});
