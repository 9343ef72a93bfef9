import type { z } from 'zod';

/**
 * One IPC channel: the schema every request is checked against before a service sees it, and the
 * type of the answer. The answer type exists only for the compiler.
 */
interface ChannelSpec<Request extends z.ZodType, Response> {
  request: Request;
  response: Response;
}

export function channel<Request extends z.ZodType>(request: Request) {
  return {
    returns<Response>(): ChannelSpec<Request, Response> {
      return { request, response: undefined as Response };
    },
  };
}
