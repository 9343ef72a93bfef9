import type { Page } from 'playwright-core';
import { pressButton, selectTab, tabTo } from '../keyboard';

/** The assessment workspace, driven by keyboard. */
export class AssessmentScreen {
  constructor(private readonly page: Page) {}

  /**
   * Opens the assessment afresh (a full reload, so answers saved outside this page are read) at
   * one criterion, as a link to `?criterion=` does.
   */
  async openAt(baseUrl: string, assessmentId: string, criterionId: string): Promise<void> {
    await this.page.goto(`${baseUrl}/index.html#/assessments/${assessmentId}?criterion=${encodeURIComponent(criterionId)}`);
    await this.page.reload();
    await this.waitForCriterion(criterionId);
  }

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

  /** Waits for the saved state, as the interface words it (English by default). */
  async waitUntilSaved(saved = 'All changes saved'): Promise<void> {
    await this.page.locator('.save-state', { hasText: saved }).waitFor({ timeout: 15_000 });
  }

  async openTab(name: string): Promise<void> {
    await selectTab(this.page, name);
  }

  /** Reviews and completes; the labels default to English. */
  async complete(labels: { review: string; complete: string } = { review: 'Review and complete', complete: 'Complete and lock' }): Promise<void> {
    await this.openTab(labels.review);
    await pressButton(this.page, labels.complete);
    await this.page.getByRole('alertdialog').waitFor();
    await tabTo(this.page, labels.complete, { role: 'button' });
    await this.page.keyboard.press('Enter');
  }
}
