// `zenith up` as a child process for end-to-end tests: started on a temporary data directory,
// ready once it prints its URL, with JSON requests against it and polling until a condition holds.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class ZenithUpProcess {
  stderr = '';
  stdout = '';

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly dataDir: string,
  ) {}

  /** Starts `zenith up --data <dir> --port 0 --speed <speed> ...args` (a new temporary dir unless given); resolves with its URL. */
  static async start(speed: number, args: readonly string[] = [], dir?: string): Promise<ZenithUpProcess> {
    const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'zenith-up-'));
    const child = spawn(process.execPath, ['bin/zenith.js', 'up', '--data', dataDir, '--port', '0', '--speed', String(speed), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /Zenith is up at (http:\/\/\S+)/.exec(stdout);
        if (m?.[1] !== undefined) resolve(m[1]);
      });
      child.on('exit', (code) => {
        reject(new Error(`zenith up exited with ${String(code)}:\n${stderr}`));
      });
    });
    const up = new ZenithUpProcess(child, url, dataDir);
    child.stderr.on('data', (d: Buffer) => (up.stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (up.stdout += d.toString()));
    up.stderr = stderr;
    up.stdout = stdout;
    return up;
  }

  /** The parsed JSON answer of a request to `path`. */
  async json(path: string, init?: RequestInit): Promise<unknown> {
    const response = await fetch(new URL(path, this.url), init);
    return response.json();
  }

  /** Calls `fn` every 250 ms until it gives a value; fails after `tries` with what it waited for. */
  async poll<T>(what: string, fn: () => Promise<T | undefined>, tries = 240): Promise<T> {
    for (let i = 0; i < tries; i++) {
      const value = await fn();
      if (value !== undefined) return value;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`gave up waiting for ${what}; stderr:\n${this.stderr}`);
  }

  /** Ctrl-C (SIGINT), waits for the exit, removes the data directory unless kept; the exit code. */
  async stop(options: { readonly keepData?: boolean } = {}): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((r) => this.child.once('exit', r));
      this.child.kill('SIGINT');
      await exited;
    }
    if (options.keepData !== true) rmSync(this.dataDir, { recursive: true, force: true });
    return this.child.exitCode;
  }
}
