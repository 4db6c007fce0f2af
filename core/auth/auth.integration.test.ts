import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor } from '../../test-support/test-actors';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database';
import { testEngine } from '../../test-support/test-engine';
import type { AuthServices } from './auth-services';
import { createAuth } from './create-auth';
import { resolvePrincipal } from './resolve-principal';
import { signIn, signInDelayMs } from './sign-in';
import { signOut } from './sign-out';
import { createApiToken } from './tokens/create-api-token';
import { revokeApiToken } from './tokens/revoke-api-token';
import { createUser } from './users/create-user';
import { ensureFirstAdmin, FIRST_ADMIN_EMAIL } from './users/ensure-first-admin';
import { updateUser } from './users/update-user';

let db: TestDatabase;
let services: AuthServices;
const client = { ip: '203.0.113.7', userAgent: 'vitest' };

beforeAll(async () => {
  db = await createTestDatabase();
  const engine = testEngine(db, []);
  const config = {
    secret: 'x'.repeat(40),
    baseUrl: 'http://localhost:3000',
    idleTimeoutMinutes: 30,
    maxSessionHours: 12,
  };
  services = { engine, config, auth: createAuth(engine.db, config) };
});
afterAll(() => db.drop());

/** The Cookie header a browser would send back after this sign-in. */
const cookieFrom = (headers: Headers) =>
  new Headers({
    cookie: headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  });

const audits = (action: string) =>
  db.db.execute<{
    actor: string;
    actor_role: string | null;
    outcome: string;
    ip: string | null;
    target: string | null;
  }>(
    sql`select actor, actor_role, outcome, ip, target from audit_events where action = ${action} order by id`,
  );

