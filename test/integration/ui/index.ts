// Every UI test suite, in the order they run. Add new suites here.
// The overview suite runs before the Problems one: it checks that a fresh window shows eval.csv as not validated
// before its Validate button is pressed. The .vsix check runs last: it starts its own code-server.
import type { UiTest } from '../harness/uiTest.js';
import { compareUiTests } from './compare.ui.js';
import { compareSpansUiTests } from './compareSpans.ui.js';
import { datapointUiTests } from './datapoint.ui.js';
import { modelsUiTests } from './models.ui.js';
import { onnxUiTests } from './onnx.ui.js';
import { overviewUiTests } from './overview.ui.js';
import { paletteUiTests } from './palette.ui.js';
import { validateDatasetUiTests } from './validateDataset.ui.js';
import { vsixInstallUiTests } from './vsixInstall.ui.js';
import { rowsUiTests } from './rows.ui.js';
import { schemaQuestionUiTests } from './schemaQuestion.ui.js';
import { schemaEditorUiTests } from './schemaEditor.ui.js';

export const allUiTests: readonly UiTest[] = [...paletteUiTests, ...overviewUiTests, ...validateDatasetUiTests, ...datapointUiTests, ...rowsUiTests, ...compareUiTests, ...compareSpansUiTests, ...schemaEditorUiTests, ...schemaQuestionUiTests, ...modelsUiTests, ...onnxUiTests, ...vsixInstallUiTests];
