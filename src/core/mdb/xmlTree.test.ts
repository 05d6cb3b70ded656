import { describe, expect, it } from 'vitest';
import { ZenithError } from '../errors/index.ts';
import { childNamed, consumeDeep, parseXml, unconsumed } from './xmlTree.ts';

const DOC = `<?xml version="1.0"?>
<!-- a comment <with> angle brackets -->
<x:SpaceSystem xmlns:x="urn:a" name="S">
  <x:Header><![CDATA[ <not> an element ]]></x:Header>
  <Other xmlns="urn:b" name="o">text &amp; more<x:Inner/></Other>
      <x:Deep a="1"/>
</x:SpaceSystem>`;

describe('parseXml', () => {
  const root = parseXml(DOC, 'doc.xml');

  it('gives each element its local name, namespace URI, line and column', () => {
    expect(root).toMatchObject({ name: 'SpaceSystem', ns: 'urn:a', line: 3, column: 1, path: 'SpaceSystem[S]', file: 'doc.xml' });
    const [header, other, deep] = root.children;
    expect(header).toMatchObject({ name: 'Header', line: 4, column: 3, text: '<not> an element' });
    expect(other).toMatchObject({ name: 'Other', ns: 'urn:b', line: 5, text: 'text & more', path: 'SpaceSystem[S]/Other[o]' });
    expect(other?.children[0]).toMatchObject({ name: 'Inner', ns: 'urn:a', line: 5, path: 'SpaceSystem[S]/Other[o]/Inner' });
    expect(deep).toMatchObject({ name: 'Deep', line: 6, column: 7, attrs: { a: '1' } });
  });

  it('lists the topmost elements nobody consumed', () => {
    const tree = parseXml(DOC, 'doc.xml');
    tree.consumed = true;
    const other = childNamed(tree, 'Other');
    if (other !== null) consumeDeep(other);
    expect(unconsumed(tree).map((e) => e.name)).toEqual(['Header', 'Deep']);
  });

  it('rejects malformed XML with the line of the fault', () => {
    let error: unknown;
    try {
      parseXml('<a>\n<b>\n</a>', 'bad.xml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZenithError);
    expect((error as ZenithError).code).toBe('XML_MALFORMED');
    expect((error as ZenithError).context).toMatchObject({ file: 'bad.xml', line: 3 });
  });
});
