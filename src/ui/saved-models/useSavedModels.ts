import { useCallback, useEffect, useRef, useState } from 'react';
import { MODEL_FILE_LIMITS, validateModelFiles } from '../../domain/keras/modelFiles.ts';
import { downloadFile } from '../common/downloadFile.ts';
import { formatBytes } from '../common/format.ts';
import { newModelId, openModelStore, type ModelStore, type SavedModel, type SavedModelSummary } from '../../storage/modelStore.ts';
import { modelFilesFor, savedModelFromFiles } from '../../storage/savedModelFiles.ts';
import type { ModelStatus, RunState } from '../../engine/engineState.ts';
import { savedModelName, type RunIdentity } from '../../engine/runIdentity.ts';
import type { TrainingEngine } from '../../engine/trainingEngine.ts';

export interface SavedModels {
  readonly models: readonly SavedModelSummary[];
  /** The saved model the pad's "yours" is, when it is one. */
  readonly activeId: string | null;
  /** Why models cannot be kept, or what the last action could not do. */
  readonly problem: string | null;
  readonly notice: string | null;
  readonly use: (id: string) => void;
  readonly rename: (id: string, name: string) => Promise<string | null>;
  readonly remove: (id: string) => void;
  readonly download: (id: string) => void;
  readonly upload: (files: readonly File[]) => void;
}

interface Inputs {
  readonly engine: TrainingEngine;
  readonly yours: ModelStatus;
  /** The engine can take models: its backend has started. */
  readonly engineReady: boolean;
}

async function readUpload(files: readonly File[]): Promise<{ ok: true; model: SavedModel } | { ok: false; message: string }> {
  const jsons = files.filter((file) => file.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1) {
    return { ok: false, message: `Choose one model.json and its weights file together (${jsons.length === 0 ? 'no .json file was given' : `${jsons.length} .json files were given`}).` };
  }
  const modelFile = jsons[0]!;
  const weightFiles = files.filter((file) => file !== modelFile);
  // Sizes before reading: a huge file is refused without loading it into memory.
  if (modelFile.size > MODEL_FILE_LIMITS.maxModelJsonChars * 4) return { ok: false, message: `${modelFile.name} is ${formatBytes(modelFile.size)}, too large for a model.json.` };
  const weightBytes = weightFiles.reduce((sum, file) => sum + file.size, 0);
  if (weightBytes > MODEL_FILE_LIMITS.maxWeightBytes) {
    return { ok: false, message: `The weights files are ${formatBytes(weightBytes)}; the playground takes at most ${formatBytes(MODEL_FILE_LIMITS.maxWeightBytes)}.` };
  }
  const modelJson = await modelFile.text();
  const weightsFiles = await Promise.all(weightFiles.map(async (file) => ({ name: file.name, bytes: await file.arrayBuffer() })));
  const validated = validateModelFiles({ modelJson, weightsFiles });
  if (!validated.ok) return { ok: false, message: `${modelFile.name} was not loaded: ${validated.message}` };
  return { ok: true, model: savedModelFromFiles({ validated, modelJson, fileName: modelFile.name }) };
}

/**
 * The shelf of trained models: every finished run's model is saved here (IndexedDB), listed, renamed, deleted,
 * downloaded as tfjs files and uploaded back. The newest (or the one in use) is handed to a fresh engine, so a reload
 * or an engine restart keeps "your" model.
 */
