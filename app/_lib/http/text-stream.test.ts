import { describe, expect, it } from 'vitest';
import { textStream } from './text-stream';

describe('textStream', () => {
  it('streams the chunks as UTF-8, in order', async () => {
    async function* chunks() {
      yield 'record,reason\r\n';
      yield '1,unknown unit µmol/L\r\n';
    }
    expect(await new Response(textStream(chunks())).text()).toBe(
      'record,reason\r\n1,unknown unit µmol/L\r\n',
    );
  });

  it('asks for a chunk only when the reader wants one', async () => {
    let produced = 0;
    async function* chunks() {
      for (;;) {
        produced++;
        yield 'x';
      }
    }
    const reader = textStream(chunks()).getReader();
    await reader.read();
    await reader.read();
    expect(produced).toBe(2);
    await reader.cancel();
  });

  it('stops the generator when the client goes away', async () => {
    let finished = false;
    async function* chunks() {
      try {
        for (;;) yield 'x';
      } finally {
        finished = true;
      }
    }
    const reader = textStream(chunks()).getReader();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });

  it('reports a failure mid-stream and errors the stream', async () => {
    const seen: unknown[] = [];
    async function* chunks() {
      yield 'header\r\n';
      throw new Error('connection lost');
    }
    const body = new Response(textStream(chunks(), (error) => seen.push(error)));
    await expect(body.text()).rejects.toThrow('connection lost');
    expect(seen).toHaveLength(1);
  });
});