describe('sign-in and sessions', () => {
  it('creates the first admin once, with a generated password', async () => {
    const first = await ensureFirstAdmin(services, actor('tester'));
    expect(first?.email).toBe(FIRST_ADMIN_EMAIL);
    expect(first!.password.length).toBeGreaterThanOrEqual(20);
    expect(await ensureFirstAdmin(services, actor('tester'))).toBeUndefined();
    const { headers } = await signIn(
      services,
      { email: FIRST_ADMIN_EMAIL, password: first!.password },
      client,
    );
    const principal = await resolvePrincipal(services, cookieFrom(headers), client.ip);
    expect(principal).toMatchObject({ kind: 'user', name: FIRST_ADMIN_EMAIL, role: 'admin' });
  });

  it('sets an HttpOnly, SameSite=Strict session cookie and resolves it to the user and role', async () => {
    await createUser(
      services,
      { email: 'Olga@Example.org', role: 'operator', password: 'correct horse battery' },
      actor('test'),
    );
    const { headers, role } = await signIn(
      services,
      { email: 'olga@example.org', password: 'correct horse battery' },
      client,
    );
    expect(role).toBe('operator');
    const [cookie] = headers.getSetCookie();
    expect(cookie).toMatch(/^signalbox\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i); // http://localhost: Secure only behind https
    const principal = await resolvePrincipal(services, cookieFrom(headers), client.ip);
    expect(principal).toMatchObject({
      kind: 'user',
      name: 'olga@example.org',
      role: 'operator',
      ip: client.ip,
    });
    const [accepted] = await audits('auth.sign-in').then((rows) =>
      rows.filter((r) => r.actor === 'olga@example.org'),
    );
    expect(accepted).toMatchObject({ outcome: 'accepted', actor_role: 'operator', ip: client.ip });
  });

  it('refuses a wrong password, audits it without the password, and slows repeated failures down', async () => {
    const wrong = { email: 'olga@example.org', password: 'not her password' };
    const error = await signIn(services, wrong, client).catch((e) => e);
    expect(error).toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
    const refused = (await audits('auth.sign-in')).filter((r) => r.outcome === 'refused');
    expect(refused).toHaveLength(1);
    const [row] = await db.db.execute<{ text: string }>(
      sql`select audit_events::text as text from audit_events where outcome = 'refused'`,
    );
    expect(row!.text).not.toContain('not her password');
    expect([0, 1, 2, 3, 6, 10].map(signInDelayMs)).toEqual([0, 500, 1000, 2000, 8000, 8000]);
  });

  it('ends a session that was idle longer than the idle timeout', async () => {
    await createUser(
      services,
      { email: 'ida@example.org', role: 'viewer', password: 'idle idle idle idle' },
      actor('test'),
    );
    const { headers } = await signIn(
      services,
      { email: 'ida@example.org', password: 'idle idle idle idle' },
      client,
    );
    const cookie = cookieFrom(headers);
    expect(await resolvePrincipal(services, cookie, null)).not.toBeNull();
    await db.db.execute(sql`update sessions set updated_at = now() - interval '31 minutes'
      where user_id = (select id from users where email = 'ida@example.org')`);
    expect(await resolvePrincipal(services, cookie, null)).toBeNull();
    const [left] = await db.db.execute<{ n: number }>(sql`select count(*)::int as n from sessions
      where user_id = (select id from users where email = 'ida@example.org')`);
    expect(left!.n).toBe(0);
  });

  it('ends a session at its absolute lifetime, however busy', async () => {
    const { headers } = await signIn(
      services,
      { email: 'ida@example.org', password: 'idle idle idle idle' },
      client,
    );
    await db.db.execute(sql`update sessions set expires_at = now() - interval '1 second', updated_at = now()
      where user_id = (select id from users where email = 'ida@example.org')`);
    expect(await resolvePrincipal(services, cookieFrom(headers), null)).toBeNull();
  });

  it('revokes sessions on sign-out, on a role change and when a user is disabled', async () => {
    const login = () =>
      signIn(services, { email: 'olga@example.org', password: 'correct horse battery' }, client);
    const a = cookieFrom((await login()).headers);
    const principal = (await resolvePrincipal(services, a, null))!;
    await signOut(services, principal);
    expect(await resolvePrincipal(services, a, null)).toBeNull();

    const b = cookieFrom((await login()).headers);
    await updateUser(services.engine, principal.id, { role: 'viewer' }, actor('test'));
    expect(await resolvePrincipal(services, b, null)).toBeNull();
    const c = cookieFrom((await login()).headers);
    expect(await resolvePrincipal(services, c, null)).toMatchObject({ role: 'viewer' });

    await updateUser(services.engine, principal.id, { disabled: true }, actor('test'));
    expect(await resolvePrincipal(services, c, null)).toBeNull();
    await expect(login()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('API tokens', () => {
  it('authenticate with their role until revoked; only a hash is stored', async () => {
    const created = await createApiToken(
      services.engine,
      { name: 'ci-uploader', role: 'operator' },
      actor('test'),
    );
    expect(created.token).toMatch(/^sbx_/);
    const bearer = new Headers({ authorization: `Bearer ${created.token}` });
    expect(await resolvePrincipal(services, bearer, null)).toMatchObject({
      kind: 'token',
      name: 'token:ci-uploader',
      role: 'operator',
    });
    const [stored] = await db.db.execute<{ text: string }>(
      sql`select api_tokens::text as text from api_tokens where id = ${created.id}`,
    );
    expect(stored!.text).not.toContain(created.token);
    await revokeApiToken(services.engine, created.id, actor('test'));
    expect(await resolvePrincipal(services, bearer, null)).toBeNull();
    expect(
      await resolvePrincipal(
        services,
        new Headers({ authorization: 'Bearer sbx_made_up_token_value' }),
        null,
      ),
    ).toBeNull();
    expect(await resolvePrincipal(services, new Headers({ authorization: 'Basic abc' }), null)).toBeNull();
    expect((await audits('token.revoke'))[0]).toMatchObject({
      outcome: 'accepted',
      target: `token:${created.id}`,
    });
  });
});

describe('the audit trail', () => {
  it('is append-only in the database', async () => {
    await db.db.execute(
      sql`insert into audit_events (actor, action, outcome) values ('test', 'test.row', 'accepted')`,
    );
    const refused = { cause: { message: expect.stringMatching(/audit_events is append-only/) } };
    await expect(db.db.execute(sql`update audit_events set actor = 'someone else'`)).rejects.toMatchObject(
      refused,
    );
    await expect(db.db.execute(sql`delete from audit_events`)).rejects.toMatchObject(refused);
    await expect(db.db.execute(sql`truncate audit_events`)).rejects.toMatchObject(refused);
  });
});
