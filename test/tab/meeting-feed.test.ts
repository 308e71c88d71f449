/**
 * Issue 16: the side panel's feed is opened by the meeting page's bootstrap, before React has loaded, and
 * taken over by the panel when it mounts: what arrived in between is not lost, it is the same request (not
 * a second one), a dropped stream comes back, and a refusal is final.
 */
import type { MeetingView } from '../../bot/api/contract';
import type { Api } from '../../tab/src/api/client';
import { ApiRequestError } from '../../tab/src/lib/api-error';
import { feedFor, openEarly } from '../../tab/src/views/meeting/meeting-feed';

type OnView = (view: MeetingView) => void;

/** An API whose stream the test drives: each call is one connection, ended or refused by the test. */
function fakeApi() {
  const connections: { caseId: string; onView: OnView; end: () => void; fail: (e: Error) => void }[] = [];
  const api = {
    meetingStream: (caseId: string, onView: OnView) =>
      new Promise<void>((resolve, reject) =>
        connections.push({ caseId, onView, end: resolve, fail: reject }),
      ),
  } as unknown as Api;
  return { api, connections };
}

const view = (reference: string) => ({ reference }) as unknown as MeetingView;

describe("the side panel's feed", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('gives the panel the view that arrived before it mounted, on the one stream opened early', () => {
    const { api, connections } = fakeApi();
    openEarly(api, 'case-1');
    expect(connections).toHaveLength(1);
    connections[0]!.onView(view('CT-2026-0001'));

    const feed = feedFor(api, 'case-1');
    const seen: string[] = [];
    feed.subscribe({ view: (v) => seen.push(v.reference), error: () => undefined });
    expect(seen).toEqual(['CT-2026-0001']);
    expect(connections).toHaveLength(1); // no second request
    connections[0]!.onView(view('CT-2026-0001 changed'));
    expect(seen).toEqual(['CT-2026-0001', 'CT-2026-0001 changed']);
    feed.close();
  });

  it('is taken once: another case, or a second panel, opens its own stream', () => {
    const { api, connections } = fakeApi();
    openEarly(api, 'case-1');
    const other = feedFor(api, 'case-2');
    expect(connections.map((c) => c.caseId)).toEqual(['case-1', 'case-2']);
    other.close();
    feedFor(api, 'case-1').close(); // takes the early one
    const again = feedFor(api, 'case-1');
    expect(connections.map((c) => c.caseId)).toEqual(['case-1', 'case-2', 'case-1']);
    again.close();
  });

  it('reconnects when the stream drops, and stops for good when the member is refused', async () => {
    const { api, connections } = fakeApi();
    const feed = feedFor(api, 'case-1');
    const errors: number[] = [];
    feed.subscribe({ view: () => undefined, error: (e) => errors.push(e.status) });
    connections[0]!.end();
    await Promise.resolve();
    jest.advanceTimersByTime(1000);
    expect(connections).toHaveLength(2);
    connections[1]!.fail(new ApiRequestError(404, 'not-found', 'You are not on this panel.'));
    await Promise.resolve();
    await Promise.resolve();
    jest.advanceTimersByTime(10_000);
    expect(errors).toEqual([404]);
    expect(connections).toHaveLength(2);
    feed.close();
  });
});
