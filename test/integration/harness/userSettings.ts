// The user settings.json the harness writes before VS Code starts (and may rewrite while it runs): quiet,
// deterministic defaults for tests plus a color theme, so UI tests can screenshot light and dark.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ThemeKind = 'dark' | 'light';

/**
 * The built-in themes used for each kind, by the ids VS Code 1.139 (code-server 4.139) knows; it still maps the
 * older 'Default Dark Modern' / 'Default Light Modern' to these. Written to settings.json for desktop runs, but
 * code-server 4.139's web workbench starts in 'Light 2026' whatever that file says (and ignores later edits of
 * the key), so the harness applies the theme through the Color Theme picker like a user (uiActions.setColorTheme).
 */
export const THEME_IDS: Readonly<Record<ThemeKind, string>> = { dark: 'Dark Modern', light: 'Light Modern' };

export type UserSettings = Record<string, unknown>;

export function testUserSettings(theme: ThemeKind, extra: UserSettings = {}): UserSettings {
  return {
    'workbench.colorTheme': THEME_IDS[theme],
    'window.autoDetectColorScheme': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'window.commandCenter': false,
    // The chat view that VS Code opens in the secondary side bar by default only clutters screenshots.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...extra,
  };
}

/** Writes <userDataDir>/User/settings.json (code-server keeps the user's settings there). */
export function writeUserSettings(userDataDir: string, settings: UserSettings): void {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}
