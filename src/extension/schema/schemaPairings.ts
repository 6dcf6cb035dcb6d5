/** Dataset → schema pairings the user made (the question, "Change…", "Validate anyway"), remembered per workspace. */
import type * as vscode from 'vscode';
import type { SchemaPairing } from './schemaChoice.js';
import { parsePairing } from './schemaChoice.js';

const KEY = 'facetwise.schemaPairings';

export class SchemaPairings {
  constructor(private readonly state: vscode.Memento) {}

  get(dataset: string): SchemaPairing | undefined {
    return this.all()[dataset];
  }

  async set(dataset: string, pairing: SchemaPairing): Promise<void> {
    await this.state.update(KEY, { ...this.all(), [dataset]: pairing });
  }

  async forget(dataset: string): Promise<void> {
    const all = this.all();
    if (!(dataset in all)) return;
    delete all[dataset];
    await this.state.update(KEY, all);
  }

  private all(): Record<string, SchemaPairing> {
    const value = this.state.get<unknown>(KEY);
    if (typeof value !== 'object' || value === null) return {};
    const out: Record<string, SchemaPairing> = {};
    for (const [dataset, v] of Object.entries(value)) {
      const pairing = parsePairing(v);
      if (pairing) out[dataset] = pairing;
    }
    return out;
  }
}
