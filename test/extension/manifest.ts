/** The extension manifest (package.json), read for tests that check it against the code. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface MenuEntry {
  readonly command: string;
  readonly when?: string;
  readonly group?: string;
}

export interface Manifest {
  readonly activationEvents: string[];
  readonly capabilities: { untrustedWorkspaces: { supported: boolean | string; description?: string }; virtualWorkspaces: boolean | { supported: boolean } };
  readonly contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    menus: Record<string, MenuEntry[]>;
    customEditors: Array<{ viewType: string; priority: string; selector: Array<{ filenamePattern: string }> }>;
    configuration: { properties: Record<string, { type: string; default: unknown }> };
  };
}

export const repoRoot = resolve(__dirname, '../..');

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as Manifest;
}
