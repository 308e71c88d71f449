import { Field, Input, Radio, RadioGroup, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { CaseListItem } from '../../../bot/api/contract';
import { useApp } from '../app-context';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { useCommonStyles } from '../components/styles';
import { asApiError, type ApiRequestError } from '../lib/api-error';
import { statusLabel } from '../lib/labels';

const useStyles = makeStyles({
  form: { maxWidth: '40rem', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/**
 * `/config`: the channel tab's configuration page. The SPOC picks the case; Teams saves the tab with
 * contentUrl `/channel?caseId=...` (pages.config.setValidityState, registerOnSaveHandler).
 */
export default function ConfigView() {
  const { api, host } = useApp();
  const styles = useStyles();
  const common = useCommonStyles();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<CaseListItem[]>([]);
  const [chosen, setChosen] = useState('');
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiRequestError | undefined>();

  useEffect(() => {
    const controller = new AbortController();
    const t = setTimeout(() => {
      setLoading(true);
      api
        .listCases({ status: 'open', ...(q.trim() ? { q: q.trim() } : {}), limit: 20 }, controller.signal)
        .then(
          (page) => {
            setItems(page.items);
            setLoading(false);
            setError(undefined);
          },
          (err: unknown) => {
            if (controller.signal.aborted) return;
            setError(asApiError(err));
            setLoading(false);
          },
        );
    }, 250);
    return () => {
      clearTimeout(t);
      controller.abort();
    };
  }, [api, q]);

  const picked = items.find((c) => c.caseId === chosen);

  const [sdkError, setSdkError] = useState('');
  useEffect(() => {
    const config = host?.sdk.pages.config;
    if (!config) return;
    // Only a configuration frame may call these; elsewhere teams-js throws, which must not break the page.
    try {
      config.setValidityState(!!picked);
      if (!picked) return;
      config.registerOnSaveHandler((save) => {
        const origin = window.location.origin;
        config
          .setConfig({
            entityId: picked.caseId,
            // Issue 16: in a meeting the same tab opens the meeting's own page (side panel, stage, chat tab).
            contentUrl: `${origin}/${host.meetingId ? 'meeting' : 'channel'}?caseId=${encodeURIComponent(picked.caseId)}`,
            websiteUrl: `${origin}/#/cases/${encodeURIComponent(picked.caseId)}`,
            suggestedDisplayName: picked.reference,
          })
          .then(
            () => save.notifySuccess(),
            (err: unknown) =>
              save.notifyFailure(err instanceof Error ? err.message : 'Could not save the tab.'),
          );
      });
      setSdkError('');
    } catch (err) {
      setSdkError(err instanceof Error ? err.message : 'Teams did not accept the configuration.');
    }
  }, [host, picked]);

  return (
    <Page title="Show a case in this channel">
      <div className={styles.form}>
        {!host && (
          <p className={common.muted}>Outside Teams this page only previews the choice; Teams saves it.</p>
        )}
        <Field label="Find the case by reference" hint="For example CT-2026-0007">
          <Input type="search" value={q} maxLength={40} onChange={(_, d) => setQ(d.value)} />
        </Field>
        {loading && <Spinner size="tiny" label="Searching..." labelPosition="after" />}
        <ProblemSummary title="Could not list the cases" message={error?.message} />
        {items.length > 0 ? (
          <Field label="Case">
            <RadioGroup value={chosen} onChange={(_, d) => setChosen(d.value)}>
              {items.map((c) => (
                <Radio
                  key={c.caseId}
                  value={c.caseId}
                  label={`${c.reference}${c.title ? `: ${c.title}` : ''} (${statusLabel(c.status)})`}
                />
              ))}
            </RadioGroup>
          </Field>
        ) : (
          !loading && <p>No open case matches.</p>
        )}
        {sdkError && (
          <p role="alert" className={common.muted}>
            Teams cannot save this tab from here: {sdkError}
          </p>
        )}
        <p role="status" aria-live="polite">
          {picked ? `The tab will show ${picked.reference}. Select Save.` : ''}
        </p>
      </div>
    </Page>
  );
}
