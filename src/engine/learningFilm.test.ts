import { describe, expect, it } from 'vitest';
import type { LearningFrame } from '../training/protocol.ts';
import { LearningFilm } from './learningFilm.ts';

const frame = (epoch: number): LearningFrame => ({ epoch, step: epoch * 10, filters: null, featureMaps: [], digit: { pixels: new Uint8Array(784), label: 7 }, probabilities: new Float32Array(10), computeMs: 1 });

describe('the learning film', () => {
  it('keeps the latest run’s frames in epoch order, a resumed run replacing the epochs it trains again', () => {
    const film = new LearningFilm();
    let renders = 0;
    film.subscribe(() => renders++);
    film.add(1, frame(0));
    film.add(1, frame(1));
    film.add(1, frame(2));
    // Resumed from epoch 1's checkpoint: epoch 2 is trained again.
    film.add(1, frame(1));
    expect(film.getSnapshot().frames.map((f) => f.epoch)).toEqual([0, 1]);
    film.add(2, frame(0));
    expect(film.getSnapshot()).toMatchObject({ runId: 2, frames: [{ epoch: 0 }] });
    expect(renders).toBe(5);
  });

  it('remembers whether the person watches, rendering only on a change', () => {
    const film = new LearningFilm();
    let renders = 0;
    film.subscribe(() => renders++);
    film.setWatching(true);
    film.setWatching(false);
    expect([film.getSnapshot().watching, renders]).toEqual([false, 1]);
  });
});
