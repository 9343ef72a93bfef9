/** Institution profiles: the own institution and its partners. */
import type { AreaHandlers, HandlerContext } from './tools';

export function institutionHandlers(core: HandlerContext): AreaHandlers<'institutions'> {
  const { institutions } = core;
  return {
    'institutions.getOwn': () => institutions.getOwn(),
    'institutions.saveOwn': (profile) => institutions.saveOwn(profile),
    'institutions.list': () => institutions.list(),
    'institutions.get': ({ id }) => institutions.get(id),
    'institutions.createPartner': (profile) => institutions.createPartner(profile),
    'institutions.updatePartner': ({ id, profile }) => institutions.updatePartner(id, profile),
    'institutions.removePartner': async ({ id }) => {
      await institutions.removePartner(id);
      return null;
    },
  };
}
