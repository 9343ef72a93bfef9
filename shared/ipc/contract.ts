/**
 * The one IPC contract between the renderer and the main process. Every channel the app has is
 * here, with its request schema and its answer type; the preload builds `window.api` from it and
 * the main process registers one handler per channel from it. Channel names are `area.action`.
 */
import { z } from 'zod';
import { institutionProfileSchema, type Institution } from '../institution/schema';
import { settingsPatchSchema, type Settings } from '../settings';
import type { StoreNotice } from '../store/notices';
import { channel } from './channel';

const none = z.strictObject({});
const byId = z.strictObject({ id: z.string().min(1).max(80) });

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  platform: string;
  /** The operating system's language, used when the user has not chosen one. */
  systemLocale: string;
}

export interface InstitutionListItem {
  id: string;
  kind: Institution['kind'];
  legalName: string;
  country: string;
  city: string;
  erasmusCode: string;
  updatedAt: string;
}

export const contract = {
  'app.info': channel(none).returns<AppInfo>(),

  'settings.get': channel(none).returns<Settings>(),
  'settings.update': channel(settingsPatchSchema).returns<Settings>(),

  'store.notices': channel(none).returns<StoreNotice[]>(),
  'store.dismissNotice': channel(byId).returns<null>(),

  'institutions.getOwn': channel(none).returns<Institution | null>(),
  'institutions.saveOwn': channel(institutionProfileSchema).returns<Institution>(),
  'institutions.list': channel(none).returns<InstitutionListItem[]>(),
  'institutions.get': channel(byId).returns<Institution>(),
  'institutions.createPartner': channel(institutionProfileSchema).returns<Institution>(),
  'institutions.updatePartner': channel(z.strictObject({ id: byId.shape.id, profile: institutionProfileSchema })).returns<Institution>(),
  'institutions.removePartner': channel(byId).returns<null>(),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = Contract[C]['response'];

export const channelNames = Object.keys(contract) as ChannelName[];
