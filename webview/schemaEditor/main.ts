/**
 * Entry of the schema editor page (bundled to dist/webview/schemaEditor.js): says `ready`, shows each `state` the
 * host posts, sends the form's edits. Messages from the host are checked before use.
 */
import { parseHostToSchemaEditorMessage } from '../../src/protocol/schemaEditor/schemaEditorProtocol.js';
import type { HostToSchemaEditorMessage, SchemaEditorToHostMessage } from '../../src/protocol/schemaEditor/schemaEditorProtocol.js';
import { vscodeApi } from '../shared/vscodeApi.js';
import { SchemaEditorPage } from './schemaEditorPage.js';

const root = document.getElementById('schema-editor-root') ?? document.body;
const api = vscodeApi<SchemaEditorToHostMessage, undefined>();
const page = new SchemaEditorPage(root, (message) => api.postMessage(message));

function handle(msg: HostToSchemaEditorMessage): void {
  switch (msg.type) {
    case 'state':
      page.show(msg);
      return;
    case 'status':
      page.setStatus(msg.message);
      return;
    default: {
      const never: never = msg;
      void never;
    }
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = parseHostToSchemaEditorMessage(event.data);
  if (msg) handle(msg);
  else console.warn('schema editor: ignoring a malformed message');
});
api.postMessage({ type: 'ready' });
