import { z } from 'zod';

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);

const isoTime = z.iso.datetime({ offset: true });
const email = z
  .email('enter an email address')
  .max(254)
  .transform((e) => e.toLowerCase());

export const SignInRequestSchema = z.object({
  email,
  password: z.string().min(1, 'enter your password').max(200),
});
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

/** Who is calling: a signed-in person or an API token. */
export const SessionSchema = z.object({
  principal: z.object({ name: z.string(), role: RoleSchema, kind: z.enum(['user', 'token']) }),
});

export const CreateUserSchema = z.object({
  email,
  name: z.string().trim().max(100).optional(),
  role: RoleSchema,
  password: z.string().min(12, 'at least 12 characters').max(200).optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserSchema>;

export const UpdateUserSchema = z
  .object({
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    revokeSessions: z.boolean().optional(),
  })
  .refine((u) => u.role !== undefined || u.disabled !== undefined || u.revokeSessions, 'nothing to change');
export type UpdateUserRequest = z.infer<typeof UpdateUserSchema>;

export const UserListSchema = z.object({
  users: z.array(
    z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      role: z.string(),
      banned: z.boolean(),
      createdAt: isoTime,
      activeSessions: z.number().int(),
    }),
  ),
});

export const CreatedUserSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    role: z.string(),
    generated: z.boolean(),
    password: z.string().optional().describe('the generated password, shown this once'),
  }),
});

export const CreateApiTokenSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(100),
  role: RoleSchema,
});
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenSchema>;

export const ApiTokenListSchema = z.object({
  tokens: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: RoleSchema,
      prefix: z.string(),
      createdBy: z.string(),
      createdAt: isoTime,
      lastUsedAt: isoTime.nullable(),
      revokedAt: isoTime.nullable(),
    }),
  ),
});

export const CreatedApiTokenSchema = z.object({
  token: z.object({
    id: z.string(),
    name: z.string(),
    role: RoleSchema,
    prefix: z.string(),
    createdAt: isoTime,
    token: z.string().describe('the secret (Bearer sbx_…), in this answer only'),
  }),
});

export const AuditQuerySchema = z.object({
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(64).optional(),
  outcome: z.enum(['accepted', 'refused']).optional(),
  target: z.string().trim().max(200).optional(),
  after: z.coerce.date().optional(),
  before: z.coerce.date().optional(),
  cursor: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditPageSchema = z.object({
  events: z.array(
    z.object({
      id: z.number().int(),
      at: isoTime,
      actor: z.string(),
      actorRole: z.string().nullable(),
      action: z.string(),
      target: z.string().nullable(),
      reason: z.string().nullable(),
      outcome: z.enum(['accepted', 'refused']),
      ip: z.string().nullable(),
      details: z.unknown(),
    }),
  ),
  nextCursor: z.number().int().nullable(),
});
