/** A small document kind for store tests: a note with a title and a counter. */
import { z } from 'zod';
import type { DocumentKind } from '../../../../electron/store/store';

export const noteSchema = z.strictObject({
  schemaVersion: z.literal(2),
  id: z.string(),
  title: z.string(),
  count: z.number().int(),
});
export type Note = z.infer<typeof noteSchema>;

/** Version 1 called the title `name`; version 2 renamed it. */
export const noteKind: DocumentKind<Note, { title: string; count: number }> = {
  collection: 'notes',
  schemaVersion: 2,
  schema: noteSchema,
  migrations: {
    1: ({ name, ...rest }) => ({ ...rest, title: name }),
  },
  summarySchema: z.object({ title: z.string(), count: z.number() }),
  summarise: (note) => ({ title: note.title, count: note.count }),
};

export const note = (id: string, title = `Note ${id}`, count = 0): Note => ({ schemaVersion: 2, id, title, count });
