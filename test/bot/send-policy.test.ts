import { SendPolicy, statusOf } from '../../bot/adapters/teams/send-policy';
import { ThrottledError } from '../../bot/ports/messenger';

const httpError = (statusCode: number, retryAfter?: string) =>
  Object.assign(new Error(`status ${statusCode}`), {
    statusCode,
    response: { headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } },
  });

function policy(options: { retries?: number } = {}) {
  const sleeps: number[] = [];
  let clock = 0;
  const p = new SendPolicy({
    ratePerSecond: 40,
    retries: options.retries ?? 4,
    baseDelayMs: 500,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 0.5, // no jitter in tests: the delay is the step itself
    now: () => clock,
  });
  return { p, sleeps };
}

describe('the send policy', () => {
  it('retries 429, 412, 502 and 504 with growing backoff, then succeeds', async () => {
    for (const status of [429, 412, 502, 504]) {
      const { p, sleeps } = policy();
      let calls = 0;
      const result = await p.run(async () => {
        calls++;
        if (calls < 3) throw httpError(status);
        return 'ok';
      });
      expect(result).toBe('ok');
      expect(sleeps.filter((ms) => ms >= 500)).toEqual([500, 1000]);
    }
  });

  it('honours Retry-After', async () => {
    const { p, sleeps } = policy();
    let calls = 0;
    await p.run(async () => {
      if (++calls === 1) throw httpError(429, '7');
      return 'ok';
    });
    expect(sleeps).toContain(7000);
  });

  it('does not retry other failures', async () => {
    const { p } = policy();
    let calls = 0;
    await expect(
      p.run(async () => {
        calls++;
        throw httpError(403);
      }),
    ).rejects.toThrow('status 403');
    expect(calls).toBe(1);
  });

  it('tells the caller to pause when 429 outlasts the retries', async () => {
    const { p } = policy({ retries: 2 });
    await expect(p.run(async () => Promise.reject(httpError(429)))).rejects.toBeInstanceOf(ThrottledError);
    expect(p.stats.throttled).toBe(3);
  });

  it('spaces calls to stay under the rate (40 a second: 25 ms apart)', async () => {
    const { p, sleeps } = policy();
    await Promise.all(Array.from({ length: 5 }, () => p.run(async () => 'ok')));
    // The fake clock moves as each waits: the five calls land at 0, 25, 50, 75 and 100 ms.
    expect(sleeps).toEqual([25, 25, 25, 25]);
  });

  it('reads the status of botbuilder and fetch errors', () => {
    expect(statusOf(httpError(429))).toBe(429);
    expect(statusOf({ status: 404 })).toBe(404);
    expect(statusOf(new Error('x'))).toBeUndefined();
  });
});
