import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultScenario } from './scenarios/default';
import { createSimulationStore, type SimulationStore } from './store/simulation-store';
import { App } from './ui/App';
import { SimStoreProvider } from './ui/StoreContext';
import './styles/index.css';

declare global {
  interface Window {
    /** The page's store, for Playwright and the devtools console only. Not an API. */
    __kafkaViz?: SimulationStore;
  }
}

const store = createSimulationStore(defaultScenario, window.location.search);
window.__kafkaViz = store;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <SimStoreProvider store={store}>
      <App />
    </SimStoreProvider>
  </StrictMode>,
);
