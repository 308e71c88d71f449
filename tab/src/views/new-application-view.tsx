import { Page } from '../components/page';
import { ApplicationForm } from './application-form';

/** `#/new`: the SPOC records a new application; on success the new case opens. */
export default function NewApplicationView() {
  return (
    <Page title="New application">
      <ApplicationForm />
    </Page>
  );
}
