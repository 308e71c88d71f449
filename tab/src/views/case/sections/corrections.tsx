import type { CaseDetail } from '../../../../../bot/api/contract';
import type { FieldChange } from '../../../../../shared';
import { DataTable, column } from '../../../components/data-table';
import { formatDate, formatInstant } from '../../../lib/format';
import { fieldLabel } from '../../../lib/field-labels';
import { useRecordStyles } from './record-styles';
import { Section } from './section';

/** A value as the officer reads it: a date in words (formatDate leaves anything else as it is). */
const shown = (value: string | undefined) => (value ? formatDate(value) : 'None');

/** Issue 15: each correction, who made it, when and why, and every field before and after. */
export function Corrections({ detail, person }: { detail: CaseDetail; person: (id: string) => string }) {
  const styles = useRecordStyles();
  const amendments = [...(detail.state.amendments ?? [])].reverse();
  if (amendments.length === 0) return null;
  const columns = [
    column<FieldChange>({ id: 'field', header: 'Field', cell: (c) => fieldLabel(c.field) }),
    column<FieldChange>({ id: 'before', header: 'Before', cell: (c) => shown(c.before) }),
    column<FieldChange>({ id: 'after', header: 'After', cell: (c) => shown(c.after) }),
  ];
  return (
    <Section id="case-corrections" title="Corrections">
      <ul className={styles.list}>
        {amendments.map((a) => (
          <li key={a.eventId} className={styles.item}>
            <span className={styles.meta}>
              {person(a.actor)}, {formatInstant(a.at)}
            </span>
            <p className={styles.text}>Why: {a.reason}</p>
            {a.changes.length > 0 && (
              <DataTable
                label={`Corrected on ${formatInstant(a.at)}: before and after`}
                columns={columns}
                items={a.changes}
                rowKey="field"
              />
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
