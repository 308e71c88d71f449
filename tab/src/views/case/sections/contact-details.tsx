import { Link } from '@fluentui/react-components';
import type { CaseDetail } from '../../../../../bot/api/contract';
import { formatPhone, phoneUri, type Party } from '../../../../../shared';
import { useCommonStyles } from '../../../components/styles';
import { useRecordStyles } from './record-styles';
import { Section } from './section';

/**
 * Issue 15: the victim's and applicant's contact details, read back to the officers (the access policy
 * sends them to no one else), so the SPOC can make the call the CT4 letter promises.
 */
export function ContactDetails({ detail }: { detail: CaseDetail }) {
  const common = useCommonStyles();
  const parties = detail.state.parties;
  const thirdParty = detail.state.application.applicant.relationship === 'third-party';
  if (!parties && !detail.can.remind) return null; // not an officer: nothing to show, nothing to say
  return (
    <Section id="case-contact" title="Contact details">
      {!parties ? (
        <p className={common.muted}>No contact details were recorded with the application.</p>
      ) : (
        <>
          <PartyDetails title="Victim" party={parties.victim} />
          {parties.applicant ? (
            <PartyDetails title="Applicant (third party)" party={parties.applicant} />
          ) : (
            <p className={common.muted}>
              {thirdParty
                ? 'The third party who applied left no contact details.'
                : 'The victim applied themselves.'}
            </p>
          )}
        </>
      )}
    </Section>
  );
}

function PartyDetails({ title, party }: { title: string; party: Party }) {
  const styles = useRecordStyles();
  const tel = party.phone ? phoneUri(party.phone) : undefined;
  return (
    <>
      <h3 className={styles.h3}>{title}</h3>
      <dl className={styles.dl} aria-label={`${title}'s contact details`}>
        <dt className={styles.dt}>Name</dt>
        <dd className={styles.dd}>{party.name}</dd>
        <dt className={styles.dt}>Phone</dt>
        <dd className={styles.dd}>
          {party.phone ? tel ? <Link href={tel}>{formatPhone(party.phone)}</Link> : party.phone : 'Not given'}
        </dd>
        <dt className={styles.dt}>Email</dt>
        <dd className={styles.dd}>
          {party.email ? <Link href={`mailto:${party.email}`}>{party.email}</Link> : 'Not given'}
        </dd>
        <dt className={styles.dt}>Address</dt>
        <dd className={styles.dd}>
          {[party.address, party.postcode].filter(Boolean).join(', ') || 'Not given'}
        </dd>
      </dl>
    </>
  );
}
