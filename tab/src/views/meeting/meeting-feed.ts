import type { MeetingView } from '../../../../bot/api/contract';
import type { Api } from '../../api/client';
import { asApiError, type ApiRequestError } from '../../lib/api-error';
import { markOnce, meetingMarks } from './marks';

export interface FeedListener<T = MeetingView> {
  view(view: T): void;
  error(error: ApiRequestError): void;
}

/** One connection of a stream: calls `onView` for each event; resolves when it ends, rejects on a refusal. */
export type OpenStream<T> = (onView: (view: T) => void, signal: AbortSignal) => Promise<void>;

/**
 * A view the server streams as it changes (server-sent events: the first at once, then each change any
 * member makes), reconnected after a pause when it drops. A refusal (404; 403) is final; the last view is
 * kept while reconnecting. Plain (no React), so the meeting page can open it while React and the views are
 * still loading (issue 16). The side panel's is a MeetingFeed (below); the stage's is one of these too.
 */
export class LiveFeed<T> {
  private last: { view?: T; error?: ApiRequestError } = {};
  private readonly listeners = new Set<FeedListener<T>>();
  private readonly controller = new AbortController();
  private retry: ReturnType<typeof setTimeout> | undefined;
  private started = false;

  constructor(private readonly open: OpenStream<T>) {}

  start(): this {
    if (this.started) return this;
    this.started = true;
    this.connect();
    return this;
  }

  /** The last view that arrived, if any (the panel's first render shows it at once). */
  get latest(): T | undefined {
    return this.last.view;
  }

  /** Listens from now on, first hearing what already arrived. */
  subscribe(listener: FeedListener<T>): () => void {
    this.listeners.add(listener);
    if (this.last.view) listener.view(this.last.view);
    if (this.last.error) listener.error(this.last.error);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.controller.abort();
    clearTimeout(this.retry);
    this.listeners.clear();
  }

  private connect(): void {
    const { signal } = this.controller;
    this.open((view) => {
      this.last = { view };
      for (const l of this.listeners) l.view(view);
    }, signal).then(
      () => {
        if (!signal.aborted) this.retry = setTimeout(() => this.connect(), 1000);
      },
      (err: unknown) => {
        if (signal.aborted) return;
        const error = asApiError(err);
        this.last = { ...this.last, error };
        for (const l of this.listeners) l.error(error);
        if (error.status !== 404 && error.status !== 403) this.retry = setTimeout(() => this.connect(), 2000);
      },
    );
  }
}

/** A member's side panel as it changes: the case's meeting stream, for this member. */
export class MeetingFeed extends LiveFeed<MeetingView> {
  constructor(
    readonly api: Api,
    readonly caseId: string,
  ) {
    super((onView, signal) =>
      api.meetingStream(
        caseId,
        (view) => {
          markOnce(meetingMarks.firstData);
          onView(view);
        },
        signal,
      ),
    );
  }
}

/** The feed the meeting page opened before React loaded, kept for the side panel to take over. */
let early: MeetingFeed | undefined;

/** Opens the side panel's feed early (the meeting page's bootstrap, once it has a token). */
export function openEarly(api: Api, caseId: string): MeetingFeed {
  early?.close();
  early = new MeetingFeed(api, caseId).start();
  return early;
}

/** Drops the early feed (the sign-in failed, so it would only retry with no token). */
export function dropEarly(): void {
  early?.close();
  early = undefined;
}

/**
 * The view the early feed already holds, if it is for this client and case: the panel renders it at once,
 * so React takes over the page's plain first view (first-view.ts) without a spinner in between.
 */
export function earlyView(api: Api, caseId: string): MeetingView | undefined {
  return early && early.api === api && early.caseId === caseId ? early.latest : undefined;
}

/** The early feed if it is for this client and case (taken once), else a new one, started. */
export function feedFor(api: Api, caseId: string): MeetingFeed {
  if (early && early.api === api && early.caseId === caseId) {
    const feed = early;
    early = undefined;
    return feed;
  }
  return new MeetingFeed(api, caseId).start();
}
