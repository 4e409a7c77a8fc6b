/** The panels of an embed view, each as the full page shows it, in the order the address names them. */
import { useState, type ReactNode } from 'react';
import type { EmbedView } from '../../domain/embedViews.ts';
import { isRunActive } from '../../engine/engineState.ts';
import { ExportPanel } from '../editor/ExportPanel.tsx';
import { ModelPanel } from '../editor/ModelPanel.tsx';
import { ModelSummaryPanel } from '../editor/ModelSummaryPanel.tsx';
import type { useEditedModel } from '../editor/useEditedModel.ts';
import { DigitReader } from '../pad/DigitReader.tsx';
import { EngineStatus } from '../training/EngineStatus.tsx';
import { LearningCurvesPanel } from '../training/LearningCurvesPanel.tsx';
import { TrainingPanel } from '../training/TrainingPanel.tsx';
import { useLessonProgress } from '../lesson/useLessonProgress.ts';
import { LessonSide, type PadReading } from './LessonSide.tsx';
import { PanelBoundary } from './PanelBoundary.tsx';
import { usePlayground, type Playground } from './usePlayground.ts';

export type EditedModel = ReturnType<typeof useEditedModel>;

interface EmbedPanelsProps {
  readonly views: readonly EmbedView[];
  readonly edited: EditedModel;
  /** null for views that need no worker (editor, summary, code): they start none. */
  readonly playground: Playground | null;
}

/** A view the engine serves, in a frame that started none: cannot happen (EmbedApp starts it for these), said if it does. */
const NEEDS_ENGINE = <p className="error">This view needs the training engine, which this frame did not start.</p>;

function TrainView({ edited, playground }: { readonly edited: EditedModel; readonly playground: Playground }) {
  const { engine, snapshot, keeping } = playground;
  const { state, backendChoice } = snapshot;
  const { model, spec, analysis, settingsIssues, modelError } = edited;
  return (
    <>
      <div className="card embed-engine">
        <EngineStatus state={state} onRetryData={engine.retryData} choice={backendChoice} onChooseBackend={engine.chooseBackend} locked={isRunActive(state.run)} layers={spec.layers} />
      </div>
      <PanelBoundary name="training">
        <TrainingPanel
          state={state}
          engine={engine}
          spec={spec}
          totalParams={analysis?.totalParams ?? null}
          modelError={modelError}
          draft={model.document.training}
          settingsIssues={settingsIssues}
          onSettingsChange={(training) => model.edit({ ...model.document, training }, 'settings')}
          keeping={keeping}
        />
      </PanelBoundary>
      <PanelBoundary name="learning curves">
        <LearningCurvesPanel run={state.run} plannedEpochs={spec.training.epochs} overlays={[]} />
      </PanelBoundary>
    </>
  );
}

/** No runs panel in an embed, so no run is on the charts beside the live one. */
const NO_OVERLAYS: ReadonlySet<string> = new Set();

/** The lesson on its own: its checks read this frame's panels (the pad's reading when the pad is embedded too). */
function LessonView({ edited, playground, padReading }: { readonly edited: EditedModel; readonly playground: Playground; readonly padReading: PadReading }) {
  const lesson = useLessonProgress();
  const { engine, snapshot, runs } = playground;
  return (
    <PanelBoundary name="lesson">
      <div className="card">
        <LessonSide
          lesson={lesson}
          model={edited.model}
          spec={edited.spec}
          analysis={edited.analysis}
          runs={runs.runs}
          overlaid={NO_OVERLAYS}
          padReading={padReading}
          request={engine.request}
          models={snapshot.state.models}
        />
      </div>
    </PanelBoundary>
  );
}

interface Panel {
  readonly edited: EditedModel;
  readonly playground: Playground | null;
  readonly padReading: PadReading;
  readonly onPadReading: (reading: PadReading) => void;
}

function panelOf(view: EmbedView, { edited, playground, padReading, onPadReading }: Panel): ReactNode {
  const { model, spec, issues, analysis, rows } = edited;
  switch (view) {
    case 'pad':
      return playground === null ? NEEDS_ENGINE : (
        <PanelBoundary name="draw a digit">
          <section className="card" aria-labelledby="draw-heading">
            <h2 id="draw-heading">Draw a digit</h2>
            <DigitReader models={playground.snapshot.state.models} request={playground.engine.request} onReading={onPadReading} />
          </section>
        </PanelBoundary>
      );
    case 'editor':
      return (
        <PanelBoundary name="model">
          <ModelPanel model={model} rows={rows} issues={issues} />
        </PanelBoundary>
      );
    case 'summary':
      return (
        <PanelBoundary name="summary">
          <ModelSummaryPanel analysis={analysis} />
        </PanelBoundary>
      );
    case 'code':
      return (
        <PanelBoundary name="Python code">
          <ExportPanel spec={spec} valid={analysis !== null} onImport={model.replaceLayers} />
        </PanelBoundary>
      );
    case 'train':
      return playground === null ? NEEDS_ENGINE : <TrainView edited={edited} playground={playground} />;
    case 'lesson':
      return playground === null ? NEEDS_ENGINE : <LessonView edited={edited} playground={playground} padReading={padReading} />;
  }
}

export function EmbedPanels({ views, edited, playground }: EmbedPanelsProps) {
  const [padReading, setPadReading] = useState<PadReading>(null);
  const panel = { edited, playground, padReading, onPadReading: setPadReading };
  return (
    // Named: the course page around the frame has its own main landmark.
    <main className="embed-panels" aria-label="ConvNet Playground">
      {views.map((view) => (
        <div key={view} className="embed-view" data-view={view}>
          {panelOf(view, panel)}
        </div>
      ))}
    </main>
  );
}

/** The same panels with the training engine started: made and stopped with this component, as the full page does. */
export function EmbedPanelsWithEngine(props: Omit<EmbedPanelsProps, 'playground'>) {
  const playground = usePlayground();
  return <EmbedPanels {...props} playground={playground} />;
}
