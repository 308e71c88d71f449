import { makeStyles, tokens } from '@fluentui/react-components';

/** The Letters section's and the letter dialog's styles; `letter` lays out the server's preview HTML. */
export const useLetterStyles = makeStyles({
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  cellStack: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    alignItems: 'flex-start',
    padding: `${tokens.spacingVerticalXS} 0`,
  },
  small: { fontSize: tokens.fontSizeBase200 },
  error: { fontSize: tokens.fontSizeBase200, color: tokens.colorPaletteRedForeground1 },
  surface: { maxWidth: '60rem', width: 'calc(100vw - 2rem)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  letter: {
    maxHeight: '55vh',
    minHeight: '12rem',
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    lineHeight: tokens.lineHeightBase400,
    '& .letter': { maxWidth: '44rem', margin: '0 auto' },
    '& .letterhead': { textAlign: 'right', color: tokens.colorNeutralForeground2 },
    '& .address': { margin: `${tokens.spacingVerticalXL} 0` },
    '& .meta': { color: tokens.colorNeutralForeground2 },
    '& h2': {
      fontSize: tokens.fontSizeBase500,
      margin: `${tokens.spacingVerticalXL} 0 ${tokens.spacingVerticalS}`,
    },
    '& h3': {
      fontSize: tokens.fontSizeBase400,
      margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalXS}`,
    },
    '& .marking': { fontWeight: tokens.fontWeightBold, textAlign: 'center' },
    '& .field': { display: 'flex', flexDirection: 'column', margin: `${tokens.spacingVerticalS} 0` },
    '& .answer': {
      border: `1px solid ${tokens.colorNeutralStroke1}`,
      minHeight: '1.6em',
      padding: '2px 6px',
    },
    '& .signature': { marginTop: tokens.spacingVerticalXL },
    '& table': { borderCollapse: 'collapse', width: '100%' },
    '& th, & td': {
      border: `1px solid ${tokens.colorNeutralStroke2}`,
      padding: '4px 6px',
      textAlign: 'left',
      verticalAlign: 'top',
    },
    '& caption': { textAlign: 'left', fontWeight: tokens.fontWeightSemibold },
  },
  checks: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  status: { minHeight: '1.5em' },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
});
