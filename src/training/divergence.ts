/**
 * Tells when training has diverged. A non-finite loss is the obvious case; but tfjs clips the cross-entropy's
 * probabilities, so a far too large learning rate usually leaves the loss stuck near −ln(1e-7) ≈ 16 instead of
 * NaN. A random guess among 10 digits scores ln 10 ≈ 2.3, so a loss that stays above four times that is lost.
 */
export const RANDOM_GUESS_LOSS = Math.log(10);
const WINDOW = 20;
const LIMIT = 4 * RANDOM_GUESS_LOSS;

export class DivergenceWatch {
  private readonly recent: number[] = [];

  /** Records one batch's loss; returns why training diverged, or null while it has not. */
  record(loss: number): string | null {
    if (!Number.isFinite(loss)) return `the loss became ${loss}`;
    this.recent.push(loss);
    if (this.recent.length > WINDOW) this.recent.shift();
    if (this.recent.length < WINDOW) return null;
    const mean = this.recent.reduce((a, b) => a + b, 0) / WINDOW;
    return mean > LIMIT ? `the loss stayed near ${mean.toFixed(1)} for ${WINDOW} batches, far above a random guess's ${RANDOM_GUESS_LOSS.toFixed(2)}` : null;
  }
}
