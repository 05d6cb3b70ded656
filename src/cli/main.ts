// The `zenith` command line: one file per subcommand, registered here.
import { Command, CommanderError } from '@commander-js/extra-typings';
import { isZenithError } from '../core/errors/index.ts';
import { registerElementsCommand } from './elementsCommand.ts';
import { registerPropagateCommand } from './propagateCommand.ts';
import { registerMissionCommand } from './missionCommand.ts';
import { registerPassesCommand } from './passesCommand.ts';
import { registerMdbCommand } from './mdbCommand.ts';
import { registerTmCommand } from './tmCommand.ts';
import { registerUpCommand } from './upCommand.ts';
import { registerAuditCommand } from './auditCommand.ts';
import { registerTokensCommand } from './tokensCommand.ts';
import { registerUsersCommand } from './usersCommand.ts';

/** Runs the CLI with `argv` as Node gives it; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('zenith')
    .description('Zenith ground control complex: flight dynamics, telemetry, telecommand')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  const commands: ((p: Command) => void)[] = [registerElementsCommand, registerPropagateCommand, registerPassesCommand, registerMissionCommand, registerMdbCommand, registerTmCommand, registerUpCommand, registerUsersCommand, registerTokensCommand, registerAuditCommand];
  for (const register of commands) register(program);
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isZenithError(error)) {
      process.stderr.write(`zenith: ${error.describe()}\n`);
      return 1;
    }
    throw error;
  }
}
