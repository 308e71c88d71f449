import { makeStyles, tokens } from '@fluentui/react-components';

/** The panel section's and its dialogs' styles. */
export const usePanelStyles = makeStyles({
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  slots: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(18rem, 1fr))' },
  status: { minHeight: '1.5em', margin: 0 },
  small: { fontSize: tokens.fontSizeBase200 },
  error: { fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteRedForeground1 },
  quorum: { margin: 0 },
  block: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    alignItems: 'flex-start',
  },
});
