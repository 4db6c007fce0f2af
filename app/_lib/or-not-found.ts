import 'server-only';
import { notFound } from 'next/navigation';
import { AppError } from '../../core/errors';

/** A page's data, or the segment's not-found page when core says the thing does not exist (404). */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}
