import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '../../components/auth/login-form';
import { pagePrincipal } from '../_lib/auth/page-principal';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  // Only a signed-in person skips this page: a Bearer token is for the API, not for pages.
  if ((await pagePrincipal())?.kind === 'user')
    redirect(next?.startsWith('/') && !next.startsWith('//') ? next : '/');
  return (
    <section className="login">
      <h1>Sign in to Signalbox</h1>
      <p className="muted">
        Use the account an admin gave you. On a fresh installation, `npm start` printed the first admin's
        password once.
      </p>
      <LoginForm next={next ?? null} />
    </section>
  );
}
