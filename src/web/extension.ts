// Web-worker entry of the extension. Placeholder: the activation wiring lands with issue 3.
export { activate, deactivate } from '../extension';
