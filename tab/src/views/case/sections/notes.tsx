import type { CaseDetail } from '../../../../../bot/api/contract';
import { useCommonStyles } from '../../../components/styles';
import { formatInstant } from '../../../lib/format';
import { useRecordStyles } from './record-styles';
import { Section } from './section';

/** Issue 15: every note read back, newest first, with who wrote it and when. */
export function Notes({ detail, person }: { detail: CaseDetail; person: (id: string) => string }) {
  const common = useCommonStyles();
  const styles = useRecordStyles();
  const notes = [...(detail.state.notes ?? [])].reverse();
  return (
    <Section id="case-notes" title="Notes">
      {notes.length === 0 ? (
        <p className={common.muted}>No notes yet.</p>
      ) : (
        <ul className={styles.list}>
          {notes.map((n) => (
            <li key={n.eventId} className={styles.item}>
              <span className={styles.meta}>
                {person(n.actor)}, {formatInstant(n.at)}
              </span>
              <p className={styles.text}>{n.text}</p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
