/**
 * The team channels (shared/ipc/team-contract.ts) as the renderer calls them: `teamApi().view(…)`
 * calls `team.view`. Typed from the team contract itself, so the screens do not depend on how the
 * one contract spreads it in.
 */
import type { z } from 'zod';
import type { Result } from '../../../../shared/errors';
import type { teamContract } from '../../../../shared/ipc/team-contract';

type TeamContract = typeof teamContract;
type MethodOf<C> = C extends `team.${infer M}` ? M : never;

type TeamApi = {
  [C in keyof TeamContract as MethodOf<C>]: (request: z.input<TeamContract[C]['request']>) => Promise<Result<TeamContract[C]['response']>>;
};

export function teamApi(): TeamApi {
  return (window.api as unknown as { team: TeamApi }).team;
}
