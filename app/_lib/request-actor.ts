import { z } from 'zod';
import { ACTOR_HEADER, DEFAULT_ACTOR, MAX_ACTOR_LENGTH } from '../../components/actor/actor-header';
import { parseInput } from '../../core/parse-input';

const ActorSchema = z
  .string()
  .trim()
  .min(1)
  .max(MAX_ACTOR_LENGTH, `${ACTOR_HEADER} must be at most ${MAX_ACTOR_LENGTH} characters`)
  .regex(/^[^\p{Cc}]*$/u, `${ACTOR_HEADER} must not contain control characters`);

/**
 * Who performs a request: the operator's name from the `x-signalbox-actor` header, `console` when it is
 * absent. The one place that decides it, so that sign-in can replace it later.
 */
export function requestActor(request: Request): string {
  const raw = request.headers.get(ACTOR_HEADER);
  if (raw === null || raw.trim() === '') return DEFAULT_ACTOR;
  // Raw UTF-8 bytes (curl -H 'x-signalbox-actor: Zoë') arrive as Latin-1 characters: read them back as UTF-8.
  let name = /[\x80-\xff]/.test(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw;
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not URI-encoded (e.g. typed into curl with a literal '%'): take it as it is.
  }
  return parseInput(z.object({ [ACTOR_HEADER]: ActorSchema }), { [ACTOR_HEADER]: name }, 'actor')[
    ACTOR_HEADER
  ]!;
}
