import type { Page } from 'playwright-core';
import { focusedName, pressButton, tabTo } from '../keyboard';

/** The assessment workspace, driven by keyboard. */
export class AssessmentScreen {
  constructor(private readonly page: Page) {}

  async criterionHeading(): Promise<string> {
    return (await this.page.locator('#criterion-title').textContent())?.trim() ?? '';
  }

  async waitForCriterion(id: string): Promise<void> {
    await this.page.locator('#criterion-title', { hasText: id }).waitFor();
  }

  /** Moves focus out of any text field (to the criterion's heading), so shortcuts apply. */
  async focusHeading(): Promise<void> {
    await this.page.locator('#criterion-title').focus();
  }

  async next(): Promise<void> {
    await this.page.keyboard.press('Alt+ArrowDown');
  }

  async typeJustification(text: string): Promise<void> {
    await tabTo(this.page, /^(Justification|Finding)/);
    await this.page.keyboard.type(text);
  }

  async savedState(): Promise<string> {
    return (await this.page.locator('.save-state').textContent())?.trim() ?? '';
  }

  async waitUntilSaved(): Promise<void> {
    await this.page.locator('.save-state', { hasText: 'All changes saved' }).waitFor({ timeout: 15_000 });
  }

  async openTab(name: string): Promise<void> {
    await tabTo(this.page, /.*/, { role: 'tab' });
    for (let i = 0; i < 6; i += 1) {
      if ((await focusedName(this.page)) === name) break;
      await this.page.keyboard.press('ArrowRight');
    }
    await this.page.keyboard.press('Enter');
    // The app switches tabs in a transition: wait until it has, before keys go to the panel.
    await this.page.waitForFunction(() => document.activeElement?.getAttribute('aria-selected') === 'true');
  }

  async complete(): Promise<void> {
    await this.openTab('Review and complete');
    await pressButton(this.page, 'Complete and lock');
    await this.page.getByRole('alertdialog').waitFor();
    await tabTo(this.page, 'Complete and lock', { role: 'button' });
    await this.page.keyboard.press('Enter');
  }
}
