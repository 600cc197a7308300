import { z } from 'zod';

/** Author of the notes we write, so that reading a carrier's document can tell its notes from our own. */
export const ourNoteAuthor = 'Tailgate';

const optionalText = z.string().optional().catch(undefined);

/** A TMF Note as carriers send it (TMF622 and TMF621 share the type); an odd field counts as absent. */
export const carrierNoteSchema = z.object({ text: optionalText, author: optionalText, date: optionalText });
export type CarrierNote = z.infer<typeof carrierNoteSchema>;

/** The carrier's latest note: never one of ours echoed back in its copy of the order or ticket. */
export function latestCarrierNote(notes: readonly CarrierNote[] | undefined): string | undefined {
  return (notes ?? []).filter((n) => n.text && n.author !== ourNoteAuthor).at(-1)?.text;
}
