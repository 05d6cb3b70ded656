// `zenith up` as a child process for end-to-end tests: started on a temporary data directory,
// ready once it prints its URL, logged in (as the admin whose one-time password the first start
// prints, which it then changes as the complex requires, or with the credentials of an earlier run),
// with JSON requests in that session and polling until a condition holds.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

const FIRST_ADMIN_RE = /shown only this once:\n {2}(\S+)\n[\s\S]*zenith users add/;

export class ZenithUpProcess {
  stderr = '';
  stdout = '';
  /** The session cookie (`zenith_session=...`) and its CSRF token. */
  session = { cookie: '', csrfToken: '' };

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly dataDir: string,
    public credentials: Credentials,
  ) {}

  /**
   * Starts `zenith up --data <dir> --port 0 --speed <speed> ...args` (a new temporary dir unless
   * given) and logs in: with `credentials`, or (first start) as admin with the printed password,
   * which it replaces with `<printed>-own` unless `keepFirstPassword` (then only the password
   * routes answer until someone changes it).
   */
  static async start(
    speed: number,
    args: readonly string[] = [],
    dir?: string,
    credentials?: Credentials,
    options: { readonly keepFirstPassword?: boolean } = {},
  ): Promise<ZenithUpProcess> {
    const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'zenith-up-'));
    const child = spawn(process.execPath, ['bin/zenith.js', 'up', '--data', dataDir, '--port', '0', '--speed', String(speed), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /Zenith is up at (http:\/\/\S+)/.exec(stdout);
        // A first start prints the admin's password after the URL: wait for it too.
        if (m?.[1] !== undefined && (credentials !== undefined || FIRST_ADMIN_RE.test(stdout))) resolve(m[1]);
      });
      child.on('exit', (code) => {
        reject(new Error(`zenith up exited with ${String(code)}:\n${stderr}`));
      });
    });
    const password = FIRST_ADMIN_RE.exec(stdout)?.[1];
    const login = credentials ?? { username: 'admin', password: password ?? '' };
    const up = new ZenithUpProcess(child, url, dataDir, login);
    child.stderr.on('data', (d: Buffer) => (up.stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (up.stdout += d.toString()));
    up.stderr = stderr;
    up.stdout = stdout;
    const mustChange = await up.login();
    if (mustChange && options.keepFirstPassword !== true) await up.changePassword(`${login.password}-own`);
    return up;
  }

  /** Changes the logged-in user's password (POST /api/auth/password) and keeps the new session. */
  async changePassword(newPassword: string): Promise<void> {
    const response = await this.fetch('/api/auth/password', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: this.credentials.password, newPassword }),
    });
    if (response.status !== 200) throw new Error(`password change of ${this.credentials.username}: ${response.status} ${await response.text()}`);
    this.credentials = { username: this.credentials.username, password: newPassword };
    const body = (await response.json()) as { csrfToken: string };
    this.session = { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrfToken: body.csrfToken };
  }

  /** Logs in with the credentials (the session is used by `fetch` and `json`); whether the password must change. */
  async login(): Promise<boolean> {
    const response = await fetch(new URL('/api/auth/login', this.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.credentials),
    });
    if (response.status !== 200) throw new Error(`login as ${this.credentials.username}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { csrfToken: string; user: { mustChangePassword: boolean } };
    this.session = { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrfToken: body.csrfToken };
    return body.user.mustChangePassword;
  }

  /** A request in the session: its cookie, and its CSRF token on state changes. */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', this.session.cookie);
    if (init.method !== undefined && init.method !== 'GET' && init.method !== 'HEAD') headers.set('x-csrf-token', this.session.csrfToken);
    return fetch(new URL(path, this.url), { ...init, headers });
  }

  /** The parsed JSON answer of a request to `path` in the session. */
  async json(path: string, init?: RequestInit): Promise<unknown> {
    const response = await this.fetch(path, init);
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
      const t0 = Date.now();
      this.child.kill('SIGINT');
      await exited;
      // A slow stop is a fault worth seeing: what the complex said while stopping.
      if (Date.now() - t0 > 5000) console.warn(`zenith up took ${Date.now() - t0} ms to stop:\n${this.stderr.split('\n').slice(-20).join('\n')}`);
    }
    if (options.keepData !== true) rmSync(this.dataDir, { recursive: true, force: true });
    return this.child.exitCode;
  }
}
