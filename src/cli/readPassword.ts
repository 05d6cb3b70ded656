// Reads a password for the CLI: from a terminal, prompted twice without echo; otherwise the first
// line of stdin (so that scripts can pipe it in). Never from a flag: flags end up in shell history
// and in `ps`.
import { ZenithError } from '../core/errors/index.ts';

function readAllStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    process.stdin.on('error', reject);
  });
}

/** One line typed on the terminal with echo off. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let text = '';
    const done = (error?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done();
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          done(new ZenithError('CLI_CANCELLED', 'expected a password, found the input cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export async function readPassword(what: string): Promise<string> {
  // isTTY is undefined (not false) when stdin is a pipe or a file.
  if (!(process.stdin.isTTY as boolean | undefined)) {
    const line = (await readAllStdin()).split(/\r?\n/)[0] ?? '';
    if (line === '') throw new ZenithError('CLI_NO_PASSWORD', `expected the password of ${what} on the first line of stdin, found none`, { field: 'password' });
    return line;
  }
  const first = await promptHidden(`Password for ${what}: `);
  const again = await promptHidden('Again: ');
  if (first !== again) throw new ZenithError('CLI_PASSWORD_MISMATCH', 'expected the same password twice, found two different ones', { field: 'password' });
  return first;
}
