/**
 * An institution's profile: who it is, who represents it, and how its quality is assured
 * externally. Validation messages are translation keys under `validation.`; the renderer shows
 * them in the user's language.
 */
import { z } from 'zod';
import { countryCodes } from './countries';

const required = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: 'validation.required' })
    .max(max, { error: 'validation.tooLong' });

const optional = (max: number) => z.string().trim().max(max, { error: 'validation.tooLong' });

/** An optional field that must match a pattern once filled in. */
const optionalPattern = (pattern: RegExp, message: string, normalise: (value: string) => string = (v) => v) =>
  z
    .string()
    .trim()
    .transform(normalise)
    .refine((value) => value === '' || pattern.test(value), { error: message });

const email = z.string().trim().max(254, { error: 'validation.tooLong' }).pipe(z.email({ error: 'validation.email' }));
const optionalEmail = z
  .string()
  .trim()
  .max(254, { error: 'validation.tooLong' })
  .refine((value) => value === '' || z.email().safeParse(value).success, { error: 'validation.email' });

/**
 * Erasmus institution codes pad the country prefix to three characters: `D  BERLIN01`,
 * `E  MADRID03`, `PL WARSZAW01`. People type them with any spacing, so the form accepts that and
 * stores the padded form.
 */
function normaliseErasmusCode(value: string): string {
  const compact = value.trim().toUpperCase().replace(/\s+/g, ' ');
  const match = /^([A-Z]{1,3}) ?([A-Z-]{2,9}\d{2,3})$/.exec(compact);
  if (!match) return compact;
  const [, prefix = '', rest = ''] = match;
  return `${prefix.padEnd(3, ' ')}${rest}`;
}
const erasmusCodePattern = /^[A-Z]{1,3} {0,2}[A-Z-]{2,9}\d{2,3}$/;

const personSchema = z.strictObject({
  name: required(200),
  role: optional(200),
  email: optionalEmail,
});
export type Person = z.infer<typeof personSchema>;

const contactSchema = z.strictObject({
  name: required(200),
  role: optional(200),
  email,
});

export const institutionProfileSchema = z.strictObject({
  legalName: required(300),
  country: z.enum(countryCodes, { error: 'validation.country' }),
  city: required(120),
  /** Erasmus institution code, where the institution holds an Erasmus Charter. */
  erasmusCode: optionalPattern(erasmusCodePattern, 'validation.erasmusCode', normaliseErasmusCode),
  /** Erasmus+ organisation ID: `E` and eight digits. */
  oid: optionalPattern(/^E\d{8}$/, 'validation.oid', (v) => v.toUpperCase()),
  /** Participant Identification Code of the EU Funding & Tenders portal: nine digits. */
  pic: optionalPattern(/^\d{9}$/, 'validation.pic', (v) => v.replace(/\s+/g, '')),
  /** SCHAC home organisation, the `hei-id` Erasmus Without Paper uses: a domain name. */
  schacCode: optionalPattern(/^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/, 'validation.schac', (v) => v.toLowerCase()),
  website: z
    .string()
    .trim()
    .max(500, { error: 'validation.tooLong' })
    // People type "www.uv.es" as they read it on a letterhead: the address is completed with
    // https:// rather than refused. Any other scheme given stays, and is refused below.
    .transform((value) => (value === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`))
    .refine((value) => value === '' || /^https?:\/\/[^\s/$.?#][^\s]*\.[^\s]+$/i.test(value), { error: 'validation.url' }),
  legalRepresentative: personSchema,
  qaContact: contactSchema,
  qaAgency: z.strictObject({
    /** The agency that last reviewed the institution (or its programmes) externally. */
    name: optional(300),
    /** Whether that agency is listed in the European Quality Assurance Register (EQAR). */
    eqarRegistered: z.enum(['yes', 'no', 'unknown'], { error: 'validation.required' }),
  }),
});
export type InstitutionProfile = z.infer<typeof institutionProfileSchema>;
export type InstitutionProfileInput = z.input<typeof institutionProfileSchema>;

export const institutionKinds = ['own', 'partner'] as const;
type InstitutionKind = (typeof institutionKinds)[number];

export interface Institution extends InstitutionProfile {
  id: string;
  kind: InstitutionKind;
  createdAt: string;
  updatedAt: string;
}

export const emptyProfile: InstitutionProfileInput = {
  legalName: '',
  country: '' as InstitutionProfileInput['country'],
  city: '',
  erasmusCode: '',
  oid: '',
  pic: '',
  schacCode: '',
  website: '',
  legalRepresentative: { name: '', role: '', email: '' },
  qaContact: { name: '', role: '', email: '' },
  qaAgency: { name: '', eqarRegistered: 'unknown' },
};

/** The profile part of an institution record: what is sent to partners (no local ids or dates). */
export function profileOf(institution: InstitutionProfile): InstitutionProfile {
  return {
    legalName: institution.legalName,
    country: institution.country,
    city: institution.city,
    erasmusCode: institution.erasmusCode,
    oid: institution.oid,
    pic: institution.pic,
    schacCode: institution.schacCode,
    website: institution.website,
    legalRepresentative: institution.legalRepresentative,
    qaContact: institution.qaContact,
    qaAgency: institution.qaAgency,
  };
}
