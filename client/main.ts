/** Entry point of the exploration client. */
import { App, type Automation } from './app';
import { showError } from './view/toast';
import './styles.css';

declare global {
  interface Window {
    /** read-only hooks for automation (end-to-end tests and the bench) */
    innograph?: Automation;
  }
}

performance.mark('innograph:main');
window.addEventListener('unhandledrejection', (e) => showError(e.reason, 'Unexpected error'));
window.addEventListener('error', (e) => showError(e.error ?? e.message, 'Unexpected error'));

const root = document.getElementById('app');
if (root) {
  const app = new App(root);
  window.innograph = app.automation();
  void app.start();
}
