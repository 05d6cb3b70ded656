// `zenith audit verify`: walks the hash chain of the audit log and prints ok (with the head hash,
// to note down elsewhere: a log cut short at its end is found only against a noted head) or the
// first broken record, exiting 1. `zenith audit list` prints the records.
import { Command, InvalidArgumentError } from '@commander-js/extra-typings';
import { verifyAuditChain } from '../complex/auth/index.ts';
import { withArchive } from './archiveOption.ts';

/** Exit code of `audit verify` when the chain is broken. */
export const EXIT_AUDIT_BROKEN = 1;

function count(text: string): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) throw new InvalidArgumentError(`expected a whole number >= 1, found "${text}"`);
  return v;
}

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('the audit log of the complex');
  audit
    .command('verify')
    .description('check the hash chain of the audit log; exits 1 at the first broken record')
    .option('--data <dir>', 'data folder of the SQLite archive (default ./zenith-data)')
    .option('--archive <url>', 'postgres://... or a SQLite file or folder')
    .option('--head <hash>', 'a head hash noted earlier: also check that the log still contains it (not cut short)')
    .action(async (options) => {
      const verdict = await withArchive(options, (archive) => verifyAuditChain(archive, options.head));
      if (verdict.ok) {
        process.stdout.write(`ok: ${verdict.records} records, head ${verdict.headHash}\n`);
        return;
      }
      process.stdout.write(`broken at record ${verdict.broken?.seq ?? '?'}: ${verdict.broken?.reason ?? ''} (${verdict.records} records read)\n`);
      process.exitCode = EXIT_AUDIT_BROKEN;
    });
  audit
    .command('list')
    .description('print the newest records of the audit log, oldest first, as tab-separated lines')
    .option('--last <n>', 'how many (default 50)', count)
    .option('--data <dir>', 'data folder of the SQLite archive (default ./zenith-data)')
    .option('--archive <url>', 'postgres://... or a SQLite file or folder')
    .action(async (options) => {
      await withArchive(options, async (archive) => {
        const last = options.last ?? 50;
        const all = [];
        for (let after = 0; ; ) {
          const page = await archive.auditRecords(after, 1000);
          all.push(...page);
          if (all.length > last) all.splice(0, all.length - last);
          if (page.length < 1000) break;
          after = page[page.length - 1]?.seq ?? after;
        }
        for (const r of all) {
          process.stdout.write(`${r.seq}\t${new Date(r.timeMs).toISOString()}\t${r.actor ?? '-'}\t${r.address ?? '-'}\t${r.action}\t${r.target ?? '-'}\t${r.outcome}\t${r.status}\t${r.detail ?? ''}\n`);
        }
      });
    });
}
