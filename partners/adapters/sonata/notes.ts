import { randomUUID } from 'node:crypto';
import { ourNoteAuthor } from '../carrier-notes.js';

/**
 * A buyer's note as MEF LSO Sonata has it (every field required, the id ours), for a PATCH of a ProductOrder
 * (ProductOrder_Update) or a TroubleTicket (TroubleTicket_Update): MEF's PATCH takes plain JSON.
 */
export const sonataNotePatch = (text: string, at: Date) => ({
  note: [{ id: randomUUID(), author: ourNoteAuthor, date: at.toISOString(), source: 'buyer', text }],
});
