/**
 * "Watch it learn" on the page's side: the frames of the latest run (its first filters and one test digit's maps
 * before training and after each epoch), kept apart from the engine's state so a frame costs no run re-render.
 */
import type { LearningFrame } from '../training/protocol.ts';

export interface FilmSnapshot {
  /** The run the frames belong to; null before any. */
  readonly runId: number | null;
  /** In epoch order, one per epoch at most. */
  readonly frames: readonly LearningFrame[];
  /** Whether runs send frames: on unless the person turns it off. */
  readonly watching: boolean;
}

/** Folds a frame into the film: a new run starts a new film; a resumed run's frames replace those from the epochs it redoes. */
export function addFrame(film: FilmSnapshot, runId: number, frame: LearningFrame): FilmSnapshot {
  if (film.runId !== runId) return { ...film, runId, frames: [frame] };
  return { ...film, frames: [...film.frames.filter((kept) => kept.epoch < frame.epoch), frame] };
}

export class LearningFilm {
  private snapshot: FilmSnapshot = { runId: null, frames: [], watching: true };
  private readonly renders = new Set<() => void>();

  readonly subscribe = (render: () => void): (() => void) => {
    this.renders.add(render);
    return () => this.renders.delete(render);
  };

  readonly getSnapshot = (): FilmSnapshot => this.snapshot;

  add(runId: number, frame: LearningFrame): void {
    this.publish(addFrame(this.snapshot, runId, frame));
  }

  setWatching(watching: boolean): void {
    if (watching !== this.snapshot.watching) this.publish({ ...this.snapshot, watching });
  }

  private publish(snapshot: FilmSnapshot): void {
    this.snapshot = snapshot;
    this.renders.forEach((render) => render());
  }
}
