import { z } from 'zod';
import { languageSchema } from './framework/schema';

export const themeSchema = z.enum(['system', 'light', 'dark']);

export const settingsSchema = z.strictObject({
  /** Interface language; null follows the operating system. */
  language: languageSchema.nullable(),
  theme: themeSchema,
  /** The person using this copy of TrustBridge: recorded in change history and on completed assessments. */
  userName: z.string().trim().max(200, { error: 'validation.tooLong' }),
  userRole: z.string().trim().max(200, { error: 'validation.tooLong' }),
  /** Set once the first-run setup is finished. */
  setupCompleted: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  language: null,
  theme: 'system',
  userName: '',
  userRole: '',
  setupCompleted: false,
};

export const settingsPatchSchema = settingsSchema.partial();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
