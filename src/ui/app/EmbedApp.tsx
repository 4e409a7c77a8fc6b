/**
 * The playground embedded in another page (?embed=…): only the panels the address names, in a compact frame, the
 * model from the address, and a link to the full playground. The whole page is App.tsx; main.tsx picks one.
 */
import { buildFullPlaygroundUrl, EMBED_VIEW_TITLES, ENGINE_VIEWS, type EmbedRequest, type EmbedView } from '../../domain/embedViews.ts';
import { useEditedModel } from '../editor/useEditedModel.ts';
import { EmbedPanels, EmbedPanelsWithEngine } from './EmbedPanels.tsx';
import { NoticeBar } from './PageFrame.tsx';

/** Training views say, discreetly, why they train on one thread when the page around them is not cross-origin isolated. */
function threadNote(views: readonly EmbedView[]): string | null {
  const trains = views.includes('train') || views.includes('lesson');
  if (!trains || window.crossOriginIsolated) return null;
  return window.self === window.top
    ? 'Trains on one thread until this page is cross-origin isolated (from the next visit).'
    : 'Trains on one thread: the page around this frame is not cross-origin isolated.';
}

/** The frame's title for screen readers (the panels' own headings are h2): what this is, and which views. */
function EmbedTitle({ views }: { readonly views: readonly EmbedView[] }) {
  const named = views.map((view) => EMBED_VIEW_TITLES[view]).join(', ');
  return <h1 className="visually-hidden">{named ? `ConvNet Playground: ${named}` : 'ConvNet Playground (embedded)'}</h1>;
}

function EmbedFooter({ views }: { readonly views: readonly EmbedView[] }) {
  const note = threadNote(views);
  return (
    <footer className="embed-footer">
      {note && (
        <span className="embed-threads" title="Wasm threads need the embedding page's COOP/COEP headers and allow=&quot;cross-origin-isolated&quot; on the iframe (README, Embedding).">
          {note}
        </span>
      )}
      <a href={buildFullPlaygroundUrl(window.location.href)} target="_blank" rel="noopener">
        Open in the full playground ↗
      </a>
    </footer>
  );
}

function EmbedViews({ views }: { readonly views: readonly EmbedView[] }) {
  const edited = useEditedModel({ embedded: true });
  const { model } = edited;
  const needsEngine = views.some((view) => ENGINE_VIEWS.includes(view));
  return (
    <div className="embed">
      <EmbedTitle views={views} />
      {model.notice && <NoticeBar notice={model.notice} onDismiss={() => model.setNotice(null)} />}
      {needsEngine ? <EmbedPanelsWithEngine views={views} edited={edited} /> : <EmbedPanels views={views} edited={edited} playground={null} />}
      <EmbedFooter views={views} />
    </div>
  );
}

/** An address naming no view the playground has: what is wrong and what would work, inside the frame. */
function EmbedProblem({ message }: { readonly message: string }) {
  return (
    <div className="embed">
      <EmbedTitle views={[]} />
      <main className="embed-panels" aria-label="ConvNet Playground">
        <section className="card" aria-labelledby="embed-problem-heading">
          <h2 id="embed-problem-heading">This embed cannot be shown</h2>
          <p className="error" role="alert">
            {message}
          </p>
        </section>
      </main>
      <EmbedFooter views={[]} />
    </div>
  );
}

export function EmbedApp({ request }: { readonly request: Exclude<EmbedRequest, { kind: 'page' }> }) {
  return request.kind === 'bad-embed' ? <EmbedProblem message={request.message} /> : <EmbedViews views={request.views} />;
}
