import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMdb } from './loadMdb.ts';

const GREEN_BOOK = resolve('../shared/data/xtce/ccsds-green-book/ccsds-green-book.xml');
const PUS = ['dt', 'pus', 'pus5', 'pus11', 'pus17'].map((n) => resolve(`../shared/data/xtce/yamcs-pus-example/${n}.xml`));

function inline(body: string) {
  return loadMdb([
    {
      name: 'sig.xml',
      text: `<SpaceSystem name="S" xmlns="http://www.omg.org/spec/XTCE/20180204"><CommandMetaData><MetaCommandSet>${body}</MetaCommandSet></CommandMetaData></SpaceSystem>`,
    },
  ]);
}

describe('DefaultSignificance (XTCE 1.2 §3.5.3.2)', () => {
  it('exposes the consequence level of the green book command PWHTMR, and null where none is given (Yamcs PUS example)', () => {
    const { mdb, problems, unsupported } = loadMdb([{ name: 'gb.xml', text: readFileSync(GREEN_BOOK, 'utf8') }]);
    expect(problems).toEqual([]);
    expect(unsupported.some((u) => u.element === 'DefaultSignificance')).toBe(false);
    expect(mdb.command('PWHTMR')?.significance).toEqual({ consequenceLevel: 'critical', reasonForWarning: null });
    // The Yamcs PUS example gives no DefaultSignificance anywhere.
    const pus = loadMdb(PUS.map((p) => ({ name: p, text: readFileSync(p, 'utf8') }))).mdb;
    expect(pus.commands.size).toBeGreaterThan(5);
    for (const c of pus.commands.values()) expect(c.significance).toBeNull();
  });

  it('reads the reason, inherits a base command significance and lets a command override it', () => {
    const { mdb, problems } = inline(`
      <MetaCommand name="BASE" abstract="true"><DefaultSignificance consequenceLevel="vital" reasonForWarning="moves things"/></MetaCommand>
      <MetaCommand name="CHILD"><BaseMetaCommand metaCommandRef="BASE"/></MetaCommand>
      <MetaCommand name="OVERRIDE"><BaseMetaCommand metaCommandRef="BASE"/><DefaultSignificance consequenceLevel="normal"/></MetaCommand>`);
    expect(problems).toEqual([]);
    expect(mdb.command('CHILD')?.significance).toEqual({ consequenceLevel: 'vital', reasonForWarning: 'moves things' });
    expect(mdb.command('OVERRIDE')?.significance).toEqual({ consequenceLevel: 'normal', reasonForWarning: null });
  });

  it('reports an unknown consequence level with its line and attribute', () => {
    const { mdb, problems } = inline('\n<MetaCommand name="X"><DefaultSignificance consequenceLevel="deadly"/></MetaCommand>');
    expect(problems.map((p) => [p.code, p.context.line, p.context.field])).toEqual([['XTCE_BAD_VALUE', 2, 'consequenceLevel']]);
    expect(problems[0]?.message).toContain('found "deadly"');
    expect(mdb.command('X')?.significance?.consequenceLevel).toBe('normal');
  });
});
