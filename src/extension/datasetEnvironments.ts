/**
 * The environment a dataset was last validated in when it differs from `facetwise.environment` — set by the
 * "Mark X as not in SERVING" fix, which says the file is serving data — remembered per workspace.
 */
import type * as vscode from 'vscode';

const KEY = 'facetwise.datasetEnvironments';

export class DatasetEnvironments {
  constructor(private readonly state: vscode.Memento) {}

  get(dataset: string): string | undefined {
    return this.all()[dataset];
  }

  async set(dataset: string, environment: string): Promise<void> {
    await this.state.update(KEY, { ...this.all(), [dataset]: environment });
  }

  async forget(dataset: string): Promise<void> {
    const all = { ...this.all() };
    if (!(dataset in all)) return;
    delete all[dataset];
    await this.state.update(KEY, all);
  }

  private all(): Record<string, string> {
    const value = this.state.get<unknown>(KEY);
    if (typeof value !== 'object' || value === null) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }
}
