/**
 * What every public page needs: the Nunjucks environment over this app's views and govuk-frontend's macros,
 * the translator for the session's language, the council's policy and today's date in London. The pages
 * (apply, incidents, check, voice) and the doors render through it.
 */
import { join } from 'node:path';
import type { Request, Response } from 'express';
import nunjucks from 'nunjucks';
import { londonDate, type Policy } from '../../shared';
import { publicAssets, sendHtml, type PublicAssets } from './assets';
import type { Draft, FieldError } from './draft';
import type { Lang, Messages, Translate } from './i18n';
import type { PublicSession } from './sessions';

/** A form's posted fields, or the values a page shows again. */
export type Values = Record<string, unknown>;

export interface PageContext {
  title: string;
  errors?: FieldError[];
  values?: Values;
  backHref?: string;
  action?: string;
  [key: string]: unknown;
}

declare module 'express-serve-static-core' {
  interface Locals {
    publicSession?: PublicSession;
    nonce?: string;
  }
}

export class PageKit {
  readonly assets: PublicAssets;
  private readonly env: nunjucks.Environment;

  constructor(readonly deps: { policy: Policy; messages: Messages; now: () => Date }) {
    this.assets = publicAssets();
    const govuk = join(require.resolve('govuk-frontend/package.json'), '../dist');
    this.env = nunjucks.configure([join(__dirname, 'views'), govuk], {
      autoescape: true,
      throwOnUndefined: false,
    });
  }

  get policy(): Policy {
    return this.deps.policy;
  }

  t(res: Response): Translate {
    return this.deps.messages.translator(res.locals.publicSession?.lang ?? 'en');
  }

  page(req: Request, res: Response, view: string, ctx: PageContext, status = 200): void {
    const session = res.locals.publicSession;
    const lang: Lang = session?.lang ?? 'en';
    const { messages } = this.deps;
    const t = messages.translator(lang);
    const errors = ctx.errors ?? [];
    const path = req.path;
    const languageItems = messages.languages.map((l) => ({
      text: messages.translator(l)('language.name'),
      lang: l,
      ...(l === lang ? { current: true } : { href: `${path}?lang=${l}` }),
    }));
    const html = this.env.render(`${view}.njk`, {
      ...ctx,
      t,
      lang,
      council: this.deps.policy.council,
      serviceUrl: '/apply',
      csrf: session?.csrf ?? '',
      assets: this.assets,
      cspNonce: res.locals.nonce,
      languageItems,
      values: ctx.values ?? {},
      errorList: errors.map((e) => ({ text: t(e.key, e.params), href: `#${e.field}` })),
      fe: Object.fromEntries(errors.map((e) => [e.field, { text: t(e.key, e.params) }])),
      action: ctx.action ?? path,
    });
    sendHtml(req, res, status, html);
  }

  /** A page of a title and a paragraph, both named by their message keys (`<key>.title`, `<key>.body`). */
  message(req: Request, res: Response, key: string, status: number): void {
    const t = this.t(res);
    this.page(req, res, 'message', { title: t(`${key}.title`), body: [t(`${key}.body`)] }, status);
  }

  /** The session's answers so far (the doors have loaded the session before any page runs). */
  draft(res: Response): Draft {
    return res.locals.publicSession!.draft;
  }

  today(): string {
    return londonDate(this.deps.now());
  }
}
