/**
 * The schema editor's state from the document's text: the form when the text parses (validated against the
 * picked dataset's statistics, so anomalies follow the text as it is edited), or the parse error with its line
 * and column and the form read-only until the text is fixed. Also turns a form edit into the next text. Pure: no
 * `vscode`.
 */
import { FacetwiseError } from '../../core/data/issues.js';
import type { Anomalies } from '../../core/proto/gen/tensorflow_metadata/proto/v0/anomalies_pb.js';
import type { Schema } from '../../core/proto/gen/tensorflow_metadata/proto/v0/schema_pb.js';
import type { DatasetFeatureStatistics } from '../../core/proto/gen/tensorflow_metadata/proto/v0/statistics_pb.js';
import { printText } from '../../core/proto/textFormat.js';
import type { ValidateStatisticsOptions } from '../../core/validate/validateStatistics.js';
import { validateStatistics } from '../../core/validate/validateStatistics.js';
import type { EditorState, FormEdit, ParseErrorInfo, SchemaForm } from '../../protocol/schemaEditor/schemaEditorProtocol.js';
import { parseSchemaText } from '../schema/schemaText.js';
import type { SchemaFix } from '../schema/schemaEdits.js';
import { applySchemaFix } from '../schema/schemaEdits.js';
import { applyFormEdit } from './formEdits.js';
import type { DatasetCheck } from './schemaForm.js';
import { anomalyFixes, schemaForm } from './schemaForm.js';

/** The dataset the form is edited against. */
export interface EditedAgainst {
  readonly name: string;
  readonly statistics: DatasetFeatureStatistics;
  /** The environment it is validated in (undefined: none). */
  readonly environment?: string;
  /** Validation options from the settings (severity overrides, new features as warnings…). */
  readonly options?: Omit<ValidateStatisticsOptions, 'environment'>;
}

export interface StateInput {
  readonly text: string;
  readonly fileName: string;
  readonly version: number;
  /** Writing is allowed only in a trusted workspace. */
  readonly trusted: boolean;
  /** The last form that parsed, shown (read-only) while the text does not. */
  readonly previousForm?: SchemaForm;
  readonly dataset?: EditedAgainst;
}

export interface BuiltState {
  readonly state: EditorState;
  /** The parsed schema; undefined when the text does not parse. */
  readonly schema?: Schema;
  /** Each feature's quick fixes, as the form lists them by index. */
  readonly fixes: ReadonlyMap<string, readonly SchemaFix[]>;
}

export function parseErrorInfo(error: unknown): ParseErrorInfo {
  if (error instanceof FacetwiseError && error.position) {
    const { line, column } = error.position;
    // The message already starts with file:line:column; the form shows the position on its own.
    const message = error.message.replace(/^.*?:\d+(?::\d+)?: /, '');
    return { message, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

function check(schema: Schema, dataset: EditedAgainst): { check: DatasetCheck; note?: string } {
  const fixEnvironment = dataset.environment ?? 'SERVING';
  try {
    const anomalies: Anomalies = validateStatistics(dataset.statistics, schema, { ...(dataset.options ?? {}), ...(dataset.environment !== undefined ? { environment: dataset.environment } : {}) });
    return { check: { statistics: dataset.statistics, anomalies, fixEnvironment } };
  } catch (error) {
    // E.g. the environment is not among default_environment yet: the observed figures still show.
    return { check: { statistics: dataset.statistics, fixEnvironment }, note: `Not validated: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function buildEditorState(input: StateInput): BuiltState {
  const base = { fileName: input.fileName, version: input.version };
  let schema: Schema;
  try {
    schema = parseSchemaText(input.text, input.fileName);
  } catch (error) {
    const parseError = parseErrorInfo(error);
    const where = parseError.line !== undefined ? ` (line ${parseError.line}${parseError.column !== undefined ? `, column ${parseError.column}` : ''})` : '';
    return {
      state: {
        ...base,
        readOnly: true,
        readOnlyReason: `The text is not a valid schema${where}: fix it in the text editor to edit the form again.`,
        parseError,
        ...(input.previousForm ? { form: input.previousForm } : {}),
        ...(input.dataset ? { dataset: { name: input.dataset.name, numExamples: Number(input.dataset.statistics.numExamples), note: 'Not validated while the text does not parse.' } } : {}),
      },
      fixes: new Map(),
    };
  }
  const checked = input.dataset ? check(schema, input.dataset) : undefined;
  const form = schemaForm(schema, checked?.check);
  const fixes = checked ? anomalyFixes(schema, checked.check) : new Map<string, SchemaFix[]>();
  const dataset = input.dataset
    ? {
        name: input.dataset.name,
        numExamples: Number(input.dataset.statistics.numExamples),
        ...(input.dataset.environment !== undefined ? { environment: input.dataset.environment } : {}),
        ...(checked?.note ? { note: checked.note } : {}),
      }
    : undefined;
  return {
    state: {
      ...base,
      readOnly: !input.trusted,
      ...(input.trusted ? {} : { readOnlyReason: 'The workspace is not trusted: Facetwise does not edit files in it.' }),
      form,
      ...(dataset ? { dataset } : {}),
    },
    schema,
    fixes,
  };
}

/** The text after a form edit (comments and unknown fields kept by the printer); throws what the edit throws. */
export function textAfterEdit(text: string, fileName: string, edit: FormEdit): string {
  const schema = parseSchemaText(text, fileName);
  applyFormEdit(schema, edit);
  return printText(schema);
}

/** The text after a quick fix (the Problems pane's schema fixes, on the document's text). */
export function textAfterFix(text: string, fileName: string, fix: SchemaFix): string {
  return printText(applySchemaFix(parseSchemaText(text, fileName), fix));
}
