import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { fieldId, type ProblemIndex } from '../lib/problems';

const useStyles = makeStyles({
  root: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
    margin: 0,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  plain: { border: 'none', padding: 0 },
  legend: { ...typographyStyles.body1Strong, padding: `0 ${tokens.spacingHorizontalXS}` },
  hint: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground3 },
  error: { ...typographyStyles.caption1, color: tokens.colorPaletteRedForeground1 },
  invalid: {
    borderTopColor: tokens.colorPaletteRedBorder2,
    borderRightColor: tokens.colorPaletteRedBorder2,
    borderBottomColor: tokens.colorPaletteRedBorder2,
    borderLeftColor: tokens.colorPaletteRedBorder2,
  },
});

/**
 * A group of controls with a legend (checkbox lists, an incident, a report): a native fieldset so screen
 * readers announce the legend with each control. Problems at `path` itself show under the legend.
 */
export function Fieldset({
  legend,
  hint,
  path,
  problems,
  plain,
  className,
  children,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  path?: string;
  problems?: ProblemIndex;
  plain?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  const error = path && problems ? problems.at(path) : undefined;
  const id = path ? fieldId(path) : undefined;
  return (
    <fieldset
      id={id}
      className={mergeClasses(styles.root, plain && styles.plain, error && styles.invalid, className)}
      {...(error && id ? { 'aria-describedby': `${id}-error` } : {})}
    >
      <legend className={styles.legend}>{legend}</legend>
      {hint && <div className={styles.hint}>{hint}</div>}
      {error && id && (
        <div id={`${id}-error`} className={styles.error} role="alert">
          {error}
        </div>
      )}
      {children}
    </fieldset>
  );
}
