import type { Institution, InstitutionProfileInput } from '../../../shared/institution/schema';
import { emptyProfile } from '../../../shared/institution/schema';

/** The editable part of a stored institution. */
export function profileInputOf(institution: Institution | null | undefined): InstitutionProfileInput {
  if (!institution) return structuredClone(emptyProfile);
  const { id: _id, kind: _kind, createdAt: _created, updatedAt: _updated, ...profile } = institution;
  return profile;
}
