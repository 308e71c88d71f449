import { Button, Field, Radio, RadioGroup, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import type { Api } from '../api/client';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { useAction } from '../lib/use-action';
import { useLoad } from '../lib/use-load';

const roleWords: Record<string, string> = {
  spoc: 'single point of contact',
  agency: 'agency member',
  panel: 'panel',
  manager: 'manager',
};

const useStyles = makeStyles({
  form: { maxWidth: '36rem', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  note: { color: tokens.colorNeutralForeground3 },
});

/**
 * Local mode's sign-in: pick one of the configured people. It exists only when the server runs in local
 * mode (GET /api/local/people); in Microsoft 365 mode the tab signs in through Teams.
 */
export function SignInPage({ api, onSignedIn }: { api: Api; onSignedIn: (token: string) => Promise<void> }) {
  const styles = useStyles();
  const load = useLoad(() => api.people(), [api]);
  const people = load.data;
  const [chosen, setChosen] = useState('');
  const signIn = useAction();
  const busy = signIn.busy;
  const error = signIn.error ?? load.error;

  // The SPOC is chosen for you at first (the person most likely testing), else the first person.
  useEffect(() => {
    if (people)
      setChosen((c) => c || people.find((p) => p.roles.includes('spoc'))?.id || people[0]?.id || '');
  }, [people]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    await signIn.run(async () => onSignedIn(await api.signIn(chosen)));
  };

  return (
    <Page title="Sign in (local mode)">
      <form className={styles.form} onSubmit={submit}>
        <p className={styles.note}>
          This copy of ASB Case Review runs in local mode, for testing on this computer. Choose who you are.
        </p>
        {!people && !error && <Spinner label="Loading the people..." />}
        {people && (
          <Field label="Sign in as" required>
            <RadioGroup value={chosen} onChange={(_, d) => setChosen(d.value)}>
              {people.map((p) => (
                <Radio
                  key={p.id}
                  value={p.id}
                  label={`${p.name} (${p.roles.map((r) => roleWords[r] ?? r).join(', ')})`}
                />
              ))}
            </RadioGroup>
          </Field>
        )}
        <div>
          <Button appearance="primary" type="submit" disabled={!chosen} disabledFocusable={busy}>
            {busy ? 'Signing in...' : 'Sign in'}
          </Button>
        </div>
        {busy && <Spinner size="tiny" label="Signing in..." />}
        <ProblemSummary message={error?.message} problems={error?.problems} />
      </form>
    </Page>
  );
}
