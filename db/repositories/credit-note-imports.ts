import { eq } from 'drizzle-orm';
import { queryFirst } from '../execute.js';
import { withConnection } from '../access.js';
import type { Db } from '../client.js';
import { newId } from '../ids.js';
import { creditNoteImports } from '../schema.js';

/** Carriers' credit-note files as imported, with what matching them found (reports/credits/import.ts). */
export type CreditNoteImportRow = typeof creditNoteImports.$inferSelect;

export function insertCreditNoteImport(db: Db, row: Omit<CreditNoteImportRow, 'id'>): Promise<CreditNoteImportRow> {
  return withConnection(db, async () => {
    return await queryFirst(
      db
        .insert(creditNoteImports)
        .values({ id: newId('cni'), ...row })
        .returning(),
    );
  });
}

export function getCreditNoteImport(db: Db, id: string): Promise<CreditNoteImportRow | undefined> {
  return withConnection(db, async () => {
    return await queryFirst(db.select().from(creditNoteImports).where(eq(creditNoteImports.id, id)));
  });
}
