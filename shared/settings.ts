import { z } from 'zod';
import { languageSchema } from './framework/schema';

const themeSchema = z.enum(['system', 'light', 'dark']);

export const settingsSchema = z.strictObject({
  /** Interface language; null follows the operating system. */
  language: languageSchema.nullable(),
  theme: themeSchema,
  /** The person using this copy of TrustBridge: recorded in change history and on completed assessments. */
  userName: z.string().trim().max(200, { error: 'validation.tooLong' }),
  userRole: z.string().trim().max(200, { error: 'validation.tooLong' }),
  /** Set once the first-run setup is finished. */
  setupCompleted: z.boolean(),
  /** The folder the consortium shares through its sync service: watched for partners' files. */
  sharedFolder: z.string().max(4096).nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  language: null,
  theme: 'system',
  userName: '',
  userRole: '',
  setupCompleted: false,
  sharedFolder: null,
};

// The shared folder is chosen through its own channel (a native folder dialog), never typed in.
export const settingsPatchSchema = settingsSchema.omit({ sharedFolder: true }).partial();
