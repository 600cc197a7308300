import { writeTransaction } from '../../db/access.js';
import type { Db } from '../../db/client.js';
import { changeCreditClaim, partnerClaims } from '../../db/repositories/credit-claims.js';
import { insertCreditNoteImport, type CreditNoteImportRow } from '../../db/repositories/credit-note-imports.js';
import { lockName } from '../../db/row-locks.js';
import type { Refusal } from '../service.js';
import { parseCreditNoteCsv, type CsvProblem } from './credit-note-csv.js';
import { matchCredits, type CreditMatch } from './match.js';
import { unsettledStates } from './summary.js';

export type CreditNoteImport = Omit<CreditNoteImportRow, 'result'> & { result: CreditMatch };

class ClaimMovedError extends Error {}

/**
 * Imports a carrier's credit-note CSV: every credit matched to the partner's open claims, the claims it settles
 * settled, and the match kept with the import, all in one transaction (a file with a bad row changes nothing).
 */
export async function importCreditNotes(
  db: Db,
  input: { partnerId: string; csv: string; fileName?: string | undefined; by: string; now: Date },
): Promise<CreditNoteImport | { problems: CsvProblem[] } | Refusal> {
  const parsed = parseCreditNoteCsv(input.csv);
  if ('problems' in parsed) return parsed;
  const at = input.now.toISOString();
  try {
    return await writeTransaction(db, async () => {
      // Two imports for one carrier take turns, so a credit is never counted against a claim twice.
      await lockName(db, `credit-notes:${input.partnerId}`);
      const { match, settlements } = matchCredits(parsed.rows, await partnerClaims(db, input.partnerId));
      const row = await insertCreditNoteImport(db, {
        partnerId: input.partnerId,
        fileName: input.fileName ?? null,
        result: match,
        importedBy: input.by,
        importedAt: at,
      });
      for (const s of settlements) {
        const settled = await changeCreditClaim(db, s.claimId, unsettledStates, {
          state: 'settled',
          settledOn: s.settledOn,
          creditNoteReference: s.creditNoteReference,
          receivedMinor: s.receivedMinor,
          importId: row.id,
          updatedBy: input.by,
          updatedAt: at,
        });
        if (!settled) throw new ClaimMovedError(s.claimId);
      }
      return { ...row, result: match };
    });
  } catch (err) {
    if (!(err instanceof ClaimMovedError)) throw err;
    return {
      refused: 'conflict',
      message: `claim ${err.message} changed while the file was being matched; import it again`,
      retryLater: true,
    };
  }
}
