import { Page } from '../components/page';

/**
 * `/return`: where a partner agency answers a request for information (the link in the request email).
 * A placeholder: the agency return form is being built separately.
 */
export default function ReturnView() {
  const params = new URLSearchParams(window.location.search);
  const requestId = params.get('requestId');
  return (
    <Page title="Agency return">
      <p>
        This page is where a partner agency returns what it holds about the incidents in a case review
        {requestId ? ' for the request in your email' : ''}. It is not ready yet: reply to the request email
        instead.
      </p>
    </Page>
  );
}
