/**
 * `window.api`, built from the contract: `api.institutions.saveOwn(profile)` calls the channel
 * `institutions.saveOwn`. The preload builds it over `ipcRenderer.invoke`; the end-to-end harness
 * builds the very same object over Playwright's `exposeBinding`, so the renderer cannot tell them
 * apart.
 */
import type { Result } from '../errors';
import { channelNames, type ChannelName, type RequestOf, type ResponseOf } from './contract';
import type { Subscribe } from './events';

type NamespaceOf<C extends string> = C extends `${infer N}.${string}` ? N : never;
type MethodOf<C extends string, N extends string> = C extends `${N}.${infer M}` ? M : never;

export type Api = ChannelApi & {
  /** Events the main process pushes (progress of long work, files opened by double-click, menu). */
  events: { subscribe: Subscribe };
};

type ChannelApi = {
  [N in NamespaceOf<ChannelName>]: {
    // A request whose fields are all optional (or that has none) may be left out.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    [C in ChannelName as MethodOf<C, N>]: {} extends RequestOf<C>
      ? (request?: RequestOf<C>) => Promise<Result<ResponseOf<C>>>
      : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
  };
};

type Invoke = (channel: ChannelName, request: unknown) => Promise<Result<unknown>>;

export function createApi(invoke: Invoke, subscribe: Subscribe, names: readonly ChannelName[] = channelNames): Api {
  const api: Record<string, Record<string, unknown>> = { events: { subscribe } };
  for (const name of names) {
    const [namespace = '', method = ''] = name.split('.');
    api[namespace] ??= {};
    api[namespace][method] = (request?: unknown) => invoke(name, request ?? {});
  }
  return api as unknown as Api;
}
