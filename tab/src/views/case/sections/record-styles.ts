import { makeStyles, tokens } from '@fluentui/react-components';

/** A record read back as terms and values: two columns on a wide screen, stacked at 320-360 px. */
export const useRecordStyles = makeStyles({
  dl: {
    display: 'grid',
    gridTemplateColumns: 'minmax(7rem, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalM}`,
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  dt: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  h3: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: `${tokens.spacingVerticalS} 0 0`,
  },
  item: {
    borderTop: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: `${tokens.spacingVerticalS} 0`,
  },
  list: { listStyle: 'none', padding: 0, margin: 0 },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  text: { margin: `${tokens.spacingVerticalXXS} 0 0`, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});
