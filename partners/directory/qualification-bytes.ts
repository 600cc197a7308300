import { TIME_ORDERED_ID_BODY_LENGTH } from '../../db/ids.js';

/**
 * A cached answer's offers as the UTF-8 bytes of their JSON, with a gap (`idSlots`, byte offsets) wherever an offer id
 * holds its qualification's id body. Filled in per qualification by qualificationBody: copying bytes and writing
 * one short ASCII id costs a fraction of joining the JSON as a string and encoding it for the socket.
 */
export type OffersTemplate = { bytes: Buffer; idSlots: readonly number[] };

const ID_BODY_BYTES = TIME_ORDERED_ID_BODY_LENGTH;

/** The template whose bytes are `pieces.join(idBody)` for any id body: `pieces` are the JSON between the id bodies. */
export function offersTemplate(pieces: readonly string[]): OffersTemplate {
  let length = (pieces.length - 1) * ID_BODY_BYTES;
  for (const piece of pieces) length += Buffer.byteLength(piece);
  const bytes = Buffer.alloc(length);
  const idSlots: number[] = [];
  let at = 0;
  for (const [i, piece] of pieces.entries()) {
    if (i > 0) {
      idSlots.push(at);
      at += ID_BODY_BYTES;
    }
    at += bytes.write(piece, at);
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
