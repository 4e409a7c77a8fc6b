/** The page's frame around the panels: title and engine status, the editor's notices, the footer. */
import type { ReactNode } from 'react';
import { Icon } from '../common/Icon.tsx';

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

export function NoticeBar({ notice, onDismiss }: { readonly notice: string; readonly onDismiss: () => void }) {
  return (
    <div className="notice-bar" role="status">
      <span>{notice}</span>
      <button type="button" className="icon" onClick={onDismiss} aria-label="Dismiss message">
        <Icon name="remove" />
      </button>
    </div>
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
