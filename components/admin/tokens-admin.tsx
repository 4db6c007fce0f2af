'use client';

import { type FormEvent, useState } from 'react';
import { RoleSchema } from '../../contracts/admin';
import { apiRoutes } from '../../contracts/api-routes';
import { callApi } from '../api/api-client';
import { ConfirmInline } from '../ui/confirm-inline';
import { OneTimeSecret } from '../ui/one-time-secret';
import { RelativeTime } from '../ui/relative-time';
import { useAdminAction } from './use-admin-action';

export interface TokenRow {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Create (the secret is shown once, with a copy button), list and revoke API tokens. */
export function TokensAdmin({ tokens }: { tokens: TokenRow[] }) {
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const { pending, error, run } = useAdminAction();

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    return run(async () => {
      const { token } = await callApi(apiRoutes.createToken, {
        body: { name: String(data.get('name') ?? ''), role: RoleSchema.parse(data.get('role') ?? 'viewer') },
      });
      setCreated({ name: token.name, token: token.token });
      form.reset();
      return `Token ${token.name} created`;
    }, 'form');
  }

  function revoke(token: TokenRow) {
    return run(async () => {
      await callApi(apiRoutes.revokeToken, { params: { id: token.id } });
      setConfirming(null);
      return `Token ${token.name} revoked`;
    }, 'toast');
  }

  return (
    <>
      <section className="panel" aria-labelledby="token-create">
        <div className="panel-header">
          <h2 id="token-create">New token</h2>
          <span className="meta">the secret is shown once</span>
        </div>
        <div className="panel-body">
          <form className="button-row" onSubmit={create}>
            <label className="field-inline">
              Name
              <input
                name="name"
                className="input"
                required
                maxLength={100}
                placeholder="e.g. nightly-import"
              />
            </label>
            <label className="field-inline">
              Role
              <select name="role" className="input" defaultValue="viewer">
                <option value="viewer">viewer</option>
                <option value="operator">operator</option>
                <option value="admin">admin</option>
              </select>
            </label>
            <button type="submit" className="btn btn-primary" disabled={pending}>
              Create token
            </button>
          </form>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          {created && (
            <OneTimeSecret
              label="New token"
              secret={created.token}
              testId="new-token"
              onDone={() => setCreated(null)}
            >
              Token <strong>{created.name}</strong>: copy it now, it will not be shown again.
            </OneTimeSecret>
          )}
        </div>
      </section>
      <section className="panel" aria-labelledby="token-list">
        <div className="panel-header">
          <h2 id="token-list">Tokens</h2>
          <span className="meta">{tokens.length}</span>
        </div>
        {tokens.length === 0 ? (
          <p className="panel-body muted">No tokens yet. Create one above for a script or a CI job.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Prefix</th>
                  <th>Created</th>
                  <th>Last used</th>
                  <th>Status</th>
                  <th>
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id}>
                    <td>{token.name}</td>
                    <td>{token.role}</td>
                    <td>
                      <code>{token.prefix}…</code>
                    </td>
                    <td>
                      <RelativeTime iso={token.createdAt} />{' '}
                      <span className="faint">by {token.createdBy}</span>
                    </td>
                    <td>
                      {token.lastUsedAt ? (
                        <RelativeTime iso={token.lastUsedAt} />
                      ) : (
                        <span className="faint">never</span>
                      )}
                    </td>
                    <td>{token.revokedAt ? 'revoked' : 'active'}</td>
                    <td>
                      {!token.revokedAt &&
                        (confirming === token.id ? (
                          <ConfirmInline
                            label="Confirm revoke"
                            pending={pending}
                            onConfirm={() => revoke(token)}
                            onKeep={() => setConfirming(null)}
                          />
                        ) : (
                          <button
                            type="button"
                            className="btn btn-small"
                            aria-label={`Revoke ${token.name}`}
                            onClick={() => setConfirming(token.id)}
                          >
                            Revoke
                          </button>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
