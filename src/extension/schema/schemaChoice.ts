/**
 * Which schema a dataset is validated against and why — the one answer schemaResolver.ts gives every surface
 * (Validate, the overview's header, the compare panel, the grid's anomalies). Pure: no `vscode` import.
 */
import { basename } from 'node:path';

/** Why this schema: `facetwise.schemas`, a pairing the user made earlier, the file found where schemas are looked for, or picked just now. */
export type SchemaSource = 'setting' | 'remembered' | 'found beside' | 'chosen';

/** What a pairing remembers (and the question answers). */
export type SchemaPairing =
  /** A schema file. */
  | { readonly kind: 'file'; readonly path: string }
  /** A schema inferred from another dataset (a training split). */
  | { readonly kind: 'inferFrom'; readonly path: string }
  /** A schema inferred from the dataset itself. */
  | { readonly kind: 'self' };

export type SchemaChoice = SchemaPairing & { readonly source: SchemaSource };

/** "schema.pbtxt", "a schema inferred from train.csv", "a schema inferred from eval.csv itself". */
export function schemaLabel(pairing: SchemaPairing, dataset: string): string {
  switch (pairing.kind) {
    case 'file':
      return basename(pairing.path);
    case 'inferFrom':
      return `a schema inferred from ${basename(pairing.path)}`;
    case 'self':
      return `a schema inferred from ${basename(dataset)} itself`;
    default: {
      const never: never = pairing;
      return String(never);
    }
  }
}

/** "schema.pbtxt (from setting)": what the notification, the output and the overview's header say. */
export function describeSchemaChoice(choice: SchemaChoice, dataset: string): string {
  const why = choice.source === 'setting' ? 'from setting' : choice.source;
  return `${schemaLabel(choice, dataset)} (${why})`;
}

/**
 * What Change… says when the team's `facetwise.schemas` setting decides the dataset's schema: a schema picked
 * here would be remembered but never used (the setting wins), so the picker is not shown.
 */
export function settingOverrideNotice(datasetName: string, rule: { readonly glob: string; readonly schema: string }): string {
  return `The facetwise.schemas setting validates ${datasetName} against ${rule.schema} ("${rule.glob}"), and it wins over a schema picked here. Edit or remove that entry to choose another.`;
}

/** A stored pairing read back from workspace state (which a user or an old version may have left in any shape). */
export function parsePairing(value: unknown): SchemaPairing | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, path } = value as { kind?: unknown; path?: unknown };
  if (kind === 'self') return { kind };
  if ((kind === 'file' || kind === 'inferFrom') && typeof path === 'string' && path !== '') return { kind, path };
  return undefined;
}
