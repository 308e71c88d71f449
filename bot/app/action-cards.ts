/**
 * The action card's use cases (issue 15), one per verb of the card (bot/cards/action-card.ts): each
 * person's own view (`view`), the form again (`edit`) and saving an update (`save`), and the card a
 * reminder posts (`reminderCard`). The Teams adapter routes each verb here with its data parsed
 * (bot/adapters/teams/card-actions.ts).
 *
 * Who gets what: the owning agency's members and the officers get the action and the form; anyone else,
 * another agency on the case included, gets the bare "no longer exists" (an agency never reads another
 * agency's actions in a card). A save reads its case once and appends once through the same
 * `CaseService.recordEvent` the tab's "Update" uses; its event id derives from the card's submission, so
 * Teams delivering the invoke twice records it once.
 */
import { randomUUID } from 'node:crypto';
import {
  agencyName,
  londonDate,
  TransitionError,
  workingDaysBetween,
  type ActionItem,
  type CaseState,
  type Policy,
} from '../../shared';
import type { Person } from '../api/contract';
import {
  actionCard,
  parseActionSubmission,
  type ActionCardState,
  type ActionCardTarget,
  type ActionFormValues,
  type ActionSave,
  type ActionView,
} from '../cards/action-card';
import type { ReminderKind } from '../cards/reminder-cards';
import type { CardJson, Messenger } from '../ports/messenger';
import type { CaseRecord } from '../store/case-log';
import type { CaseLinks } from './case-links';
import type { CaseService, LoadedCase } from './case-service';
import type { Directory } from './directory';
import { ForbiddenError, InvalidInputError } from './errors';
import type { CardActionResult } from './return-cards';
import { agencyCardViewers } from './card-viewers';
import { stableUuid } from './stable-uuid';
import { capitalise } from '../letters/format';

export const NO_SUCH_ACTION = 'This action no longer exists.';

export interface ActionCardsDeps {
  service: CaseService;
  directory: Directory;
  policy: Policy;
  messenger: Pick<Messenger, 'teamsUserIds'>;
  links?: CaseLinks;
}

interface Opened {
  loaded: LoadedCase;
  action: ActionItem;
  view: ActionView;
  userIds: Promise<string[]>;
}

export class ActionCards {
  constructor(private readonly deps: ActionCardsDeps) {}

  /** `refreshAction`: the form while the action is open, else where it stands. */
  async view(target: ActionCardTarget, by: Person): Promise<CardActionResult> {
    const opened = await this.open(target, by);
    if (!opened) return { message: NO_SUCH_ACTION };
    const closed = this.closedCase(opened);
    if (closed) return this.card(opened, { mode: 'detail', canEdit: false, note: closed });
    const open = opened.action.status === 'open' || opened.action.status === 'in-progress';
    return open ? this.form(opened) : this.card(opened, { mode: 'detail', canEdit: true });
  }

  /** `editAction`: the form again, after a save or on a finished action. */
  async edit(target: ActionCardTarget, by: Person): Promise<CardActionResult> {
    const opened = await this.open(target, by);
    if (!opened) return { message: NO_SUCH_ACTION };
    const closed = this.closedCase(opened);
    if (closed) return this.card(opened, { mode: 'detail', canEdit: false, note: closed });
    return this.form(opened);
  }

  /**
   * `saveAction`: records `action-updated` from the form. `fallbackKey` (the invoke's) names the save
   * when the card carried no submission id, so the same invoke delivered twice records once.
   */
  async save(data: ActionSave, by: Person, fallbackKey = ''): Promise<CardActionResult> {
    const opened = await this.open(data, by, { forAppend: true });
    if (!opened) return { message: NO_SUCH_ACTION };
    const { loaded, view } = opened;
    const submissionId = data.submissionId ?? fallbackKey;
    if (!submissionId)
      return this.form(opened, {}, { formError: 'This card is out of date; open it again and save again.' });
    const eventId = stableUuid('action-updated', data.caseId, data.actionId, submissionId);
    // The same invoke delivered again: already recorded, so answer with where the action stands.
    if (loaded.record.events.some((e) => e.id === eventId)) return this.card(opened, saved);
    const closed = this.closedCase(opened);
    if (closed) return this.card(opened, { mode: 'detail', canEdit: false, note: closed });
    const parsed = parseActionSubmission(view, data);
    if (!parsed.ok)
      return this.form(opened, parsed.values, {
        submissionId,
        errors: parsed.errors,
        formError: 'Nothing was saved. Check the answers marked below.',
      });
    let after: CaseState;
    try {
      ({ state: after } = await this.deps.service.recordEvent(
        data.caseId,
        { id: eventId, type: 'action-updated', payload: parsed.payload },
        by,
        { loaded },
      ));
    } catch (err) {
      const refused = refusal(err);
      if (!refused) throw err;
      return this.form(opened, parsed.values, {
        submissionId,
        formError: `Nothing was saved. ${refused.field ? 'Check the answers marked below.' : refused.message}`,
        ...(refused.field ? { errors: { [refused.field]: refused.message } } : {}),
      });
    }
    // The card answered comes from the state after the append, and the update just made: no second read.
    const action = after.actions.find((a) => a.id === data.actionId)!;
    const answered: ActionView = {
      ...this.cardView(data.caseId, loaded.record, action),
      lastUpdate: {
        byName: this.deps.directory.nameOf(by.id),
        on: this.deps.service.today(),
        ...(parsed.payload.note ? { note: parsed.payload.note } : {}),
      },
    };
    return { card: actionCard(answered, saved, await opened.userIds) };
  }

