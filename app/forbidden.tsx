import Link from 'next/link';

export default function Forbidden() {
  return (
    <section className="login">
      <h1>Not for your role</h1>
      <p className="muted">
        You are signed in, but your role may not open this page. Ask an admin if you need it.
      </p>
      <Link href="/" className="btn">
        Back to the overview
      </Link>
    </section>
  );
}
