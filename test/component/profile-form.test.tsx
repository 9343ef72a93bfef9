import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { emptyProfile, institutionProfileSchema, type InstitutionProfileInput } from '../../shared/institution/schema';
import { ProfileForm, errorsOfSections } from '../../renderer/features/institution/ProfileForm';
import { createI18n } from '../../renderer/lib/i18n';
import { translate } from '../../shared/i18n';
import { validate, type FieldErrors } from '../../renderer/lib/validation';
import { renderInApp } from './render';

/** The form as a page uses it: it owns the value, and validates with the shared schema on demand. */
function Harness({ onValue, validateNow = false }: { onValue?: (value: InstitutionProfileInput) => void; validateNow?: boolean }) {
  const [value, setValue] = useState<InstitutionProfileInput>(structuredClone(emptyProfile));
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <form
      aria-label="profile"
      onSubmit={async (event) => {
        event.preventDefault();
        const i18n = await createI18n('en');
        const result = validate(institutionProfileSchema, value, i18n.t);
        setErrors(result.ok ? {} : result.errors);
      }}
    >
      <ProfileForm
        value={value}
        errors={errors}
        onChange={(next) => {
          setValue(next);
          onValue?.(next);
        }}
      />
      <button type="submit">{validateNow ? 'Check' : 'Check'}</button>
    </form>
  );
}

describe('the institution profile form', () => {
  it('labels every field, marks the optional ones, and groups them under headings', async () => {
    await renderInApp(<Harness />);
    for (const heading of ['Identity', 'Identifiers', 'Legal representative', 'Quality-assurance contact', 'External quality assurance']) {
      expect(screen.getByRole('heading', { name: heading })).toBeInTheDocument();
    }
    expect(screen.getByRole('textbox', { name: /^Legal name/ })).toBeRequired();
    expect(screen.getByRole('textbox', { name: /^Website \(optional\)/ })).not.toBeRequired();
    expect(screen.getByRole('combobox', { name: /^Country/ })).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Is this agency registered in EQAR?' })).toBeInTheDocument();
  });

  it('passes every change up as a profile the shared schema accepts', async () => {
    const user = userEvent.setup();
    let last: InstitutionProfileInput | undefined;
    await renderInApp(<Harness onValue={(value) => (last = value)} />);
    await user.type(screen.getByRole('textbox', { name: /^Legal name/ }), 'Universitat de Prova');
    await user.type(screen.getByRole('combobox', { name: /^Country/ }), 'Spain');
    await user.click(await screen.findByRole('option', { name: 'Spain' }));
    await user.type(screen.getByRole('textbox', { name: /^City/ }), 'Girona');
    const [representative, qa] = screen.getAllByRole('textbox', { name: /^Full name/ });
    await user.type(representative!, 'Rector Prova');
    await user.type(qa!, 'Marta Vidal');
    const emails = screen.getAllByRole('textbox', { name: /^E-mail/ });
    await user.type(emails[1]!, 'qualitat@udp.cat');
    await user.click(screen.getByRole('radio', { name: 'Yes, registered in EQAR' }));

    const parsed = institutionProfileSchema.safeParse(last);
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ country: 'ES', city: 'Girona', qaAgency: { eqarRegistered: 'yes' } });
  });

  it('shows each error beside its field and ties it to the field for screen readers', async () => {
    const user = userEvent.setup();
    await renderInApp(<Harness />);
    await user.type(screen.getByRole('textbox', { name: /^Erasmus code/ }), 'nonsense');
    await user.click(screen.getByRole('button', { name: 'Check' }));

    const legalName = screen.getByRole('textbox', { name: /^Legal name/ });
    // The harness checks the form after loading a translator: wait for its answer.
    await waitFor(() => expect(legalName).toHaveAttribute('aria-invalid', 'true'));
    expect(legalName).toHaveAccessibleDescription(expect.stringContaining('Fill this in.'));
    const erasmus = screen.getByRole('textbox', { name: /^Erasmus code/ });
    expect(erasmus).toHaveAccessibleDescription(expect.stringContaining('An Erasmus code looks like'));
    expect(screen.getByRole('textbox', { name: /^Website/ })).not.toHaveAttribute('aria-invalid');
  });

  it('shows only the sections asked for, and errors can be limited to them (first-run steps)', async () => {
    await renderInApp(
      <ProfileForm value={structuredClone(emptyProfile)} onChange={() => undefined} errors={{}} sections={['codes']} />,
    );
    expect(screen.queryByRole('textbox', { name: /^Legal name/ })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^SCHAC code/ })).toBeInTheDocument();
    expect(errorsOfSections({ legalName: 'x', oid: 'y', 'qaContact.email': 'z' }, ['codes'])).toEqual({ oid: 'y' });
  });

  it('speaks the user’s language', async () => {
    await renderInApp(<ProfileForm value={structuredClone(emptyProfile)} onChange={() => undefined} errors={{}} />, 'de');
    const identity = screen.getAllByRole('group')[0]!;
    const label = translate('de', 'profile.fields.legalName');
    expect(label).not.toBe(translate('en', 'profile.fields.legalName'));
    expect(within(identity).getByRole('textbox', { name: label })).toBeInTheDocument();
  });
});
