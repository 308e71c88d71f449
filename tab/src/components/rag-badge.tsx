import { Badge } from '@fluentui/react-components';
import { ragAppearance, workingDaysSpoken, workingDaysText, type Rag } from '../lib/rag';
import { useCommonStyles } from './styles';

/**
 * A deadline's red/amber/green badge, with its words ("2 WD overdue") so colour is never the only signal;
 * screen readers hear "2 working days overdue".
 */
export function RagBadge({
  rag,
  deadline,
  text,
}: {
  rag: Rag;
  deadline?: { overdue: boolean; workingDaysLeft: number };
  text?: string;
}) {
  const styles = useCommonStyles();
  const look = ragAppearance[rag];
  const shown = text ?? workingDaysText(deadline);
  const spoken = text ?? workingDaysSpoken(deadline);
  return (
    <Badge appearance="tint" color={look.colour} shape="rounded">
      <span aria-hidden="true">{shown}</span>
      <span className={styles.srOnly}>{spoken}</span>
    </Badge>
  );
}
