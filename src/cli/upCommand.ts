// `zenith up`: starts the whole complex (archive, bus, flight dynamics, contact plan, simulator,
// links, pipelines, API) in this process, prints the URL (and on the first start the admin's
// one-time password), and stops cleanly on Ctrl-C or SIGTERM.
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { readUpConfigFile, resolveUpConfig, startComplex } from '../complex/up/index.ts';
import type { UpConfig } from '../complex/up/index.ts';

function number(what: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) throw new InvalidArgumentError(`expected ${what}, found "${text}"`);
    return value;
  };
}

/** What the first start prints once: the admin's one-time password and how to log in. */
export function firstAdminNotice(url: string, password: string): string {
  return [
    '',
    'First start: created the user admin (role admin). Its password, shown only this once:',
    `  ${password}`,
    `Log in at ${url} (or POST ${url}api/auth/login with {"username": "admin", "password": "..."}),`,
    'where you set a password of your own before anything else (or use `zenith users passwd admin`); add people with',
    '`zenith users add NAME --role viewer|operator|flight-director|admin` (see docs/security.md).',
    '',
  ].join('\n');
}

export function registerUpCommand(program: Command): void {
  program
    .command('up')
    .description('start the whole complex with the simulated fleet and serve the API')
    .option('--data <dir>', 'folder of the SQLite archive and the clock state (default ./zenith-data)')
    .option('--port <port>', 'API port, 0 for any free port (default 8080)', number('a port number'))
    .option('--host <host>', 'address the API listens on (default 127.0.0.1)')
    .option('--speed <x>', 'simulated seconds per real second (default 1)', number('a positive number'))
    .option('--archive <url>', 'postgres://... or a SQLite file or folder (default: under --data)')
    .option('--bus <url>', 'nats://host:port (default: in-process)')
    .option('--mission <dir>', 'mission folder (default missions/demo)')
    .option('--config <file>', 'YAML file with the same keys, plus flightDynamics and simulator sections')
    .action(async (options) => {
      const fileConfig = options.config === undefined ? {} : readUpConfigFile(options.config);
      const flags: Partial<UpConfig> = {
        ...(options.data === undefined ? {} : { data: options.data }),
        ...(options.port === undefined ? {} : { port: options.port }),
        ...(options.host === undefined ? {} : { host: options.host }),
        ...(options.speed === undefined ? {} : { speed: options.speed }),
        ...(options.archive === undefined ? {} : { archive: options.archive }),
        ...(options.bus === undefined ? {} : { bus: options.bus }),
        ...(options.mission === undefined ? {} : { mission: options.mission }),
      };
      const settings = resolveUpConfig(flags, fileConfig, options.config ?? '(flags)');
      const log = (line: string): void => {
        process.stderr.write(`zenith up: ${line}\n`);
      };
      const complex = await startComplex(settings, log);
      process.stdout.write(`Zenith is up at ${complex.url} (simulated time x${settings.speed}, data in ${settings.dataDir})\n`);
      if (complex.firstAdminPassword !== undefined) process.stdout.write(firstAdminNotice(complex.url, complex.firstAdminPassword));
      await new Promise<void>((resolve) => {
        let stopping = false;
        const onSignal = (signal: NodeJS.Signals): void => {
          if (stopping) return;
          stopping = true;
          log(`${signal}: stopping`);
          // Once every service is stopped nothing should hold the process; if something still does
          // (a socket a peer keeps open), it must not keep Ctrl-C from ending the process.
          const leave = (): void => {
            setTimeout(() => {
              log('still held open 3 s after stopping; exiting');
              process.exit();
            }, 3000).unref();
          };
          complex.stop().then(
            () => {
              log('stopped');
              leave();
              resolve();
            },
            (error: unknown) => {
              log(`stopped with errors: ${String(error)}`);
              process.exitCode = 1;
              leave();
              resolve();
            },
          );
        };
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
      });
    });
}
