import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import { DEFAULT_MODEL } from '../../domain/defaults.ts';
import { decodeModelFragment, encodeModelFragment } from '../../domain/shareCodec.ts';
import { localStorageOrNull } from '../../engine/backendChoice.ts';
import { keepModel, readKeptModel } from '../../storage/editorModelSlot.ts';
import type { LayerSpec, ModelSpec } from '../../domain/modelSpec.ts';
import { documentFromSpec, newLayerId, specFromDocument, type EditorDocument } from './editorDocument.ts';
import { reduceHistory, startHistory, type History, type HistoryAction } from './modelHistory.ts';

const UNDO_HINT = 'Undo brings back the model you had.';

/**
 * An embed's model: the link's, else the book's. Never the browser's kept model, and never kept: a course page's
 * frame must not read or replace the model a person works on in the full playground (same site, same storage).
 */
function embeddedDocument(): { document: EditorDocument; notice: string | null; leftAlone: null } {
  const fromLink = decodeModelFragment(window.location.hash);
  if (fromLink.ok === true) return { document: documentFromSpec(fromLink.spec), notice: null, leftAlone: null };
  const notice = fromLink.ok === false ? `${fromLink.message} Showing the book’s chapter-5 model instead.` : null;
  return { document: documentFromSpec(DEFAULT_MODEL), notice, leftAlone: null };
}

/**
 * The model to start with: a shared link first, then the last session's model, then the book's. leftAlone: why the
 * kept model is not written over (a newer version's, or unreadable), until the person chooses to.
 */
function initialDocument(embedded: boolean): { document: EditorDocument; notice: string | null; leftAlone: string | null } {
  if (embedded) return embeddedDocument();
  const kept = readKeptModel(localStorageOrNull());
  const leftAlone = kept.kind === 'left-alone' ? kept.message : null;
  const fromLink = decodeModelFragment(window.location.hash);
  if (fromLink.ok === true) return { document: documentFromSpec(fromLink.spec), notice: 'Loaded the model from the shared link.', leftAlone };
  const document = documentFromSpec(kept.kind === 'kept' ? kept.spec : DEFAULT_MODEL);
  if (fromLink.ok === false) return { document, notice: `${fromLink.message} Your own model is unchanged.`, leftAlone };
  return { document, notice: null, leftAlone };
}

export interface EditorDocumentState {
  readonly document: EditorDocument;
  readonly edit: (next: EditorDocument, mergeKey?: string) => void;
  readonly undo: () => void;
  readonly redo: () => void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** A message about loading or saving the model, for the person to read. */
  readonly notice: string | null;
  /** Why the model kept in this browser is not written over (a newer version's, or unreadable); null when it is, or once dismissed. */
  readonly keptModelNotice: string | null;
  readonly dismissKeptModelNotice: () => void;
  /** The person's choice: keep this tab's model in the browser, over the copy left alone. */
  readonly saveOverKeptModel: () => void;
  readonly setNotice: (notice: string | null) => void;
  readonly shareUrl: string;
  /** Puts these layers in the editor (an imported file's), saying so; undo brings back the model that was there. */
  readonly replaceLayers: (layers: readonly LayerSpec[], source: string) => void;
  /** Opens a kept run's model and settings in the editor, saying so. */
  readonly openRun: (spec: ModelSpec, name: string) => void;
}

/**
 * The edited model with undo/redo, kept in localStorage and in the page's address (#model=…) as it changes.
 * embedded: an embed view's model, from its address only and kept only there.
 */
export function useEditorDocument({ embedded = false }: { readonly embedded?: boolean } = {}): EditorDocumentState {
  const [initial] = useState(() => initialDocument(embedded));
  const [history, dispatch] = useReducer(
    (state: History<EditorDocument>, action: HistoryAction<EditorDocument>) => reduceHistory(state, action),
    initial.document,
    startHistory,
  );
  const [notice, setNotice] = useState<string | null>(initial.notice);
  const [keptModelLeftAlone, setKeptModelLeftAlone] = useState(initial.leftAlone);
  const fragment = useMemo(() => encodeModelFragment(specFromDocument(history.present)), [history.present]);

  useEffect(() => {
    window.history.replaceState(null, '', `#${fragment}`);
    if (keptModelLeftAlone || embedded) return;
    if (!keepModel(localStorageOrNull(), fragment)) {
      // Storage refused (disabled, or quota full): say so once the render is done; the model stays in memory and the link.
      queueMicrotask(() => setNotice('This browser does not let the page store the model: it will not survive a reload. Use the share link to keep it.'));
    }
  }, [fragment, keptModelLeftAlone, embedded]);
  const saveOverKeptModel = useCallback(() => setKeptModelLeftAlone(null), []);
  const [keptModelNoticeShown, setKeptModelNoticeShown] = useState(true);
  const dismissKeptModelNotice = useCallback(() => setKeptModelNoticeShown(false), []);

  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const edit = useCallback((next: EditorDocument, mergeKey?: string) => dispatch({ type: 'edit', next, key: mergeKey, time: Date.now() }), []);
  const { present } = history;
  const replaceLayers = useCallback(
    (layers: readonly LayerSpec[], source: string) => {
      edit({ ...present, layers: layers.map((spec) => ({ id: newLayerId(), spec })) });
      setNotice(`Imported ${layers.length} layers from ${source}. ${UNDO_HINT}`);
    },
    [edit, present],
  );
  const openRun = useCallback(
    (spec: ModelSpec, name: string) => {
      edit(documentFromSpec(spec));
      setNotice(`Opened “${name}” in the editor. ${UNDO_HINT}`);
    },
    [edit],
  );

  return {
    document: present,
    edit,
    replaceLayers,
    openRun,
    undo,
    redo,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    notice,
    setNotice,
    keptModelNotice: keptModelNoticeShown ? keptModelLeftAlone : null,
    dismissKeptModelNotice,
    saveOverKeptModel,
    shareUrl: `${window.location.origin}${window.location.pathname}#${fragment}`,
  };
}
