import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

/**
 * Fields side by side, as many as fit at `min` wide, each shrinking rather than overflowing (for makeStyles).
 * `fill` keeps empty tracks, so a short last row does not stretch.
 */
export function fieldGrid(min: string, options: { fill?: boolean; gap?: string } = {}) {
  return {
    display: 'grid',
    gap: options.gap ?? `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    gridTemplateColumns: `repeat(${options.fill ? 'auto-fill' : 'auto-fit'}, minmax(${min}, 1fr))`,
    alignItems: 'start',
    '& > *': { minWidth: 0 },
  } as const;
}

/** Styles shared by the views: headings in order, sections, the screen-reader-only helper. */
export const useCommonStyles = makeStyles({
  h1: { ...typographyStyles.title2, margin: `0 0 ${tokens.spacingVerticalM}` },
  h2: { ...typographyStyles.subtitle1, margin: `${tokens.spacingVerticalXL} 0 ${tokens.spacingVerticalS}` },
  h3: { ...typographyStyles.body1Strong, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalXS}` },
  section: { marginBottom: tokens.spacingVerticalL },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  grow: { flexGrow: 1, minWidth: '12rem' },
  muted: { color: tokens.colorNeutralForeground3 },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    padding: 0,
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0, 0, 0, 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
  tableWrap: { overflowX: 'auto', maxWidth: '100%' },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  focusTarget: { outlineOffset: '2px' },
});
