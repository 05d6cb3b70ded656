// No request-derived text is ever evaluated (issue 7): no file under src/ uses eval, the Function
// constructor, node:vm, string timers or a computed dynamic import, and only the test files listed
// here (each with its reason) start processes; production code starts none.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN: readonly { readonly name: string; readonly re: RegExp }[] = [
  { name: 'eval', re: /(?<![\w.$])eval\s*\(/ },
  { name: 'Function constructor', re: /(?<![\w.$])(?:new\s+)?Function\s*\(/ },
  { name: 'node:vm', re: /['"](?:node:)?vm['"]/ },
  { name: 'string timer', re: /\bset(?:Timeout|Interval|Immediate)\s*\(\s*['"`]/ },
  { name: 'computed dynamic import', re: /(?<![\w.$])import\s*\(\s*(?!['"])/ },
  { name: 'child_process', re: /['"](?:node:)?child_process['"]/ },
];

/** Test files that start processes, and why; none of them passes request input to a shell. */
const ALLOWED_CHILD_PROCESS: Readonly<Record<string, string>> = {
  'src/cli/elementsCommand.test.ts': 'runs the zenith CLI as a user would',
  'src/cli/mdbCommand.test.ts': 'runs the zenith CLI as a user would',
  'src/cli/missionCommand.test.ts': 'runs the zenith CLI as a user would',
  'src/cli/passesCommand.test.ts': 'runs the zenith CLI as a user would',
  'src/cli/propagateCommand.test.ts': 'runs the zenith CLI as a user would',
  'src/cli/tmCommand.test.ts': 'runs the zenith CLI as a user would',
  'src/cli/authCommands.test.ts': 'runs the zenith CLI as a user would (users, tokens, audit)',
  'src/complex/tc/commandPipeline.test.ts': 'crashes a child process mid-send to test recovery',
  'src/complex/workers/propagateCatalog.test.ts': 'compares with a reference program',
  'src/core/orbit/parseTle.test.ts': 'compares with the python-sgp4 reader',
  'src/core/orbit/vallado.test.ts': 'compares with the reference SGP4 program',
  'src/core/frames/skyfieldFrames.test.ts': 'compares with Skyfield',
  'src/core/time/leapSeconds.test.ts': 'compares with a reference time library in Python',
  'src/core/time/timeScales.test.ts': 'compares with a reference time library in Python',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

/** The code of a file without its comments (a comment may name what it must not do). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

describe('no evaluation of request text', () => {
  it('finds no eval, Function, vm, string timer or computed import under src/, and child processes only in the listed tests', () => {
    const found: string[] = [];
    const files = sourceFiles('src');
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const rel = relative('.', file).split('\\').join('/');
      const lines = code(readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, i) => {
        for (const { name, re } of FORBIDDEN) {
          if (!re.test(line)) continue;
          if (name === 'child_process' && rel in ALLOWED_CHILD_PROCESS) continue;
          found.push(`${rel}:${i + 1}: ${name}: ${line.trim().slice(0, 120)}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it('catches each construct it looks for', () => {
    const samples = ['eval(x)', 'new Function("a", b)', "import vm from 'node:vm'", 'setTimeout("go()", 1)', 'await import(name)', "from 'child_process'"];
    samples.forEach((s, i) => {
      expect(FORBIDDEN[i]?.re.test(s), s).toBe(true);
    });
    for (const harmless of ['regex.exec(text)', 'retrieval(x)', "await import('./postgres/index.ts')", 'setTimeout(() => 1, 5)', 'isFunction(x)']) {
      expect(FORBIDDEN.some((f) => f.re.test(harmless)), harmless).toBe(false);
    }
  });

  it('lists only test files that exist', () => {
    const files = new Set(sourceFiles('src').map((f) => relative('.', f).split('\\').join('/')));
    expect(Object.keys(ALLOWED_CHILD_PROCESS).filter((f) => !files.has(f) || !f.endsWith('.test.ts'))).toEqual([]);
  });
});
