import { Link } from '@fluentui/react-components';
import { hrefOf } from '../router';

/** A link to a case from a list (the outbox, the access log): its reference, or "Open the case". */
export function caseLink(caseId: string | undefined, reference?: string) {
  return caseId ? <Link href={hrefOf({ view: 'case', caseId })}>{reference ?? 'Open the case'}</Link> : '';
}
