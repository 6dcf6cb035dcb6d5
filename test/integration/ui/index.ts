// Every UI test suite, in the order they run. Add new suites here.
import type { UiTest } from '../harness/uiTest.js';
import { smokeUiTests } from './smoke.ui.js';

export const allUiTests: readonly UiTest[] = [...smokeUiTests];
