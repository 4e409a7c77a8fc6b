import { expect, type Locator, type Page, type Worker } from '@playwright/test';

/** The playground as a person sees it: labelled fields, named buttons, announced status. */
export class PlaygroundPage {
  readonly trainButton: Locator;
  readonly pauseButton: Locator;
  readonly resumeButton: Locator;
  readonly stopButton: Locator;
  readonly status: Locator;
  readonly progress: Locator;
  readonly summary: Locator;
  readonly testAccuracy: Locator;
  readonly lossChart: Locator;
  readonly accuracyChart: Locator;
  /** "Epoch n is kept in this browser…": shown once a checkpoint is in IndexedDB. */
  readonly checkpoint: Locator;
  readonly engineNotice: Locator;

  constructor(readonly page: Page) {
    this.trainButton = page.getByRole('button', { name: 'Train', exact: true });
    this.pauseButton = page.getByRole('button', { name: 'Pause' });
    this.resumeButton = page.getByRole('button', { name: 'Resume' });
    this.stopButton = page.getByRole('button', { name: 'Stop' });
    this.status = page.getByRole('region', { name: 'Run', exact: true }).getByRole('status');
    this.progress = page.getByRole('progressbar', { name: 'Training progress' });
    this.summary = page.getByLabel('Model summary');
    this.testAccuracy = page.getByLabel('Test accuracy');
    this.lossChart = page.getByRole('figure', { name: 'Loss chart' });
    this.accuracyChart = page.getByRole('figure', { name: 'Accuracy chart' });
    this.checkpoint = page.getByLabel('Checkpoint', { exact: true });
    this.engineNotice = page.getByRole('status').filter({ hasText: 'The training engine' });
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`./${query}`);
    await expect(this.page.getByRole('heading', { name: 'ConvNet Playground' })).toBeVisible();
  }

  async waitUntilReady(): Promise<void> {
    await expect(this.page.getByLabel('MNIST data')).toContainText('MNIST ready', { timeout: 60_000 });
    await expect(this.page.getByLabel('Backend', { exact: true })).not.toContainText(/Starting|Measuring/, { timeout: 60_000 });
  }

  async setSettings(values: Record<string, string | number>): Promise<void> {
    for (const [label, value] of Object.entries(values)) {
      await this.page.getByLabel(label, { exact: true }).fill(String(value));
    }
  }

  /** Batches trained so far in the current run, read from the progress bar's label. */
  async completedSteps(): Promise<number> {
    const text = (await this.page.getByRole('region', { name: 'Run', exact: true }).locator('.run-numbers').textContent()) ?? '';
    const match = /batch ([\d,]+)\//.exec(text);
    return match ? Number(match[1]?.replace(/,/g, '')) : 0;
  }

  resumeFromEpochButton(epoch: number): Locator {
    return this.page.getByRole('button', { name: `Resume from epoch ${epoch}`, exact: true });
  }

  /** The per-epoch table's rows as [epoch, loss]. */
  async epochLosses(): Promise<[number, number][]> {
    const rows = this.page.getByRole('table', { name: 'Metrics per epoch' }).locator('tbody tr');
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).slice(0, 2).map((td) => Number(td.textContent))));
    return cells.map(([epoch = NaN, loss = NaN]) => [epoch, loss]);
  }

  /** The training worker now running. A replaced one may linger in page.workers() for a moment: pass it in `skip`. */
  trainingWorker(skip: ReadonlySet<Worker> = new Set()): Worker {
    const worker = this.page.workers().find((w) => w.url().includes('training') && !skip.has(w));
    if (!worker) throw new Error('no training worker');
    return worker;
  }

  /** Makes the training worker throw an uncaught error, as a crash would; returns the worker it crashed. */
  async crashTrainingWorker(skip?: ReadonlySet<Worker>): Promise<Worker> {
    const worker = this.trainingWorker(skip);
    await worker.evaluate(() => {
      setTimeout(() => {
        throw new Error('simulated crash');
      });
    });
    return worker;
  }

  async chartPoints(chart: Locator): Promise<number> {
    return Number(await chart.getAttribute('data-train-points'));
  }

  /** Losses of the batches so far, from the chart's table view. */
  async batchLosses(): Promise<number[]> {
    const details = this.page.locator('details.chart-table');
    if (!(await details.evaluate((d: HTMLDetailsElement) => d.open))) await details.locator('summary').click();
    const cells = await this.page.getByRole('table', { name: 'Training metrics per batch', exact: true }).locator('tbody tr td:nth-child(3)').allTextContents();
    return cells.map(Number);
  }
}
