// UI smoke tests: drive the workbench the way a user does.
import * as assert from 'node:assert/strict';
import type { UiTest } from '../harness/uiTest.js';
import { clearNotifications, runCommand, themeKind, visibleNotificationMessages, waitForNotification } from '../harness/uiActions.js';

const HELLO = 'Hello from Facetwise!';

export const smokeUiTests: readonly UiTest[] = [
  {
    name: 'command palette runs "Facetwise: Hello" and a notification appears',
    async run({ page, screenshot }) {
      assert.equal(await themeKind(page), 'dark', 'the harness starts every UI run in the dark theme');
      await clearNotifications(page);
      assert.deepEqual(await visibleNotificationMessages(page), []);
      await runCommand(page, 'Facetwise: Hello');
      const message = await waitForNotification(page, 'Hello from Facetwise');
      assert.equal(message.trim(), HELLO);
      await screenshot('smoke-hello-dark');
    },
  },
  {
    name: 'theme switch: the same notification in the light theme',
    async run({ page, setTheme, screenshot }) {
      await clearNotifications(page);
      await setTheme('light');
      assert.equal(await themeKind(page), 'light');
      await runCommand(page, 'Facetwise: Hello');
      assert.equal((await waitForNotification(page, 'Hello from Facetwise')).trim(), HELLO);
      await screenshot('smoke-hello-light');
      await setTheme('dark');
      assert.equal(await themeKind(page), 'dark');
    },
  },
];
