import type { Page } from 'playwright-core';
import { chooseRadio, pickFromComboBox, pressButton, typeInto } from '../keyboard';

export interface ProfileEntry {
  legalName: string;
  countrySearch: string;
  city: string;
  website?: string;
  erasmusCode?: string;
  schacCode?: string;
  oid?: string;
  pic?: string;
  representative: { name: string; role?: string; email?: string };
  qaContact: { name: string; role?: string; email: string };
  agency?: string;
  eqar?: 'Yes, registered in EQAR' | 'No' | 'Not known';
}

/** The first-run setup, driven by keyboard alone. */
export class FirstRunScreen {
  constructor(private readonly page: Page) {}

  async waitUntilShown(): Promise<void> {
    await this.page.getByRole('heading', { level: 1, name: 'Welcome to TrustBridge' }).waitFor();
  }

  async fillYou(name: string, role: string): Promise<void> {
    await typeInto(this.page, 'Your name', name);
    await typeInto(this.page, 'Your role', role);
  }

  async next(): Promise<void> {
    await pressButton(this.page, /^(Next|Finish setup)$/);
  }

  async fillInstitution(entry: ProfileEntry): Promise<void> {
    await this.page.getByRole('heading', { level: 2, name: 'Your institution' }).waitFor();
    await typeInto(this.page, 'Legal name', entry.legalName);
    await pickFromComboBox(this.page, 'Country', entry.countrySearch);
    await typeInto(this.page, 'City', entry.city);
    if (entry.website) await typeInto(this.page, 'Website', entry.website);
    if (entry.erasmusCode) await typeInto(this.page, 'Erasmus code', entry.erasmusCode);
    if (entry.schacCode) await typeInto(this.page, 'SCHAC code', entry.schacCode);
    if (entry.oid) await typeInto(this.page, 'Erasmus+ organisation ID', entry.oid);
    if (entry.pic) await typeInto(this.page, 'Participant Identification Code', entry.pic);
  }

  /** The signing key step: on a computer without a keychain (as here), a passphrase. */
  async fillKeyPassphrase(passphrase: string): Promise<void> {
    await this.page.getByRole('heading', { level: 2, name: 'Signing key' }).waitFor();
    await typeInto(this.page, 'Passphrase for the key', passphrase);
    await typeInto(this.page, 'Repeat the passphrase', passphrase);
  }

  async fillPeople(entry: ProfileEntry): Promise<void> {
    await this.page.getByRole('heading', { level: 2, name: 'People and quality assurance' }).waitFor();
    // The two "Full name" fields are told apart by order: the legal representative comes first.
    await typeInto(this.page, 'Full name', entry.representative.name);
    if (entry.representative.role) await typeInto(this.page, 'Position', entry.representative.role);
    if (entry.representative.email) await typeInto(this.page, 'E-mail', entry.representative.email);
    await this.page.keyboard.press('Tab');
    await typeInto(this.page, 'Full name', entry.qaContact.name);
    if (entry.qaContact.role) await typeInto(this.page, 'Position', entry.qaContact.role);
    await typeInto(this.page, 'E-mail', entry.qaContact.email);
    if (entry.agency) await typeInto(this.page, 'Agency that last reviewed', entry.agency);
    if (entry.eqar) await chooseRadio(this.page, /^(Yes, registered in EQAR|No|Not known)$/, entry.eqar);
  }
}
