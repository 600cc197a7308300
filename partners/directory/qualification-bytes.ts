import { TIME_ORDERED_ID_BODY_LENGTH } from '../../db/ids.js';

/**
 * A cached answer's offers as the UTF-8 bytes of their JSON, with a gap (`idSlots`, byte offsets) wherever an offer id
 * holds its qualification's id body. Filled in per qualification by qualificationBody: copying bytes and writing
 * one short ASCII id costs a fraction of joining the JSON as a string and encoding it for the socket.
 */
export type OffersTemplate = { bytes: Buffer; idSlots: readonly number[] };

const ID_BODY_BYTES = TIME_ORDERED_ID_BODY_LENGTH;

/** Holds an id body's place while the pieces are joined; overwritten per qualification. */
const GAP = '0'.repeat(ID_BODY_BYTES);

/**
 * The template whose bytes are `pieces.join(idBody)` for any id body: `pieces` are the JSON between the id bodies.
 * Encoded in one go; when every character is ASCII (the bytes are as many as the characters, as for most carriers'
 * names) the gaps are found by counting characters, otherwise by each piece's UTF-8 length.
 */
export function offersTemplate(pieces: readonly string[]): OffersTemplate {
  const joined = pieces.join(GAP);
  const bytes = Buffer.from(joined);
  const ascii = bytes.length === joined.length;
  const idSlots: number[] = [];
  let at = 0;
  for (let i = 0; i < pieces.length - 1; i += 1) {
    const piece = pieces[i] as string;
    at += ascii ? piece.length : Buffer.byteLength(piece);
    idSlots.push(at);
    at += ID_BODY_BYTES;
  }
  return { bytes, idSlots };
}

/**
 * `head`, then the offers with `idBody` in every gap, then `tail`: the response's bytes. Every byte of the buffer is
 * written (the head, the template's copy, the id bodies, the tail), so it may come from allocUnsafe.
 */
export function qualificationBody(
  head: string,
  offers: OffersTemplate,
  idBody: string,
  tail: string,
): Buffer<ArrayBuffer> {
  if (idBody.length !== ID_BODY_BYTES)
    throw new Error(`a qualification id body has ${ID_BODY_BYTES} characters, got "${idBody}"`);
  const headBytes = Buffer.byteLength(head);
  const tailAt = headBytes + offers.bytes.length;
  const body = Buffer.allocUnsafe(tailAt + Buffer.byteLength(tail));
  body.write(head, 0);
  offers.bytes.copy(body, headBytes);
  const slots = offers.idSlots;
  if (slots.length > 0) {
    const firstAt = headBytes + (slots[0] as number);
    body.write(idBody, firstAt, 'latin1');
    for (let i = 1; i < slots.length; i += 1)
      body.copyWithin(headBytes + (slots[i] as number), firstAt, firstAt + ID_BODY_BYTES);
  }
  body.write(tail, tailAt);
  return body;
}
