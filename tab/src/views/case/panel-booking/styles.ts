import type { BookingResult } from '../../../api/client';
import type { CaseContext } from '../events/event-spec';
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

/** What the policy asks of the chair, in a sentence. */
export const chairPreference: Record<string, string> = {
  'independent-neighbouring-authority':
    'The policy asks for an independent chair from a neighbouring authority where possible.',
  independent: 'The policy asks for an independent chair.',
  'council-manager': 'The policy has a council manager chair the panel.',
};

/** A panel dialog: what it is about, and what to do with the calendar's answer (announce it, reload). */
export interface PanelDialogProps {
  ctx: CaseContext;
  onDone: (result: BookingResult, message: string) => Promise<void>;
}
