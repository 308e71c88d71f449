import { makeStyles, tokens } from '@fluentui/react-components';
import { fieldGrid } from '../../components/styles';

/** The application form's layout: the form beside the advice on a wide screen, fields in columns. */
export const useApplicationStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingHorizontalXXL,
    '@media (min-width: 1100px)': { gridTemplateColumns: 'minmax(0, 2fr) minmax(20rem, 1fr)' },
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  advice: {
    alignSelf: 'start',
    '@media (min-width: 1100px)': { position: 'sticky', top: tokens.spacingVerticalL },
  },
  two: fieldGrid('14rem'),
  checks: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(16rem, 1fr))' },
  incident: { backgroundColor: tokens.colorNeutralBackground2 },
  report: fieldGrid('13rem', { fill: true, gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` }),
  reportBox: { backgroundColor: tokens.colorNeutralBackground1 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'center' },
  reasons: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
  result: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  submitBar: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});
