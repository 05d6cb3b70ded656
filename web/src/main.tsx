// Entry of the mission-control UI (docs/ui.md).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './App.tsx';

const root = document.getElementById('root');
if (root === null) throw new Error('expected an element #root in index.html, found none');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
