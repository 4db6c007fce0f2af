/**
 * Who an action is recorded against: a system actor's name (`cli`, `cron:hourly`), or a person or
 * token (a `Principal` fits) with their role and address.
 */
export type Actor = string | { name: string; role: string | null; ip: string | null };

export interface ActorFields {
  actor: string;
  actorRole: string | null;
  ip: string | null;
}

export const actorFields = (actor: Actor): ActorFields =>
  typeof actor === 'string'
    ? { actor, actorRole: null, ip: null }
    : { actor: actor.name, actorRole: actor.role, ip: actor.ip };
