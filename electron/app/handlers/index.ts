/**
 * One handler per IPC channel, gathered from one file per area. A handler validates nothing
 * itself (the router has checked the request against the contract): it asks for native dialogs,
 * with titles in the user's language, and translates the request into service calls; what a
 * screen shows is built by the services.
 */
import type { Handlers } from '../../ipc/router';
import { agreementHandlers } from './agreements';
import { appHandlers } from './app';
import { assessmentHandlers } from './assessments';
import { consortiumHandlers } from './consortium';
import { exchangeHandlers } from './exchange';
import { exportHandlers } from './exports';
import { frameworkHandlers } from './frameworks';
import { inboxHandlers } from './inbox';
import { institutionHandlers } from './institutions';
import { keyHandlers } from './keys';
import { partnershipHandlers } from './partnerships';
import { reliabilityHandlers } from './reliability';
import { settingsHandlers } from './settings';
import { teamHandlers } from './team';
import { handlerTools, type HandlerContext, type HandlerOptions } from './tools';

export type { HandlerContext, HandlerOptions } from './tools';

/** Every area's handlers; a channel of the contract without one is a type error here. */
export function createHandlers(core: HandlerContext, options: HandlerOptions): Handlers {
  const tools = handlerTools(core, options);
  return {
    ...appHandlers(core, tools),
    ...settingsHandlers(core, tools),
    ...institutionHandlers(core),
    ...frameworkHandlers(core, tools),
    ...assessmentHandlers(core, tools),
    ...partnershipHandlers(core),
    ...agreementHandlers(core, tools),
    ...exportHandlers(core, tools),
    ...exchangeHandlers(core, tools),
    ...keyHandlers(core, tools),
    ...inboxHandlers(core, tools),
    ...consortiumHandlers(core, tools),
    ...teamHandlers(core, tools),
    ...reliabilityHandlers(core, tools),
  };
}
