/**
 * Who is acting, until sign-in exists: the console sends the name the operator typed in this header
 * (URI-encoded, so any name survives HTTP's Latin-1 headers). Sign-in will replace it.
 */
export const ACTOR_HEADER = 'x-signalbox-actor';

/** The actor recorded when the console does not say who is acting. */
export const DEFAULT_ACTOR = 'console';

export const MAX_ACTOR_LENGTH = 100;
