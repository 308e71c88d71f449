import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';
import type { ThemeName } from './theme-name';

export { saveTheme, savedTheme, themeFromTeams, themeOptions, type ThemeName } from './theme-name';

/** The Fluent UI theme for a theme's name (theme-name.ts: the names, and which one Teams or the SPOC chose). */
export function themeFor(name: ThemeName): Theme {
  switch (name) {
    case 'teams-light':
      return teamsLightTheme;
    case 'teams-dark':
      return teamsDarkTheme;
    case 'teams-contrast':
      return teamsHighContrastTheme;
    default:
      return webLightTheme;
  }
}
