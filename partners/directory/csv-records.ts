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

type ParseResult = { data: string[][]; meta: { cursor: number } };
type Newline = '\n' | '\r' | '\r\n';

/**
 * Streams CSV records (arrays of raw field text, header included) out of byte or text chunks, one array of records
 * per chunk: each chunk is parsed whole by papaparse's parser, and the record it ends in the middle of is carried
 * into the next chunk (what papaparse's own chunked reading does, without its stream wrapper, which pauses every
 * 16 rows and re-splits the rest of the chunk). Only the current chunk and one partial record are held, and the
 * source is only read as fast as the caller asks for records.
 * Refuses input that is not UTF-8, and a record longer than MAX_RECORD_CHARS (typically an unterminated quote,
 * which would otherwise make the parser carry the rest of the file).
 */
export async function* readCsvRecordBatches(chunks: CsvChunks): AsyncGenerator<string[][]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let records = 0;
  const decode = (chunk: string | Uint8Array, stream: boolean) => {
    if (typeof chunk === 'string') return chunk;
    try {
      return decoder.decode(chunk, { stream });
    } catch {
      throw new CsvFileError('the file is not valid UTF-8 text', records);
    }
  };
  let parser: Papa.Parser | undefined;
  let partial = '';
  const parse = (text: string, final: boolean): string[][] => {
    // The line ending is guessed (as papaparse does) once the text holds one, or at the end.
    parser ??= final || /[\r\n]/.test(text) ? newParser(text) : undefined;
    if (!parser) {
      partial = text;
      return [];
    }
    const result = parser.parse(text, 0, !final) as ParseResult;
    partial = final ? '' : text.slice(result.meta.cursor);
    records += result.data.length;
    return result.data;
  };
  const checkPartial = () => {
    if (partial.length > MAX_RECORD_CHARS) {
      throw new CsvFileError(
        `a record is longer than ${MAX_RECORD_CHARS / 1024} KiB; look for an unterminated quote`,
        records,
      );
    }
  };
  // A record left over is only re-read once at least as much new text has come, so a long one costs linear time.
  let pending = '';
  for await (const chunk of chunks) {
    pending += decode(chunk, true);
    if (pending.length === 0 || pending.length < partial.length) continue;
    const batch = parse(partial + pending, false);
    pending = '';
    if (batch.length > 0) yield batch;
    checkPartial();
  }
  checkPartial();
  const tail = partial + pending + decode(new Uint8Array(0), false);
  if (tail.length > 0) {
    const batch = parse(tail, true);
    if (batch.length > 0) yield batch;
  }
}

/** The same records one at a time. */
export async function* readCsvRecords(chunks: CsvChunks): AsyncGenerator<string[]> {
  for await (const batch of readCsvRecordBatches(chunks)) yield* batch;
}

/** Papaparse's line-ending guess lives on ParserHandle, which its typings leave out. */
const { ParserHandle } = Papa as unknown as {
  ParserHandle: new (config: object) => { guessLineEndings(input: string, quoteChar: string): Newline };
};

function newParser(sample: string): Papa.Parser {
  const newline = new ParserHandle({}).guessLineEndings(sample, '"');
  return new Papa.Parser({ delimiter: ',', newline, quoteChar: '"' });
}
