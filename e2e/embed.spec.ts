import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { EmbedFrame } from './pages/EmbedFrame.ts';
import { chromiumLaunchOptions } from './support/chromium.ts';
import { DistServer } from './support/distServer.ts';

/**
 * Issue 20, "Embeddable": the Embed button's <iframe> snippets, pasted into a course page on another site, each in a
 * 600×400 frame. The playground is the production build on a sub-path of a host that sends no headers (as GitHub
 * Pages); the course page is served by the test itself (page routes answer offline too) from localhost, another site
 * than 127.0.0.1, so the frame is a third party as on a real course page.
 */
// Chromium blocks a page it got from no address (a route) from framing loopback, "a public page reaching the local
// network". A real course page and playground are both public, where no such check applies; so it is off here.
const launchOptions = chromiumLaunchOptions();
test.use({ launchOptions: { ...launchOptions, args: [...(launchOptions.args ?? []), '--disable-features=LocalNetworkAccessChecks'] } });

const server = new DistServer('/convnet-playground/');
let playgroundUrl = '';
test.beforeAll(async () => {
  playgroundUrl = await server.start();
});
test.afterAll(() => server.stop());

const COURSE = 'http://localhost:9/course/';
const coursePages = new Map<string, string>();

/** Every axe rule on by default, on the page and inside its frames (as e2e/accessibility.spec.ts runs them); soft. */
async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const found = violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help} — ${node.target.join(' > ')}`));
  expect.soft(found, `axe violations ${state}`).toEqual([]);
}

async function visitCourse(page: Page, name: string): Promise<EmbedFrame> {
  await page.goto(`${COURSE}${name}.html`);
  return new EmbedFrame(page);
}

/** The embed views to place, by the Embed dialog's checkbox labels, and the panel headings each must show. */
const CASES = [
  { name: 'pad', boxes: ['Draw a digit'], headings: ['Draw a digit'] },
  { name: 'editor-summary', boxes: ['Model editor', 'Model summary'], headings: ['Model', 'Summary'] },
  { name: 'train', boxes: ['Training and charts'], headings: ['Training', 'Learning curves'] },
  { name: 'code', boxes: ['Python code (Keras, PyTorch)'], headings: ['Python code'] },
  { name: 'pad-lesson', boxes: ['Draw a digit', 'Chapter-5 lesson'], headings: ['Draw a digit'] },
] as const;

/** Opens the Embed dialog with the keyboard, ticks each case's panels with Space, and keeps its snippet; Escape closes it. */
async function snippetsFromEmbedDialog(page: Page): Promise<Map<string, string>> {
  const button = page.getByRole('button', { name: 'Embed', exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Embed this playground' });
  await expect(dialog).toBeVisible();
  expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  await expectNoAxeViolations(page, 'with the Embed dialog open');
  const snippets = new Map<string, string>();
  for (const { name, boxes } of CASES) {
    for (const box of await dialog.getByRole('checkbox').all()) {
      const label = (await box.evaluate((input) => input.parentElement?.textContent ?? '')).trim();
      if ((await box.isChecked()) !== (boxes as readonly string[]).includes(label)) {
        await box.focus();
        await page.keyboard.press('Space');
      }
    }
    snippets.set(name, await dialog.getByRole('textbox', { name: 'Code to paste' }).inputValue());
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  return snippets;
}

test('each embed view in a 600×400 frame on another site: only its panels, nothing wider than the frame, the model from its address, and the same offline', async ({ page, context }) => {
  await context.route(`${COURSE}**`, (route) => {
    const html = coursePages.get(new URL(route.request().url()).pathname.slice('/course/'.length).replace(/\.html$/, ''));
    return html ? route.fulfill({ contentType: 'text/html', body: html }) : route.fulfill({ status: 404, body: 'no such course page' });
  });
  const coursePage = (iframe: string) => `<!doctype html><html lang="en"><meta charset="utf-8"><title>A course on convnets</title><body style="margin:0"><main><h1>A course on convnets</h1>${iframe}</main></body></html>`;

  // The full playground with a model other than the book's, so each frame shows the model its address carries.
  await page.goto(playgroundUrl);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'Tiny fast convnet' });
  await page.getByRole('button', { name: 'Load preset' }).click();
  const total = /Total params: ([\d,]+)/.exec((await page.getByLabel('Model summary').textContent()) ?? '')?.[1];
  expect(total).toBeDefined();
  expect(total).not.toBe('93,322');
  const snippets = await snippetsFromEmbedDialog(page);
  for (const { name } of CASES) {
    const snippet = snippets.get(name) ?? '';
    expect(snippet).toContain(`src="${playgroundUrl}?embed=`);
    expect(snippet).toMatch(/#model=[^"]+" title="ConvNet Playground: [^"]+" width="600" height="400"/);
    coursePages.set(name, coursePage(snippet));
  }
  coursePages.set('unknown', coursePage(`<iframe src="${playgroundUrl}?embed=pad,charts" title="An embed naming a view that does not exist" width="600" height="400"></iframe>`));
  coursePages.set('damaged', coursePage(`<iframe src="${playgroundUrl}?embed=summary#model=not-a-model" title="An embed with a damaged model" width="600" height="400"></iframe>`));

  const checkView = async (name: string, headings: readonly string[], offline: boolean) => {
    const embed = await visitCourse(page, name);
    await embed.expectOnlyPanels(headings);
    expect(await embed.horizontalOverflow()).toEqual({ page: 0, panels: 0 });
    const src = await embed.iframe.getAttribute('src');
    await expect(embed.fullPlaygroundLink).toHaveAttribute('target', '_blank');
    await expect(embed.fullPlaygroundLink).toHaveAttribute('href', (src ?? '').replace(/\?embed=[^#]*/, ''));
    if (name === 'editor-summary') await expect(embed.summary).toContainText(`Total params: ${total}`);
    if (name === 'train') {
      await expect(embed.frame.getByLabel('MNIST data')).toContainText('MNIST ready', { timeout: 60_000 });
      await expect(embed.frame.getByText('Trains on one thread: the page around this frame is not cross-origin isolated.')).toBeVisible();
    }
    const lesson = embed.frame.getByRole('complementary', { name: /^Lesson: chapter 5/ });
    if (name === 'pad-lesson') await expect(lesson.getByRole('heading', { name: 'A convnet reads your digit' })).toBeVisible();
    else await expect(lesson).toHaveCount(0);
    if (name.startsWith('pad')) {
      await expect(embed.frame.getByRole('radio', { name: /^Pretrained/ })).toBeChecked({ timeout: 60_000 });
      if (offline) {
        await embed.drawDigit(7);
        await expect(embed.predictedDigit()).toHaveAttribute('data-digit', '7');
      }
    }
    // The embedded lesson's check reads the embedded pad.
    if (name === 'pad-lesson' && offline) await expect(lesson.getByRole('status', { name: 'Lesson check' })).toContainText('reads your drawing as 7');
    if (offline) await expectNoAxeViolations(page, `in the ${name} embed`);
    return embed;
  };

  let last: EmbedFrame | null = null;
  for (const { name, headings } of CASES) last = await checkView(name, headings, false);
  // The frame's service worker (its own, in the course site's partition) has cached the app once it controls the frame.
  const frame = await last!.document();
  await frame.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => frame.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 90_000 }).toBe(true);

  const unknown = await visitCourse(page, 'unknown');
  await expect(unknown.frame.getByRole('alert')).toContainText('There is no embed view “charts”. Valid views: pad, editor, summary, train, code');
  await unknown.expectOnlyPanels([]);
  await expectNoAxeViolations(page, 'in an embed naming an unknown view');
  const damaged = await visitCourse(page, 'damaged');
  await expect(damaged.frame.getByRole('status').filter({ hasText: 'Showing the book’s chapter-5 model instead.' })).toBeVisible();
  await expect(damaged.summary).toContainText('Total params: 93,322');
  await expectNoAxeViolations(page, 'in an embed with a damaged model and its notice');

  await context.setOffline(true);
  for (const { name, headings } of CASES) await checkView(name, headings, true);
  await context.setOffline(false);
});
