/**
 * The return card's layout, built in code as microsoft/teams.ts builds cards: the same card the JSON
 * template gave through adaptivecards-templating, without evaluating a template's expressions on every
 * return (that evaluation was a sixth of a card return's cost on the server). Pure.
 */
import type { CardJson } from '../ports/messenger';
import { CARD_VERSION } from './expand-card';
import { cardSafe } from './format';

/** One incident on the form: its inputs' ids, what was typed and the problem with it. */
export interface FormIncidentLayout {
  label: string;
  holdsId: string;
  holds: string;
  holdsError: string;
  referenceId: string;
  reference: string;
  referenceError: string;
  reportedOnId: string;
  reportedOn: string;
  reportedOnError: string;
  actionTakenId: string;
  actionTaken: string;
  actionTakenError: string;
}

/** One return received, as the card lists it. */
export interface ReturnLineLayout {
  line: string;
  color: string;
  showAnswers: boolean;
  answers: { name: string; value: string }[];
  showOther: boolean;
  other: string;
}

/** Everything the card shows, worked out by return-card.ts. */
export interface ReturnCardLayout {
  caseId: string;
  requestId: string;
  reference: string;
  agencyName: string;
  dueText: string;
  dueColor: string;
  isForm: boolean;
  submissionId: string;
  formError: string;
  incidents: { label: string }[];
  formIncidents: FormIncidentLayout[];
  otherInformation: string;
  otherInformationError: string;
  awaiting: boolean;
  returns: ReturnLineLayout[];
  canAmend: boolean;
  isSummary: boolean;
  openTitle: string;
  note: string;
  cutText: string;
  openUrl: string;
}

type Json = Record<string, unknown>;

/** A TextBlock; what people typed is shown as typed (markdown links are not made live). */
const text = (t: string, style: Json = {}): Json => ({
  type: 'TextBlock',
  text: cardSafe(t),
  ...style,
  wrap: true,
});
const fieldError = (message: string): Json[] =>
  message
    ? [
        {
          type: 'TextBlock',
          text: cardSafe(message),
          color: 'Attention',
          size: 'Small',
          spacing: 'None',
          wrap: true,
        },
      ]
    : [];

function formIncident(i: FormIncidentLayout, agencyName: string): Json {
  return {
    type: 'Container',
    separator: true,
    items: [
      text(i.label, { weight: 'Bolder' }),
      {
        type: 'Input.ChoiceSet',
        id: i.holdsId,
        label: `Does ${agencyName} hold a record of this incident?`,
        style: 'expanded',
        isRequired: true,
        errorMessage: 'Say whether you hold a record of this incident.',
        value: i.holds,
        choices: [
          { title: 'Yes', value: 'yes' },
          { title: 'No', value: 'no' },
        ],
      },
      ...fieldError(i.holdsError),
      {
        type: 'Input.Text',
        id: i.referenceId,
        label: 'Your reference',
        placeholder: 'e.g. your incident or crime number',
        maxLength: 100,
        value: i.reference,
      },
      ...fieldError(i.referenceError),
      {
        type: 'Input.Date',
        id: i.reportedOnId,
        label: 'Date it was reported to you',
        errorMessage: 'Enter the date it was reported to you.',
        value: i.reportedOn,
      },
      ...fieldError(i.reportedOnError),
      {
        type: 'Input.Text',
        id: i.actionTakenId,
        label: 'Action taken',
        isMultiline: true,
        maxLength: 4000,
        value: i.actionTaken,
      },
      ...fieldError(i.actionTakenError),
    ],
  };
}

function returnLine(r: ReturnLineLayout): Json {
  return {
    type: 'Container',
    items: [
      text(r.line, { color: r.color }),
      ...(r.showAnswers
        ? [
            {
              type: 'FactSet',
              facts: r.answers.map((a) => ({ title: cardSafe(a.name), value: cardSafe(a.value) })),
            },
          ]
        : []),
      ...(r.showOther ? [text(`Other information: ${r.other}`)] : []),
    ],
  };
}

/** An Action.Execute with the Action.Submit fallback older Teams clients need. */
function execute(title: string, verb: string, data: Record<string, string>, extra: Json = {}): Json {
  return {
    type: 'Action.Execute',
    title,
    verb,
    ...extra,
    data,
    fallback: { type: 'Action.Submit', title, data: { verb, ...data } },
  };
}

export function returnCardLayout(d: ReturnCardLayout): CardJson {
  const target = { caseId: d.caseId, requestId: d.requestId };
  const body: Json[] = [
    text(`Agency return for ${d.reference}`, { size: 'Small', isSubtle: true }),
    text(`${d.agencyName}: incident information`, { size: 'Medium', weight: 'Bolder' }),
    text(d.dueText, { color: d.dueColor, spacing: 'None' }),
  ];
  if (d.isForm)
    body.push(
      text(
        `For each incident, say whether ${d.agencyName} holds a record of it. If you do, give your reference, the date it was reported to you and the action you took.`,
      ),
    );
  if (d.formError) body.push(text(d.formError, { color: 'Attention', weight: 'Bolder' }));
  if (!d.isForm)
    body.push({
      type: 'Container',
      items: [
        text('Incidents to confirm', { weight: 'Bolder' }),
        ...d.incidents.map((i) => text(`- ${i.label}`, { spacing: 'None' })),
      ],
    });
  if (d.isForm) {
    body.push(...d.formIncidents.map((i) => formIncident(i, d.agencyName)));
    body.push({
      type: 'Container',
      separator: true,
      items: [
        {
          type: 'Input.Text',
          id: 'otherInformation',
          label: 'Any other relevant information',
          isMultiline: true,
          maxLength: 20000,
          value: d.otherInformation,
        },
        ...fieldError(d.otherInformationError),
      ],
    });
  }
  if (d.returns.length > 0)
    body.push({
      type: 'Container',
      separator: true,
      items: [text('Returns received', { weight: 'Bolder' }), ...d.returns.map(returnLine)],
    });
  if (d.cutText) body.push(text(d.cutText, { weight: 'Bolder' }));
  if (d.cutText && d.openUrl)
    body.push({
      type: 'ActionSet',
      actions: [{ type: 'Action.OpenUrl', title: 'Open in the tab', url: d.openUrl }],
    });
  if (d.awaiting) body.push(text(`Awaiting the return from ${d.agencyName}.`, { isSubtle: true }));
  if (d.isSummary && d.note) body.push(text(d.note, { size: 'Small', isSubtle: true }));

  const actions: Json[] = [];
  if (d.isSummary) actions.push(execute(d.openTitle, 'refreshReturn', target));
  if (d.isForm)
    actions.push(
      execute(
        'Send the return',
        'submitReturn',
        { ...target, submissionId: d.submissionId },
        { style: 'positive', associatedInputs: 'auto' },
      ),
    );
  if (d.canAmend) actions.push(execute('Correct the return', 'editReturn', target));
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    actions,
  } as CardJson;
}
