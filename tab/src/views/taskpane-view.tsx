import { Page } from '../components/page';

/**
 * `/taskpane`: the Outlook task pane that records the open email as an application. A placeholder: the
 * Outlook part (Office.js, nested app authentication) fills in ApplicationForm's `initial` from the email.
 */
export default function TaskpaneView() {
  return (
    <Page title="Record this email as an application">
      <p>Open this pane from an email in Outlook to record it as an ASB case review application.</p>
    </Page>
  );
}
