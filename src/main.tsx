import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultScenario } from './scenarios/default';
import { createAutomationApi, type KafkaVizApi } from './store/automation';
import { createSimulationStore } from './store/simulation-store';
import { App } from './ui/App';
import { SimStoreProvider } from './ui/StoreContext';
import './styles/index.css';

declare global {
  interface Window {
    /** The page's automation surface: a stable API (README, "Automation"). */
    kafkaViz?: KafkaVizApi;
  }
}

const store = createSimulationStore(defaultScenario, window.location.search);
window.kafkaViz = createAutomationApi(store);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <SimStoreProvider store={store}>
      <App />
    </SimStoreProvider>
  </StrictMode>,
);
