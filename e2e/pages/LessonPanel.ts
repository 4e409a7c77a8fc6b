import { expect, type Locator, type Page } from '@playwright/test';
import { framelessPageAxe } from '../support/axe.ts';

/** The guided lesson beside the page, driven with the keyboard: focus a control, then Enter. */
export class LessonPanel {
  readonly region: Locator;
  readonly openButton: Locator;
  readonly heading: Locator;
  readonly check: Locator;
  readonly numbers: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole('complementary', { name: /^Lesson: chapter 5/ });
    this.openButton = page.getByRole('button', { name: 'Lesson', exact: true });
    this.heading = this.region.getByRole('heading', { level: 2 });
    this.check = this.region.getByRole('status', { name: 'Lesson check' });
    this.numbers = this.region.getByRole('list', { name: 'Where each layer’s numbers come from' });
  }

  async open(): Promise<void> {
    await this.openButton.focus();
    await this.page.keyboard.press('Enter');
    await expect(this.region).toBeVisible();
  }

  /** A button of the lesson (Next, Skip, Back or a one-click change), pressed with Enter. */
  async press(name: string | RegExp): Promise<void> {
    await this.region.getByRole('button', { name, exact: typeof name === 'string' }).focus();
    await this.page.keyboard.press('Enter');
  }

  /** The step now shown: its title is focused, and the panel says which step of how many. */
  async expectStep(title: string, position: string): Promise<void> {
    await expect(this.heading).toHaveText(title);
    await expect(this.heading).toBeFocused();
    await expect(this.region).toHaveAccessibleName(`Lesson: chapter 5 · step ${position}`);
  }

  async expectPassed(text: string | RegExp): Promise<void> {
    await expect(this.check).toContainText('Done: ', { timeout: 30_000 });
    await expect(this.check).toContainText(text);
  }

  /** Next once the step's check passes. */
  async next(): Promise<void> {
    await this.press('Next');
  }

  /** axe's default rules (WCAG A/AA and best practices) on the lesson's panel as it is now, soft so later steps still run. */
  async expectNoAxeViolations(state: string): Promise<void> {
    const { violations } = await framelessPageAxe(this.page).include('aside.lesson').analyze();
    const found = violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help} — ${node.target.join(' > ')}`));
    expect.soft(found, `axe violations ${state}`).toEqual([]);
  }
}
