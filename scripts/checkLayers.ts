// The layering check of DESIGN.md: src/core imports nothing from Node or from the rest of Zenith,
// complex never imports cli or web, and a folder is entered only through its index.ts.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** npm packages that are pure computation and so may be used by src/core (they run in a browser). */
export const CORE_PACKAGES = new Set(['satellite.js', 'astronomy-engine', 'fast-xml-parser']);

export interface LayerViolation {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly rule: string;
}

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|(?:^|[^.\w])import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listTs(path));
    else if (name.endsWith('.ts') || name.endsWith('.tsx')) out.push(path);
  }
  return out;
}

function layerOf(relPath: string): 'core' | 'complex' | 'cli' | 'other' {
  const parts = relPath.split(sep);
  if (parts[0] === 'src' && (parts[1] === 'core' || parts[1] === 'complex' || parts[1] === 'cli')) return parts[1];
  return 'other';
}

/** Checks every import in `root/src`; returns the violations (empty when the layering holds). */
export function checkLayers(root: string): LayerViolation[] {
  const violations: LayerViolation[] = [];
  const srcDir = join(root, 'src');
  for (const file of listTs(srcDir)) {
    const rel = relative(root, file);
    const layer = layerOf(rel);
    const isTest = file.endsWith('.test.ts');
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec === undefined) continue;
      const line = text.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
      const report = (rule: string): void => {
        violations.push({ file: rel, line, specifier: spec, rule });
      };
      if (!spec.startsWith('.')) {
        if (layer === 'core' && !isTest) {
          const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0] ?? spec;
          if (spec.startsWith('node:')) report('src/core imports no node: module');
          else if (!CORE_PACKAGES.has(pkg)) report(`src/core may use only ${[...CORE_PACKAGES].join(', ')}`);
        }
        continue;
      }
      const target = resolve(dirname(file), spec);
      const targetRel = relative(root, target);
      const targetLayer = layerOf(targetRel);
      if (layer === 'core' && targetLayer !== 'core') report('src/core imports nothing outside src/core');
      if (layer === 'complex' && targetLayer === 'cli') report('src/complex does not import src/cli');
      if (targetRel.startsWith(`web${sep}`) && layer !== 'other') report('src does not import web/');
      // One door per room: a file in another folder is reached only through that folder's index.ts.
      const fromDir = dirname(file);
      const toDir = dirname(target);
      const sameRoom = fromDir === toDir;
      const intoChild = dirname(toDir) === fromDir;
      if (!sameRoom && !target.endsWith(`${sep}index.ts`) && !(intoChild && target.endsWith('index.ts'))) {
        if (!(isTest && toDir.startsWith(fromDir))) report('another folder is imported through its index.ts');
      }
    }
  }
  return violations;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const violations = checkLayers(process.cwd());
  for (const v of violations) console.error(`${v.file}:${v.line}: ${v.rule} (imports '${v.specifier}')`);
  if (violations.length > 0) {
    console.error(`layering check: ${violations.length} violation(s)`);
    process.exit(1);
  }
  console.log('layering check: ok');
}
