// `zenith users add|list|passwd`: the users of the complex, kept in its archive; works whether or
// not the complex is running. Passwords come from stdin or a prompt without echo, never a flag.
import { userInfo } from 'node:os';
import { Command, Option } from '@commander-js/extra-typings';
import { AuthService, ROLES } from '../complex/auth/index.ts';
import { ZenithError } from '../core/errors/index.ts';
import { withArchive } from './archiveOption.ts';
import { readPassword } from './readPassword.ts';

/** Who the audit log names for what the CLI does. */
export function cliActor(): { actor: string; address: string } {
  let name = 'unknown';
  try {
    name = userInfo().username;
  } catch {
    // No user database entry (a container): keep 'unknown'.
  }
  return { actor: `cli:${name}`, address: 'cli' };
}

export function registerUsersCommand(program: Command): void {
  const users = program.command('users').description('manage the users of the complex (in its archive)');
  users
    .command('add')
    .description('add a user; the password is read from stdin, or prompted for on a terminal')
    .argument('<name>', 'user name: letters, digits, _ . @ -')
    .addOption(new Option('--role <role>', 'what the user may do').choices(ROLES).makeOptionMandatory())
    .option('--data <dir>', 'data folder of the SQLite archive (default ./zenith-data)')
    .option('--archive <url>', 'postgres://... or a SQLite file or folder')
    .action(async (name, options) => {
      const password = await readPassword(name);
      await withArchive(options, async (archive) => {
        await new AuthService({ archive }).addUser(name, options.role, password, cliActor());
      });
      process.stdout.write(`added user ${name} with role ${options.role}\n`);
    });
  users
    .command('passwd')
    .description("set a user's password (read from stdin, or prompted for); ends the user's sessions")
    .argument('<name>', 'user name')
    .option('--data <dir>', 'data folder of the SQLite archive (default ./zenith-data)')
    .option('--archive <url>', 'postgres://... or a SQLite file or folder')
    .action(async (name, options) => {
      await withArchive(options, async (archive) => {
        const auth = new AuthService({ archive });
        if ((await archive.user(name)) === undefined) throw new ZenithError('AUTH_UNKNOWN_USER', `expected the name of a user, found ${JSON.stringify(name)}`, { field: 'name' });
        await auth.setPassword(name, await readPassword(name), cliActor());
      });
      process.stdout.write(`set the password of ${name}\n`);
    });
  users
    .command('list')
    .description('list the users and their roles')
    .option('--data <dir>', 'data folder of the SQLite archive (default ./zenith-data)')
    .option('--archive <url>', 'postgres://... or a SQLite file or folder')
    .action(async (options) => {
      const list = await withArchive(options, (archive) => archive.users());
      for (const u of list) process.stdout.write(`${u.name}\t${u.role}${u.disabled ? '\tdisabled' : ''}\tsince ${new Date(u.createdMs).toISOString()}\n`);
      if (list.length === 0) process.stdout.write('no users yet: `zenith up` makes the first admin, or `zenith users add NAME --role admin`\n');
    });
}
