import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONFIG_DEFAULTS, CONFIG_KEYS, parseConfig, resolveWorkerCount } from '../../src/extension/configValues.js';
import { readManifest } from './manifest.js';

describe('facetwise.* settings', () => {
  test('the manifest declares exactly the settings the code reads, with the same defaults', () => {
    const properties = readManifest().contributes.configuration.properties;
    // The Models view's settings are read by src/extension/models/modelSettings.ts, not by configValues.ts.
    const modelSettings: Record<string, unknown> = { 'facetwise.modelRoots': [], 'facetwise.servingConfigPath': '', 'facetwise.modelGate': null };
    for (const [key, value] of Object.entries(modelSettings)) assert.deepEqual(properties[key]?.default, value, key);
    assert.deepEqual(Object.keys(properties).filter((k) => !(k in modelSettings)).sort(), CONFIG_KEYS.map((k) => `facetwise.${k}`).sort());
    for (const key of CONFIG_KEYS) {
      const declared = properties[`facetwise.${key}`]?.default;
      // The manifest spells "no environment" as the empty string.
      const expected = key === 'environment' ? '' : CONFIG_DEFAULTS[key];
      assert.deepEqual(declared, expected, key);
    }
    assert.equal(CONFIG_DEFAULTS.schemaPath, 'schema.pbtxt');
    assert.equal(CONFIG_DEFAULTS.maxStringDomainSize, 100);
    assert.equal(CONFIG_DEFAULTS.examplesPerAnomaly, 10);
    assert.equal(CONFIG_DEFAULTS.workerCount, 0);
    assert.equal(CONFIG_DEFAULTS.inferNumericRanges, false);
  });

  test('reads well-typed values and trims text', () => {
    const values: Record<string, unknown> = {
      schemaPath: ' schemas/taxi.pbtxt ',
      maxStringDomainSize: 20,
      examplesPerAnomaly: 3,
      workerCount: 2,
      environment: ' SERVING ',
      inferNumericRanges: true,
      newFeaturesAreWarnings: true,
      severityOverrides: { SCHEMA_NEW_COLUMN: 'warning', COMPARATOR_L_INFTY_HIGH: 'ERROR', BAD: 'INFO', ALSO_BAD: 3 },
      enumDeleteThreshold: 50,
      inferenceBackend: 'webgl',
      schemas: { ' taxi/serving*.csv ': ' schemas/serving.pbtxt ', 'x/**': '', 'y/**': 3 },
    };
    assert.deepEqual(parseConfig((k) => values[k]), {
      schemaPath: 'schemas/taxi.pbtxt',
      maxStringDomainSize: 20,
      examplesPerAnomaly: 3,
      workerCount: 2,
      environment: 'SERVING',
      inferNumericRanges: true,
      newFeaturesAreWarnings: true,
      severityOverrides: { SCHEMA_NEW_COLUMN: 'WARNING', COMPARATOR_L_INFTY_HIGH: 'ERROR' },
      enumDeleteThreshold: 50,
      inferenceBackend: 'webgl',
      schemas: { 'taxi/serving*.csv': 'schemas/serving.pbtxt' },
    });
  });

  test('falls back to the defaults for missing or mistyped values, and clamps numbers', () => {
    assert.deepEqual(parseConfig(() => undefined), CONFIG_DEFAULTS);
    const bad: Record<string, unknown> = { schemaPath: '', maxStringDomainSize: 'many', examplesPerAnomaly: -5, workerCount: 1e9, environment: '  ', inferNumericRanges: 'yes' };
    const c = parseConfig((k) => bad[k]);
    assert.equal(c.schemaPath, 'schema.pbtxt');
    assert.equal(c.maxStringDomainSize, 100);
    assert.equal(c.examplesPerAnomaly, 0);
    assert.equal(c.workerCount, 64);
    assert.equal(c.environment, undefined);
    assert.equal(c.inferNumericRanges, false);
  });

  test('workerCount 0 means the cores available, at most 4 and at least 1', () => {
    assert.equal(resolveWorkerCount(0, 2), 2);
    assert.equal(resolveWorkerCount(0, 16), 4);
    assert.equal(resolveWorkerCount(0, 0), 1);
    assert.equal(resolveWorkerCount(6, 2), 6);
  });
});
