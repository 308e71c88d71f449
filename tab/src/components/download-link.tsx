import { Link, Spinner } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { downloadBlob } from '../api/client';
import type { Action } from '../lib/use-action';

/**
 * A link that downloads a file (with the token, so not a plain href) and says so while it does. One
 * `action` serves a whole list: `id` says which row is downloading, and its error shows under the list.
 */
export function DownloadLink({
  action,
  id,
  name,
  fetch,
  children,
}: {
  action: Action;
  id: string;
  /** The file name to save as. */
  name: string;
  fetch: () => Promise<Blob>;
  children: ReactNode;
}) {
  const busy = action.busyWith === id;
  const download = () => action.run(async () => downloadBlob(await fetch(), name), id);
  return (
    <>
      <Link as="button" type="button" onClick={() => void download()} disabledFocusable={busy}>
        {children}
      </Link>
      {busy && <Spinner size="extra-tiny" label="Downloading" labelPosition="after" />}
    </>
  );
}
