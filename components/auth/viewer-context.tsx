'use client';

import { createContext, type ReactNode, useContext } from 'react';

/** Who is signed in, as the console's client components need it: to hide what the role cannot do. */
export interface Viewer {
  name: string;
  role: 'viewer' | 'operator' | 'admin';
  /** Start, retry, cancel, send events, upload files. */
  canWrite: boolean;
  /** Input, context, quarantined values, step logs. */
  canReadPayload: boolean;
  isAdmin: boolean;
}

const ViewerContext = createContext<Viewer | null>(null);

/**
 * Provides the signed-in person to the console's client components. Hiding a button is a courtesy:
 * the server refuses the action for the role anyway.
 */
export function ViewerProvider({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}

/** The signed-in person; outside the console shell (tests, the login page) nobody, with no rights. */
export function useViewer(): Viewer {
  return (
    useContext(ViewerContext) ?? {
      name: '',
      role: 'viewer',
      canWrite: false,
      canReadPayload: false,
      isAdmin: false,
    }
  );
}
