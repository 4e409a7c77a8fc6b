/** The page's frame around the panels: title and engine status, the editor's notices, the footer. */
import type { ReactNode } from 'react';
import { Icon } from '../common/Icon.tsx';
import type { EditorDocumentState } from '../editor/useEditorDocument.ts';

export function Masthead({ children }: { readonly children: ReactNode }) {
  return (
    <header className="masthead">
      <div>
        <h1>ConvNet Playground</h1>
        <p className="tagline">
          Build a convnet, train it on MNIST in your browser, and watch it learn. Starts with chapter 5 of <cite>Deep Learning with Python</cite>.
        </p>
      </div>
      {children}
    </header>
  );
}

/** action: a choice the message offers, such as saving over a copy the page left alone. */
export function NoticeBar({ notice, onDismiss, action }: { readonly notice: string; readonly onDismiss: () => void; readonly action?: { readonly label: string; readonly run: () => void } }) {
  return (
    <div className="notice-bar" role="status">
      <span>{notice}</span>
      {action && (
        <button type="button" onClick={action.run}>
          {action.label}
        </button>
      )}
      <button type="button" className="icon" onClick={onDismiss} aria-label="Dismiss message">
        <Icon name="remove" />
      </button>
    </div>
  );
}

/** What the editor has to say about loading and keeping the model, above the page. */
export function ModelNotices({ model }: { readonly model: EditorDocumentState }) {
  return (
    <>
      {model.notice && <NoticeBar notice={model.notice} onDismiss={() => model.setNotice(null)} />}
      {model.keptModelNotice && (
        <NoticeBar
          notice={model.keptModelNotice}
          onDismiss={model.dismissKeptModelNotice}
          action={{ label: 'Save this tab’s model over it', run: model.saveOverKeptModel }}
        />
      )}
    </>
  );
}

export function Footer() {
  return (
    <footer className="footer">
      Training runs in a Web Worker with TensorFlow.js, so this page stays responsive. MNIST ships with the app; nothing is downloaded from
      elsewhere. Your model is kept in this browser and in the page’s address.
    </footer>
  );
}
