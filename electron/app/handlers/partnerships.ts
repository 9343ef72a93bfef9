/** Partnerships: their assessments, the readiness decision and the action plan. */
import type { AreaHandlers, HandlerContext } from './tools';

export function partnershipHandlers(core: HandlerContext): AreaHandlers<'partnerships'> {
  const { partnerships } = core;
  return {
    'partnerships.list': () => partnerships.list(),
    'partnerships.view': ({ id, language }) => partnerships.view(id, language),
    'partnerships.create': (input) => partnerships.create(input),
    'partnerships.link': ({ id, slot, assessmentId }) => partnerships.link(id, slot, assessmentId),
    'partnerships.decide': ({ id, outcome, rationale }) => partnerships.decide(id, { outcome, rationale }),
    'partnerships.saveAction': ({ id, action }) => partnerships.saveAction(id, action),
    'partnerships.removeAction': ({ id, actionId }) => partnerships.removeAction(id, actionId),
    'partnerships.remove': async ({ id }) => {
      await partnerships.remove(id);
      return null;
    },
  };
}
