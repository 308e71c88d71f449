/**
 * The bot's activity handler: keeps conversation references on installation and first contact, answers
 * commands in personal chat, and handles the return cards' Universal Actions (`adaptiveCard/action`
 * invokes, and the Action.Submit fallback of older clients). All decisions are the app layer's
 * (bot/app); this class only translates activities.
 */
import { createHash } from 'node:crypto';
import {
  CardFactory,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { Person } from '../../api/contract';
import { answerCommand, parseCommand, type CommandDeps } from '../../app/bot-commands';
import type { Directory } from '../../app/directory';
import type { CardActionResult } from '../../app/return-cards';
import type { ConversationRefs } from '../../store/conversation-refs';
import { runCardAction, type CardActionRoutes } from './card-actions';
import { forgetConversation, rememberConversation } from './conversation-refs';

export interface TeamsBotDeps {
  conversations: ConversationRefs;
  directory: Directory;
  /** The card verbs this bot answers (card-actions.ts). */
  cardActions: CardActionRoutes;
  commands: CommandDeps;
  log: (message: string) => void;
}

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';
const ERROR = 'application/vnd.microsoft.error';

const notInDirectory =
  'You are not set up in the ASB Case Review directory; ask your administrator to add you.';

export class AsbTeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();

    this.onInstallationUpdate(async (context, next) => {
      if (context.activity.action?.startsWith('remove'))
        await forgetConversation(deps.conversations, context.activity);
      else await this.remember(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      await this.remember(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.remember(context);
      const value = context.activity.value as Record<string, unknown> | undefined;
      if (value && typeof value.verb === 'string') await this.onSubmitFallback(context, value);
      else await this.answer(context);
      await next();
    });
  }

  /** Action.Execute on a card: the invoke's answer replaces the card for the person who acted. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return this.answerCardAction(context.activity, invokeValue.action);
  }

  /**
   * The answer to a card's Action.Execute, from the activity alone: the bot endpoint calls this directly
   * for `adaptiveCard/action` invokes once botbuilder's authentication has passed (bot-endpoint.ts), so a
   * return costs no turn context, middleware run or connector client it would not use.
   */
  async answerCardAction(
    activity: Partial<Activity>,
    action: { verb?: string; data?: unknown },
  ): Promise<AdaptiveCardInvokeResponse> {
    const person = this.personOf(activity);
    if (!person) return { statusCode: 200, type: MESSAGE, value: notInDirectory as never };
    try {
      const result = await runCardAction(
        this.deps.cardActions,
        String(action.verb ?? ''),
        action.data ?? {},
        person,
        () => this.invokeKey(activity),
      );
      return 'card' in result
        ? { statusCode: 200, type: CARD, value: result.card }
        : { statusCode: 200, type: MESSAGE, value: result.message as never };
    } catch (err) {
      this.deps.log(
        `card action ${String(action.verb)} failed: ${(err as Error).name}: ${(err as Error).message}`,
      );
      return {
        statusCode: 500,
        type: ERROR,
        value: { code: 'internal', message: 'Something went wrong; nothing was half-saved. Try again.' },
      };
    }
  }

  /** Older clients send the card's Action.Submit fallback as a message; the card is replaced in place. */
  private async onSubmitFallback(context: TurnContext, value: Record<string, unknown>): Promise<void> {
    const person = this.personOf(context.activity);
    if (!person) return void (await context.sendActivity(notInDirectory));
    const result: CardActionResult = await runCardAction(
      this.deps.cardActions,
      String(value.verb),
      value,
      person,
      () => this.invokeKey(context.activity),
    );
    if ('message' in result) return void (await context.sendActivity(result.message));
    const attachment = CardFactory.adaptiveCard(result.card);
    if (context.activity.replyToId)
      await context.updateActivity({
        type: 'message',
        id: context.activity.replyToId,
        attachments: [attachment],
      });
    else await context.sendActivity({ attachments: [attachment] });
  }

  private async answer(context: TurnContext): Promise<void> {
    const text = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '';
    const person = this.personOf(context.activity);
    if (!person) return void (await context.sendActivity(notInDirectory));
    const reply = await answerCommand(parseCommand(text), person, this.deps.commands);
    await context.sendActivity(
      'card' in reply ? { attachments: [CardFactory.adaptiveCard(reply.card)] } : reply.text,
    );
  }

  /**
   * Who is acting: their Entra object id and tenant, which Teams gives on every activity (`from.aadObjectId`,
   * `channelData.tenant.id`, also `conversation.tenantId`). Never their name or email.
   */
  private personOf(a: Partial<Activity>): Person | undefined {
    const aadObjectId = a.from?.aadObjectId;
    const tenantId =
      (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation?.tenantId;
    return aadObjectId && tenantId ? this.deps.directory.find({ aadObjectId, tenantId }) : undefined;
  }

  /** Names a submission when its card carried no id: the same invoke delivered twice gives the same key. */
  private invokeKey(a: Partial<Activity>): string {
    return createHash('sha256')
      .update(`${a.id ?? ''}|${a.replyToId ?? ''}|${a.from?.aadObjectId ?? a.from?.id ?? ''}`)
      .digest('hex')
      .slice(0, 32);
  }

  private async remember(context: TurnContext): Promise<void> {
    await rememberConversation(this.deps.conversations, context.activity);
  }
}
