/**
 * A response body from text chunks produced on demand (an async generator over a database cursor):
 * the next chunk is read only when the client has taken the previous one, so an export of any size
 * streams in bounded memory. A client that goes away stops the generator (its `finally` runs).
 * `onError` hears about a failure after the response started (the status was sent: the stream is
 * cut short instead).
 */
export function textStream(
  chunks: AsyncGenerator<string>,
  onError: (error: unknown) => void = () => {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(encoder.encode(value));
        } catch (error) {
          onError(error);
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
}
