'use client';

import { type FormEvent, useState } from 'react';
import { RoleSchema, type UpdateUserRequest } from '../../contracts/admin';
import { apiRoutes } from '../../contracts/api-routes';
import { callApi } from '../api/api-client';
import { RelativeTime } from '../ui/relative-time';
import { useAdminAction } from './use-admin-action';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  banned: boolean;
  createdAt: string;
  activeSessions: number;
}

const ROLES = ['viewer', 'operator', 'admin'] as const;

/** Create people (a generated password shown once), change roles, disable/enable, end sessions. */
export function UsersAdmin({ users, selfId }: { users: UserRow[]; selfId: string }) {
  const [created, setCreated] = useState<{ email: string; password?: string } | null>(null);
  const { pending, error, run } = useAdminAction();

  function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    return run(async () => {
      const { user } = await callApi(apiRoutes.createUser, {
        body: {
          email: String(data.get('email') ?? ''),
          role: RoleSchema.parse(data.get('role') ?? 'viewer'),
        },
      });
      setCreated(user);
      form.reset();
      return `User ${user.email} created`;
    }, 'form');
  }

  function update(user: UserRow, change: UpdateUserRequest, done: string) {
    return run(async () => {
      await callApi(apiRoutes.updateUser, { params: { id: user.id }, body: change });
      return done;
    }, 'toast');
  }

  return (
    <>
      <section className="panel" aria-labelledby="user-create">
        <div className="panel-header">
          <h2 id="user-create">New user</h2>
          <span className="meta">a password is generated and shown once</span>
        </div>
        <div className="panel-body">
          <form className="button-row" onSubmit={create}>
            <label className="field-inline">
              Email
              <input name="email" type="email" className="input" required maxLength={254} />
            </label>
            <label className="field-inline">
              Role
              <select name="role" className="input" defaultValue="viewer">
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="btn btn-primary" disabled={pending}>
              Create user
            </button>
          </form>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
          {created?.password && (
            <div className="alert alert-warning" role="status" aria-label="New password">
              <p>
                Password for <strong>{created.email}</strong>: give it to them now, it will not be shown
                again.
              </p>
              <div className="button-row">
                <code className="secret">{created.password}</code>
                <button type="button" className="btn btn-small" onClick={() => setCreated(null)}>
                  Done
                </button>
              </div>
            </div>
          )}
        </div>
      </section>
      <section className="panel" aria-labelledby="user-list">
        <div className="panel-header">
          <h2 id="user-list">Users</h2>
          <span className="meta">{users.length}</span>
        </div>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Email</th>
                <th>Role</th>
                <th>Status</th>
                <th className="num">Sessions</th>
                <th>Created</th>
                <th>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => {
                const self = user.id === selfId;
                return (
                  <tr key={user.id}>
                    <td>
                      {user.email} {self && <span className="faint">(you)</span>}
                    </td>
                    <td>
                      <select
                        className="input input-small"
                        aria-label={`Role of ${user.email}`}
                        value={user.role}
                        disabled={pending || self}
                        onChange={(event) =>
                          update(
                            user,
                            { role: RoleSchema.parse(event.target.value) },
                            `${user.email} is now ${event.target.value}`,
                          )
                        }
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {role}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>{user.banned ? 'disabled' : 'active'}</td>
                    <td className="num">{user.activeSessions}</td>
                    <td>
                      <RelativeTime iso={user.createdAt} />
                    </td>
                    <td>
                      {!self && (
                        <span className="button-row">
                          <button
                            type="button"
                            className="btn btn-small"
                            disabled={pending}
                            onClick={() =>
                              update(
                                user,
                                { disabled: !user.banned },
                                `${user.email} ${user.banned ? 'enabled' : 'disabled'}`,
                              )
                            }
                          >
                            {user.banned ? 'Enable' : 'Disable'}
                          </button>
                          <button
                            type="button"
                            className="btn btn-small"
                            disabled={pending || user.activeSessions === 0}
                            onClick={() =>
                              update(user, { revokeSessions: true }, `${user.email}'s sessions ended`)
                            }
                          >
                            End sessions
                          </button>
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