  /**
   * The card a reminder posts about an action: what the reminder says, a button that gives each person
   * their own view, and `refresh` for the owning agency's members and the SPOC. In the case channel
   * (`private: false`) it does not name the action.
   */
  async reminderCard(
    caseId: string,
    record: CaseRecord,
    state: CaseState,
    actionId: string,
    kind: ReminderKind,
    options: { private: boolean },
  ): Promise<CardJson | undefined> {
    const action = state.actions.find((a) => a.id === actionId);
    if (!action) return undefined;
    const view = this.cardView(caseId, record, action);
    return actionCard(
      view,
      { mode: 'summary', kind, private: options.private },
      await this.refreshUserIds(state, action),
    );
  }

  /** One action as its card shows it; the last update from the case's log (who, the day, the note). */
  cardView(caseId: string, record: CaseRecord, action: ActionItem): ActionView {
    const today = this.deps.service.today();
    const last = [...record.events]
      .reverse()
      .find(
        (e) => e.type === 'action-updated' && (e.payload as { actionId?: string }).actionId === action.id,
      );
    const note = last ? (last.payload as { note?: string }).note : undefined;
    const reference = record.projection.reference;
    const url = this.deps.links?.teams(caseId, `ASB case review ${reference}`);
    return {
      caseId,
      reference,
      actionId: action.id,
      description: action.description,
      agencyName: agencyName(this.deps.policy, action.ownerAgency),
      ...(action.ownerPerson ? { ownerPerson: action.ownerPerson } : {}),
      dueOn: action.dueOn,
      today,
      workingDaysLeft: workingDaysBetween(today, action.dueOn),
      status: action.status,
      ...(last
        ? {
            lastUpdate: {
              byName: this.deps.directory.nameOf(last.actor),
              on: londonDate(last.at),
              ...(note ? { note } : {}),
            },
          }
        : {}),
      ...(url ? { url } : {}),
    };
  }

  /**
   * The case read once, and the action; undefined when there is none or the person may not update it:
   * only the owning agency's members and the officers learn anything from the card.
   */
  private async open(
    target: ActionCardTarget,
    by: Person,
    options: { forAppend?: boolean } = {},
  ): Promise<Opened | undefined> {
    const loaded = await this.deps.service.load(target.caseId, options).catch(() => null);
    const action = loaded?.state.actions.find((a) => a.id === target.actionId);
    const access = loaded ? this.deps.service.access(by, loaded.state) : null;
    if (!loaded || !action || !access) return undefined;
    if (!access.officer && access.agencyId !== action.ownerAgency) return undefined;
    return {
      loaded,
      action,
      view: this.cardView(target.caseId, loaded.record, action),
      userIds: this.refreshUserIds(loaded.state, action),
    };
  }

  private closedCase(opened: Opened): string | undefined {
    return opened.loaded.state.status === 'closed'
      ? 'The case is closed, so its actions can no longer be updated.'
      : undefined;
  }

  private async card(opened: Opened, state: ActionCardState): Promise<CardActionResult> {
    return { card: actionCard(opened.view, state, await opened.userIds) };
  }

  private form(
    opened: Opened,
    values: ActionFormValues = {},
    extra: Partial<Extract<ActionCardState, { mode: 'form' }>> = {},
  ): Promise<CardActionResult> {
    return this.card(opened, { mode: 'form', submissionId: randomUUID(), values, ...extra });
  }

  /** Who gets their own view: the agency's members in Teams and the case's SPOC (card-viewers.ts). */
  private refreshUserIds(state: CaseState, action: ActionItem): Promise<string[]> {
    return agencyCardViewers(this.deps, action.ownerAgency, state.spoc);
  }
}

const saved: ActionCardState = { mode: 'detail', canEdit: true };

/** A refusal to show in the card: beside its field when it names one the form has, else at the top. */
function refusal(err: unknown): { field?: 'status' | 'note' | 'dueOn'; message: string } | undefined {
  const inForm = (f: string | undefined) =>
    f === 'status' || f === 'note' || f === 'dueOn' ? (f as 'status' | 'note' | 'dueOn') : undefined;
  if (err instanceof TransitionError) {
    const field = inForm(err.field);
    const message = err.reason.replace(/^[\w.[\]]+: /, '');
    return field ? { field, message: capitalise(message) } : { message: capitalise(message) };
  }
  if (err instanceof InvalidInputError) {
    const p = err.problems.find((x) => inForm(x.path.replace(/^payload\./, '')));
    const field = p ? inForm(p.path.replace(/^payload\./, '')) : undefined;
    return field ? { field, message: p!.message } : { message: err.message };
  }
  if (err instanceof ForbiddenError) return { message: err.message };
  return undefined;
}
