/**
 * The IPC router: one handler per contract channel, every request checked against its schema
 * before a handler sees it, every failure turned into a typed error the UI can show. The main
 * process registers it with `ipcMain`; the end-to-end harness and the command line call it
 * directly. No Electron import here.
 */
import { AppError, type AppErrorData, type Result } from '../../shared/errors';
import { contract, type ChannelName, type ParsedRequestOf, type ResponseOf } from '../../shared/ipc/contract';
import { fieldIssues } from '../../shared/ipc/zod-issues';
import { silentLogger, type Logger } from '../platform/logger';

export type Handlers = {
  [C in ChannelName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

export interface Router {
  readonly channels: readonly ChannelName[];
  invoke(channel: string, request: unknown): Promise<Result<unknown>>;
}

export function createRouter(handlers: Handlers, logger: Logger = silentLogger): Router {
  const channels = Object.keys(contract) as ChannelName[];
  return {
    channels,
    async invoke(channel, request) {
      if (!Object.hasOwn(contract, channel)) {
        return failure({ code: 'UNKNOWN_CHANNEL', message: `There is no channel named ${String(channel).slice(0, 80)}` });
      }
      const name = channel as ChannelName;
      const parsed = contract[name].request.safeParse(request);
      if (!parsed.success) {
        return failure({
          code: 'INVALID_REQUEST',
          message: 'Some fields are not valid. Correct the marked fields and try again.',
          issues: fieldIssues(parsed.error),
        });
      }
      try {
        const handler = handlers[name] as (request: unknown) => Promise<unknown> | unknown;
        const value = await handler(parsed.data);
        return { ok: true, value: value === undefined ? null : value };
      } catch (error) {
        if (error instanceof AppError) {
          if (error.code === 'INTERNAL') logger.error(`${name} failed`, error);
          return failure(error.toData());
        }
        logger.error(`${name} failed unexpectedly`, error);
        return failure({
          code: 'INTERNAL',
          message: 'Something went wrong inside TrustBridge. Nothing was changed. Try again; if it keeps failing, the log file tells support what happened.',
        });
      }
    },
  };
}

function failure(error: AppErrorData): Result<never> {
  return { ok: false, error };
}
