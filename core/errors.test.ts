import { describe, expect, it, vi } from 'vitest';
import { AppError, ConcurrentTransition } from './errors';

describe('instanceof AppError', () => {
  it('holds for an AppError made by another copy of this module, as Next.js bundles make them', async () => {
    vi.resetModules();
    const copy = await import('./errors');
    expect(copy.AppError).not.toBe(AppError);
    const foreign = new copy.AppError('PIPELINE_NOT_FOUND', 'unknown pipeline');
    expect(foreign instanceof AppError).toBe(true);
    expect(new copy.ConcurrentTransition('r', 1) instanceof AppError).toBe(true);
  });

  it('holds for nothing else, and subclasses check as usual', () => {
    expect(new Error('x') instanceof AppError).toBe(false);
    expect({ code: 'NOT_FOUND', status: 404 } instanceof AppError).toBe(false);
    expect((null as unknown) instanceof AppError).toBe(false);
    expect(new ConcurrentTransition('r', 1) instanceof ConcurrentTransition).toBe(true);
    expect(new AppError('NOT_FOUND', 'x') instanceof ConcurrentTransition).toBe(false);
  });
});
