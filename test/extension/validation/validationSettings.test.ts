import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AnomalyInfo_Severity, AnomalyInfo_Type } from '../../../src/core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import { CONFIG_DEFAULTS } from '../../../src/extension/configValues.js';
import { validationSettingsOf } from '../../../src/extension/validation/validationSettings.js';

test('TFDV validation settings become engine options; an override that names no anomaly type is reported', () => {
  assert.deepEqual(validationSettingsOf(CONFIG_DEFAULTS), { unknownTypes: [] });
  const s = validationSettingsOf({
    ...CONFIG_DEFAULTS,
    newFeaturesAreWarnings: true,
    severityOverrides: { SCHEMA_NEW_COLUMN: 'ERROR', ENUM_TYPE_UNEXPECTED_STRING_VALUES: 'WARNING', NOT_A_TYPE: 'WARNING' },
    enumDeleteThreshold: 30,
  });
  assert.deepEqual(s, {
    newFeaturesAreWarnings: true,
    severityOverrides: [
      { type: AnomalyInfo_Type.SCHEMA_NEW_COLUMN, severity: AnomalyInfo_Severity.ERROR },
      { type: AnomalyInfo_Type.ENUM_TYPE_UNEXPECTED_STRING_VALUES, severity: AnomalyInfo_Severity.WARNING },
    ],
    enumDeleteThreshold: 30,
    unknownTypes: ['NOT_A_TYPE'],
  });
});