export function useSavedModels({ engine, yours, engineReady }: Inputs): SavedModels {
  const { request } = engine;
  const [store, setStore] = useState<ModelStore | null>(null);
  const [models, setModels] = useState<readonly SavedModelSummary[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const restoring = useRef(false);

  const refresh = useCallback(async (opened: ModelStore) => setModels(await opened.list()), []);

  useEffect(() => {
    let cancelled = false;
    void openModelStore().then(async (opened) => {
      if (cancelled) return;
      if (!opened.ok) return setProblem(opened.message);
      setStore(opened.store);
      await refresh(opened.store);
    });
    return () => {
      cancelled = true;
    };
  }, [refresh]);

  const install = useCallback(
    async (model: SavedModel) => {
      const answer = await request({ type: 'use-model', name: model.name, artifacts: model });
      if (answer.type === 'model-ready') {
        setActiveId(model.id);
        return true;
      }
      setProblem(answer.type === 'model-error' ? answer.message : 'The model could not be loaded.');
      return false;
    },
    [request],
  );

  const use = useCallback(
    (id: string) => {
      if (!store) return;
      void store.load(id).then(async (loaded) => {
        if (!loaded.ok) return setProblem(loaded.message);
        if (!loaded.model) return setProblem('That model is no longer saved (deleted in another tab?).');
        if (await install(loaded.model)) setNotice(`“${loaded.model.name}” now reads your digits.`);
      });
    },
    [store, install],
  );

  // A fresh engine (first open, reload, restart) gets back the model in use, or the newest one saved.
  useEffect(() => {
    if (!store || !engineReady || yours.status !== 'none' || restoring.current) return;
    const id = activeId ?? models[0]?.id;
    if (!id) return;
    restoring.current = true;
    void store.load(id).then(async (loaded) => {
      if (loaded.ok && loaded.model) await install(loaded.model);
      restoring.current = false;
    });
  }, [store, engineReady, yours.status, activeId, models, install]);

  // Every finished run's model is saved as soon as it exists: the worker keeps it before it reads the export request.
  const saveTrainedModel = useCallback(
    (run: RunState, identity: RunIdentity, backend: string | null) => {
    void request({ type: 'export-model' }).then(async (answer) => {
      if (answer.type !== 'model-exported') return setProblem(answer.message);
      const now = Date.now();
      const model: SavedModel = {
        id: newModelId(now),
        name: savedModelName(identity.name, run),
        spec: identity.spec,
        testAccuracy: run.test?.accuracy ?? null,
        testCount: run.test?.count ?? null,
        backend,
        savedAt: now,
        origin: 'trained',
        ...answer.artifacts,
      };
      if (!store) return;
      const saved = await store.save(model);
      if (!saved.ok) return setProblem(`${saved.message} The model still reads your digits until you leave the page.`);
      setActiveId(model.id);
      await refresh(store);
    });
    },
    [request, store, refresh],
  );
  useEffect(
    () =>
      engine.onAction((_action, { run, backend }, previous) => {
        const identity = engine.getSnapshot().run;
        const finishedNow = run?.status === 'finished' && !(previous.run?.id === run.id && previous.run.status === 'finished');
        if (run && identity && finishedNow) saveTrainedModel(run, identity, backend?.name ?? null);
      }),
    [engine, saveTrainedModel],
  );

  const rename = useCallback(
    async (id: string, name: string) => {
      if (!store) return 'Saved models are not available in this browser.';
      const renamed = await store.rename(id, name);
      if (!renamed.ok) return renamed.message;
      await refresh(store);
      return null;
    },
    [store, refresh],
  );

  const remove = useCallback(
    (id: string) => {
      if (!store) return;
      void store.remove(id).then(async (removed) => {
        if (!removed.ok) return setProblem(removed.message);
        if (id === activeId) setActiveId(null);
        await refresh(store);
      });
    },
    [store, activeId, refresh],
  );

  const download = useCallback(
    (id: string) => {
      if (!store) return;
      void store.load(id).then((loaded) => {
        if (!loaded.ok || !loaded.model) return setProblem(loaded.ok ? 'That model is no longer saved.' : loaded.message);
        const files = modelFilesFor(loaded.model);
        downloadFile(`${files.baseName}.json`, files.modelJson, 'application/json');
        downloadFile(`${files.baseName}.weights.bin`, files.weights, 'application/octet-stream');
      });
    },
    [store],
  );

  const upload = useCallback(
    (files: readonly File[]) => {
      void readUpload(files).then(async (read) => {
        if (!read.ok) {
          setNotice(null);
          return setProblem(read.message);
        }
        setProblem(null);
        if (!(await install(read.model))) return;
        if (store) {
          const saved = await store.save(read.model);
          if (!saved.ok) return setProblem(`${saved.message} The model reads your digits until you leave the page.`);
          await refresh(store);
        }
        setNotice(`Loaded “${read.model.name}”: it now reads your digits.`);
      });
    },
    [store, install, refresh],
  );

  return { models, activeId, problem, notice, use, rename, remove, download, upload };
}
