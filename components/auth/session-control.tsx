'use client';

import { useState } from 'react';
import { apiRoutes } from '../../contracts/api-routes';
import { callApi } from '../api/api-client';
import { forgetKeptDrawings } from '../diagram/drawing-cache';
import { useViewer } from './viewer-context';

/** The signed-in person's email and role, and Sign out (ends the session in the database). */
export function SessionControl() {
  const viewer = useViewer();
  const [pending, setPending] = useState(false);

  async function signOut() {
    setPending(true);
    try {
      await callApi(apiRoutes.signOut).catch(() => undefined);
    } finally {
      // A full load: no page of the console (or its cache) survives the session, nor its drawings.
      forgetKeptDrawings();
      window.location.assign('/login');
    }
  }

  return (
    <div className="actor">
      <span className="sidebar-label">Signed in as</span>
      <div className="actor-row">
        <span className="actor-name" title={viewer.name}>
          {viewer.name}
        </span>
        <span className="role-badge">{viewer.role}</span>
      </div>
      <button type="button" className="btn btn-small" onClick={signOut} disabled={pending}>
        {pending ? 'Signing out…' : 'Sign out'}
      </button>
    </div>
  );
}
