import { describe, expect, it } from 'vitest';
import { sseComment, sseEvent, sseRetry } from './format-sse';

describe('Server-Sent Events framing', () => {
  it('writes an event with one JSON data line and a blank line after it', () => {
    expect(sseEvent('run', { runId: 'r1', state: 'a\nb' })).toBe(
      'event: run\ndata: {"runId":"r1","state":"a\\nb"}\n\n',
    );
  });

  it('keeps comments on one line', () => {
    expect(sseComment('heart\nbeat')).toBe(': heart beat\n\n');
  });

  it('writes the reconnection delay in whole milliseconds', () => {
    expect(sseRetry(2999.6)).toBe('retry: 3000\n\n');
  });
});
