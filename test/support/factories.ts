/** Small factories for test data, so every test builds what it needs in one line. */
import { institutionProfileSchema, type InstitutionProfile, type InstitutionProfileInput } from '../../shared/institution/schema';

/** A complete, valid institution profile (a fictional Spanish university), with overrides. */
export function sampleProfile(overrides: Partial<InstitutionProfileInput> = {}): InstitutionProfile {
  return institutionProfileSchema.parse(sampleProfileInput(overrides));
}

/** The same, as a form or an IPC request would send it (before normalisation). */
export function sampleProfileInput(overrides: Partial<InstitutionProfileInput> = {}): InstitutionProfileInput {
  return {
    legalName: 'Universidad de Ejemplo',
    country: 'ES',
    city: 'Valencia',
    erasmusCode: 'E  VALENCI99',
    oid: 'E10099999',
    pic: '999888777',
    schacCode: 'uni-ejemplo.es',
    website: 'https://www.uni-ejemplo.es',
    legalRepresentative: { name: 'Dra. Elena Martín', role: 'Rectora', email: 'rectora@uni-ejemplo.es' },
    qaContact: { name: 'Jordi Puig', role: 'Quality officer', email: 'calidad@uni-ejemplo.es' },
    qaAgency: { name: 'ANECA', eqarRegistered: 'yes' },
    ...overrides,
  };
}
