import type { TeamsTheme } from './auth/session';

/**
 * The tab follows the Teams theme (light, dark, high contrast) inside Teams and uses the web light theme in a
 * browser. In local mode a switch in the header picks any of them, to test each one. The names only, without
 * Fluent UI, so the meeting page's first view (views/meeting/first-view.ts) picks its colours before Fluent
 * UI has loaded; theme.ts maps them to Fluent's themes.
 */
export type ThemeName = 'web-light' | 'teams-light' | 'teams-dark' | 'teams-contrast';

export const themeOptions: { name: ThemeName; label: string }[] = [
  { name: 'web-light', label: 'Web light' },
  { name: 'teams-light', label: 'Teams light' },
  { name: 'teams-dark', label: 'Teams dark' },
  { name: 'teams-contrast', label: 'Teams high contrast' },
];

export function themeFromTeams(theme: TeamsTheme): ThemeName {
  return theme === 'dark' ? 'teams-dark' : theme === 'contrast' ? 'teams-contrast' : 'teams-light';
}

const KEY = 'asb-case-review.theme';

export function savedTheme(): ThemeName | undefined {
  try {
    const v = localStorage.getItem(KEY);
    return themeOptions.some((o) => o.name === v) ? (v as ThemeName) : undefined;
  } catch {
    return undefined;
  }
}

export function saveTheme(name: ThemeName): void {
  try {
    localStorage.setItem(KEY, name);
  } catch {
    // Not essential.
  }
}
