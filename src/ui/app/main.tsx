import '../../domain/zodWithoutEval.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readEmbedRequest } from '../../domain/embedViews.ts';
import { App } from './App.tsx';
import { EmbedApp } from './EmbedApp.tsx';
import './styles.css';
import './embed.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// ?embed=… asks for only some panels, for a frame in another page (README, "Embedding").
const request = readEmbedRequest(window.location.search);
createRoot(root).render(<StrictMode>{request.kind === 'page' ? <App /> : <EmbedApp request={request} />}</StrictMode>);

// Offline after the first visit (public/sw.js). Only in the built app: in dev it would serve stale modules.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => console.warn('Offline support is unavailable:', error));
  });
}
