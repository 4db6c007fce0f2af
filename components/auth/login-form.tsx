'use client';

import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { apiRoutes } from '../../contracts/api-routes';
import { callApi } from '../api/api-client';
import { ApiError } from '../api/api-error';

/** Only same-site paths may follow a sign-in (no open redirect to another site). */
const safeNext = (next: string | null): string =>
  next?.startsWith('/') && !next.startsWith('//') ? next : '/';

export function LoginForm({ next }: { next: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      await callApi(apiRoutes.signIn, {
        body: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
      });
      router.replace(safeNext(next));
      router.refresh();
    } catch (failure) {
      const status = failure instanceof ApiError ? failure.status : 0;
      setError(
        status === 401
          ? 'Wrong email or password, or the account is disabled.'
          : status === 0
            ? 'The console could not be reached. Try again.'
            : (failure as Error).message,
      );
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="login-form" onSubmit={submit} noValidate={false}>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" className="input" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          className="input"
          autoComplete="current-password"
          required
        />
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
