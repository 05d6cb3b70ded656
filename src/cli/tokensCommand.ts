// `zenith tokens create|list|revoke`: API tokens for scripts and station front-ends, sent as
// `Authorization: Bearer TOKEN`. The token is printed once; the archive keeps only its SHA-256.
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { AuthService, SCOPES } from '../complex/auth/index.ts';
import { withArchive } from './archiveOption.ts';
import { cliActor } from './usersCommand.ts';

function days(text: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || v <= 0 || v > 36_500) throw new InvalidArgumentError(`expected a number of days (0 < days <= 36500), found "${text}"`);
  return v;
}

export function registerTokensCommand(program: Command): void {
  const tokens = program.command('tokens').description('manage API tokens (Authorization: Bearer TOKEN)');
  tokens
    .command('create')
    .description('make a token for a user and print it (only now)')
    .requiredOption('--user <name>', 'the user the token acts as (it never does more than the user may)')
    .option('--scope <scope...>', `what the token may do: ${SCOPES.join(', ')} (default read)`)
    .option('--label <text>', 'what the token is for, e.g. "station KIR front-end"')
    .option('--expires <days>', 'days until the token expires (default: never)', days)
    .option('--data <dir>', 'data folder of the SQLite archive (default ./zenith-data)')
    .option('--archive <url>', 'postgres://... or a SQLite file or folder')
    .action(async (options) => {
      const scopes = (options.scope ?? ['read']).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
      const made = await withArchive(options, (archive) =>
        new AuthService({ archive }).createToken(options.user, scopes, cliActor(), {
          ...(options.label === undefined ? {} : { label: options.label }),
          ...(options.expires === undefined ? {} : { expiresMs: Date.now() + options.expires * 86_400_000 }),
        }),
      );
      process.stderr.write(`token ${made.record.id} for ${made.record.user}, scopes ${made.record.scopes.join(' ')}; shown only now:\n`);
      process.stdout.write(`${made.token}\n`);
    });
  tokens
    .command('list')
    .description('list tokens (ids, never the secrets)')
    .option('--user <name>', 'only this user')
    .option('--data <dir>', 'data folder of the SQLite archive (default ./zenith-data)')
    .option('--archive <url>', 'postgres://... or a SQLite file or folder')
    .action(async (options) => {
      const list = await withArchive(options, (archive) => archive.tokens(options.user));
      for (const t of list) {
        const state = t.revokedMs !== undefined ? 'revoked' : t.expiresMs !== undefined && t.expiresMs <= Date.now() ? 'expired' : 'active';
        process.stdout.write(`${t.id}\t${t.user}\t${t.scopes.join(',')}\t${state}\t${t.label ?? ''}\n`);
      }
    });
  tokens
    .command('revoke')
    .description('revoke a token by its id')
    .argument('<id>', 'the id shown by create and list')
    .option('--data <dir>', 'data folder of the SQLite archive (default ./zenith-data)')
    .option('--archive <url>', 'postgres://... or a SQLite file or folder')
    .action(async (id, options) => {
      const found = await withArchive(options, (archive) => new AuthService({ archive }).revokeToken(id, cliActor()));
      if (!found) {
        process.stderr.write(`zenith: expected the id of a token, found ${JSON.stringify(id)}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`revoked token ${id}\n`);
    });
}
