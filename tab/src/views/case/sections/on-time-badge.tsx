import { Badge } from '@fluentui/react-components';

/** Whether a step was done on time: a word and a colour, never the colour alone. */
export function OnTimeBadge({ late, lateText = 'Late' }: { late: boolean | undefined; lateText?: string }) {
  return (
    <Badge appearance="tint" color={late ? 'danger' : 'success'}>
      {late ? lateText : 'On time'}
    </Badge>
  );
}
