import { pipeline, Readable } from 'node:stream';
import Papa from 'papaparse';

/** The file itself cannot be read as CSV (not UTF-8, a runaway record); reading stopped after row `afterRow`. */
export class CsvFileError extends Error {
  constructor(
    message: string,
    readonly afterRow: number,
  ) {
    super(message);
  }
}

/** Text or UTF-8 bytes, in pieces of any size: a file or request stream, or a generator. */
export type CsvChunks = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Papaparse re-reads a record that spans chunks from its start, so a runaway record is also quadratic time. */
export const MAX_RECORD_CHARS = 1 << 20;
/**
 * Papaparse's stream pauses every 16 rows (its read buffer) and on resume re-splits the rest of the current
 * chunk, so its cost grows with the square of the chunk size: 64 KiB chunks parse ~7x slower than 4 KiB ones.
 */
const PIECE_CHARS = 4 * 1024;

/**
 * Streams CSV records (arrays of raw field text, header included) out of byte or text chunks with papaparse,
 * holding only a few chunks at a time: rows are pulled by the caller, and papaparse pauses when they are not.
 * Refuses input that is not UTF-8, and a record longer than MAX_RECORD_CHARS (typically an unterminated quote,
 * which would otherwise make papaparse buffer the rest of the file).
 */
export async function* readCsvRecords(chunks: CsvChunks): AsyncGenerator<string[]> {
  const progress = { records: 0, charsSinceRecord: 0 };
  // highWaterMark 1 keeps read-ahead to a couple of pieces, so charsSinceRecord really measures one record.
  const pieces = Readable.from(decodeAndMeter(chunks, progress), { objectMode: true, highWaterMark: 1 });
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { delimiter: ',', header: false, skipEmptyLines: false });
  // Errors from either side destroy the pipeline and surface from the iteration below.
  const records = pipeline(pieces, parser, () => {});
  for await (const record of records as AsyncIterable<string[]>) {
    progress.records += 1;
    progress.charsSinceRecord = 0;
    yield record;
  }
}

async function* decodeAndMeter(chunks: CsvChunks, progress: { records: number; charsSinceRecord: number }) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk: string | Uint8Array, stream: boolean) => {
    if (typeof chunk === 'string') return chunk;
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      throw new CsvFileError('the file is not valid UTF-8 text', progress.records);
    }
  };
  for await (const chunk of chunks) {
    const text = decode(chunk, true);
    for (let at = 0; at < text.length; at += PIECE_CHARS) {
      const piece = text.slice(at, at + PIECE_CHARS);
      progress.charsSinceRecord += piece.length;
      if (progress.charsSinceRecord > MAX_RECORD_CHARS) {
        throw new CsvFileError(
          `a record is longer than ${MAX_RECORD_CHARS / 1024} KiB; look for an unterminated quote`,
          progress.records,
        );
      }
      yield piece;
    }
  }
  const tail = decode(new Uint8Array(0), false);
  if (tail) yield tail;
}
