import { describe, expect, it } from 'vitest';
import { newTimeOrderedId } from '../../db/ids.js';
import { offersTemplate, qualificationBody } from './qualification-bytes.js';

const idBody = () => newTimeOrderedId('qlf', new Date()).slice('qlf_'.length);

describe('qualification bytes', () => {
  it('fills every gap with the id body, around multi-byte characters, between the head and the tail', () => {
    const pieces = ['[{"id":"qof_', '_1","partnerName":"Ünïcode → Carrier"},{"id":"qof_', '_2","partnerName":"😀"}]'];
    const template = offersTemplate(pieces);
    expect(template.idSlots).toHaveLength(2);
    const id = idBody();
    const head = '{"id":"qlf_x","address":{"city":"Zürich"},"offers":';
    expect(qualificationBody(head, template, id, '}').toString()).toBe(`${head}${pieces.join(id)}}`);
    // Each qualification gets its own id; the shared template is left as it was.
    const other = idBody();
    expect(qualificationBody(head, template, other, '}').toString()).toBe(`${head}${pieces.join(other)}}`);
  });

  it('finds the gaps of all-ASCII pieces as well', () => {
    const pieces = ['[{"id":"qof_', '_1","partnerName":"Carrier"},{"id":"qof_', '_2"}]'];
    const id = idBody();
    expect(qualificationBody('', offersTemplate(pieces), id, '').toString()).toBe(pieces.join(id));
  });

  it('has no gap for an answer without offers', () => {
    const template = offersTemplate(['[]']);
    expect(template.idSlots).toEqual([]);
    expect(qualificationBody('{"offers":', template, idBody(), '}').toString()).toBe('{"offers":[]}');
  });

  it('refuses an id body of another length, which would shift every byte after it', () => {
    expect(() => qualificationBody('{', offersTemplate(['a', 'b']), 'short', '}')).toThrow(/characters/);
  });
});
