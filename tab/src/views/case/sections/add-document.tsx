import { Button, Checkbox, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { useMemo, useRef, type FormEvent } from 'react';
import type { CaseDetail } from '../../../../../bot/api/contract';
import { documentKinds, type DocumentKind } from '../../../../../shared';
import { useApp } from '../../../app-context';
import { FormDialog, useFormDialog } from '../../../components/form-dialog';
import { FormField } from '../../../components/form-field';
import { FormProblems } from '../../../components/problems';
import { formatSize } from '../../../lib/format';
import { ProblemIndex, type Problem } from '../../../lib/problems';
import { useAction } from '../../../lib/use-action';
import { useCheckedForm } from '../../../lib/use-checked-form';
import { uuid } from '../../../lib/uuid';
import { documentKindLabels } from './documents-labels';

interface Form {
  file: File | null;
  kind: DocumentKind | '';
  description: string;
  sharedWithPanel: boolean;
}

const EMPTY: Form = { file: null, kind: '', description: '', sharedWithPanel: false };
const TYPES_IN_WORDS = 'a PDF, a Word document (.docx), a JPEG or PNG picture, or a plain text file';
const LABELS: Record<string, string> = {
  file: 'File',
  kind: 'Kind of document',
  description: 'Description',
  sharedWithPanel: 'Share with the panel',
};

/** What the browser can check before sending: the same limits the server checks again. */
function check(form: Form, rules: { maxBytes: number; accept: string }): Problem[] {
  const problems: Problem[] = [];
  const { file } = form;
  const endings = rules.accept.split(',').filter(Boolean);
  if (!file) problems.push({ path: 'file', message: 'Choose a file to add.' });
  else if (file.size > rules.maxBytes)
    problems.push({
      path: 'file',
      message: `The file is ${formatSize(file.size)}, bigger than ${Math.round(rules.maxBytes / 1_048_576)} MB. Choose a smaller file, or save it at a lower quality.`,
    });
  else if (file.size === 0)
    problems.push({ path: 'file', message: 'The file is empty. Choose the file again.' });
  else if (endings.length && !endings.some((e) => file.name.toLowerCase().endsWith(e)))
    problems.push({ path: 'file', message: `The file must be ${TYPES_IN_WORDS}.` });
  if (!form.kind) problems.push({ path: 'kind', message: 'Choose what kind of document this is.' });
  if (form.description.length > 500)
    problems.push({ path: 'description', message: 'Keep the description under 500 characters.' });
  return problems;
}

/**
 * Issue 15: "Add a document": a file, its kind and an optional description; officers may share it with the
 * panel. Checked in the browser first, then by the server (the type from the bytes); every problem shows
 * by its field. The upload's id is fixed when the dialog opens, so a retry lands once.
 */
export function AddDocumentDialog({
  detail,
  onAdded,
}: {
  detail: CaseDetail;
  onAdded: (message: string) => Promise<void> | void;
}) {
  const { api, me } = useApp();
  const rules = me.documents;
  const form = useCheckedForm<Form>(EMPTY, (f) => check(f, rules));
  const save = useAction();
  const id = useRef('');
  const dialog = useFormDialog(() => {
    id.current = uuid();
    form.start(EMPTY);
    save.reset();
  });
  const problems = useMemo(() => new ProblemIndex(form.problems), [form.problems]);
  const f = form.form;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = check(f, rules);
    if (found.length || !f.file || !f.kind) return form.found(found);
    const file = f.file;
    const kind = f.kind;
    const sent = await save.run(() =>
      api.addDocument(
        detail.caseId,
        {
          id: id.current,
          kind,
          ...(f.description.trim() ? { description: f.description.trim() } : {}),
          ...(f.sharedWithPanel ? { sharedWithPanel: true } : {}),
        },
        file,
      ),
    );
    if (!sent.ok) {
      if (sent.error?.problems.length) form.refused(sent.error.problems);
      return;
    }
    dialog.setOpen(false);
    await onAdded(`Added: ${sent.value.name}.`);
  };

  return (
    <FormDialog
      state={dialog}
      busy={save.busy}
      busyLabel="Adding..."
      title="Add a document"
      submitLabel="Add the document"
      maxWidth="40rem"
      onSubmit={submit}
      trigger={<Button>Add a document</Button>}
    >
      <FormField
        path="file"
        problems={problems}
        label="File"
        hint={`PDF, Word (.docx), JPEG, PNG or plain text, up to ${Math.round(rules.maxBytes / 1_048_576)} MB.`}
        required
      >
        {(props) => (
          <input
            {...props}
            type="file"
            accept={rules.accept}
            onChange={(e) => form.set({ file: e.target.files?.[0] ?? null })}
          />
        )}
      </FormField>
      <FormField path="kind" problems={problems} label="Kind of document" required>
        <RadioGroup value={f.kind} onChange={(_, d) => form.set({ kind: d.value as DocumentKind })}>
          {documentKinds.map((k) => (
            <Radio key={k} value={k} label={documentKindLabels[k]} />
          ))}
        </RadioGroup>
      </FormField>
      <FormField
        path="description"
        problems={problems}
        label="Description (optional)"
        hint="What it is, in a few words. Everyone who can read the document sees this."
      >
        <Textarea
          value={f.description}
          resize="vertical"
          onChange={(_, d) => form.set({ description: d.value })}
        />
      </FormField>
      {detail.can.shareWithPanel && (
        <FormField
          path="sharedWithPanel"
          problems={problems}
          hint="Diary sheets and impact statements are the officers' unless you share them."
        >
          <Checkbox
            checked={f.sharedWithPanel}
            label="Share with the panel"
            onChange={(_, d) => form.set({ sharedWithPanel: d.checked === true })}
          />
        </FormField>
      )}
      {!detail.can.shareWithPanel && (
        <p>The SPOC and managers can read it, and so can your agency. The panel does not see it.</p>
      )}
      <FormProblems
        error={save.error}
        problems={form.problems}
        failed="The document was not added"
        labelOf={(path) => LABELS[path]}
      />
    </FormDialog>
  );
}
