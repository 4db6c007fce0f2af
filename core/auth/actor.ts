import { AppError } from '../errors';
import { type Permission, type Role, roleCan } from './roles';

declare const systemActorBrand: unique symbol;

/** A signed-in person. */
export interface UserActor {
  kind: 'user';
  /** User id. */
  id: string;
  /** Email: what the audit trail shows. */
  name: string;
  role: Role;
  sessionId?: string;
  /** Client address, recorded with audited actions. */
  ip: string | null;
}

/** An API token. */
export interface TokenActor {
  kind: 'token';
  /** Token id. */
  id: string;
  /** `token:<name>`: what the audit trail shows. */
  name: string;
  role: Role;
  ip: string | null;
}

/**
 * The installation itself: the CLI (whoever runs it holds the database credentials) or the worker
 * (cron ticks, steps that start runs). Made only by `createSystemActor`, which only `cli/` and
 * `worker/` may import (a lint rule): a plain string or object literal is not one.
 */
export interface SystemActor {
  kind: 'system';
  /** e.g. `cli`, `worker`, `cron:ingest-inbox/every-minute`. */
  name: string;
  readonly [systemActorBrand]: true;
}

/** Who acts, in every `core` use-case: the one shape authorization and the audit trail know. */
export type Actor = UserActor | TokenActor | SystemActor;

/** A person or token, as sign-in and API requests resolve them. */
export type Principal = UserActor | TokenActor;

/** What the audit trail records of an actor. */
export interface AuditIdentity {
  actor: string;
  actorRole: Role | null;
  ip: string | null;
}

export const auditIdentity = (actor: Actor): AuditIdentity =>
  actor.kind === 'system'
    ? { actor: actor.name, actorRole: null, ip: null }
    : { actor: actor.name, actorRole: actor.role, ip: actor.ip };

/** Whether the actor may do `permission`: system actors may do everything, others by role. */
export const can = (actor: Actor | null, permission: Permission): boolean =>
  actor !== null && (actor.kind === 'system' || roleCan(actor.role, permission));

/**
 * The one authorization check: every `core` use-case calls it first. No actor → 401 `UNAUTHORIZED`;
 * a role without the permission → 403 `FORBIDDEN`.
 */
export function authorize(actor: Actor | null, permission: Permission): Actor {
  if (!actor) throw new AppError('UNAUTHORIZED', 'sign in first (or send an API token)');
  if (!can(actor, permission)) {
    const role = actor.kind === 'system' ? 'system' : actor.role;
    throw new AppError('FORBIDDEN', `role '${role}' may not ${permissionPhrase(permission)}`, {
      role,
      needs: permission,
    });
  }
  return actor;
}

function permissionPhrase(permission: Permission): string {
  switch (permission) {
    case 'runs:read':
      return 'see runs';
    case 'payload:read':
      return 'see payloads (input, context, quarantined values, step logs)';
    case 'runs:write':
      return 'start, retry, cancel or send events';
    case 'admin':
      return 'manage users, tokens or the audit log';
  }
}
