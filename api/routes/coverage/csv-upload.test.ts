import { describe, expect, it } from 'vitest';
import { ApiError } from '../../errors.js';
import { csvRequestBody } from './csv-upload.js';

const streamed = (chunks: string[], contentType = 'text/csv; charset=utf-8') =>
  new Request('http://test/upload', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    }),
    duplex: 'half',
  } as RequestInit);

const drain = async (body: AsyncIterable<Uint8Array>) => {
  let bytes = 0;
  for await (const chunk of body) bytes += chunk.byteLength;
  return bytes;
};

describe('csvRequestBody', () => {
  it('passes a chunked body through as it arrives', async () => {
    expect(await drain(csvRequestBody(streamed(['a,b\n', '1,2\n']), 100))).toBe(8);
  });

  it('stops a chunked body as soon as it passes the limit', async () => {
    const error = await drain(csvRequestBody(streamed(['12345', '67890', 'x'.repeat(100)]), 10)).catch(
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('payload_too_large');
  });

  it('refuses a body that is not sent as CSV', () => {
    expect(() => csvRequestBody(streamed([], 'application/x-www-form-urlencoded'))).toThrow(/text\/csv/);
  });
});
