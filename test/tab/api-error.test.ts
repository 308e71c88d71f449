import {
  ApiRequestError,
  asApiError,
  messageForStatus,
  toApiRequestError,
} from '../../tab/src/lib/api-error';

describe('toApiRequestError', () => {
  it("reads the contract's error body", () => {
    const e = toApiRequestError(400, {
      error: {
        code: 'invalid',
        message: 'Check the application.',
        problems: [
          { path: 'application.receivedOn', message: 'Enter the date.' },
          { message: 'no path' },
          'junk',
        ],
      },
    });
    expect(e).toBeInstanceOf(ApiRequestError);
    expect(e.status).toBe(400);
    expect(e.code).toBe('invalid');
    expect(e.message).toBe('Check the application.');
    expect(e.problems).toEqual([
      { path: 'application.receivedOn', message: 'Enter the date.' },
      { path: '', message: 'no path' },
    ]);
  });

  it('falls back to words for the status when the body says nothing useful', () => {
    const e = toApiRequestError(409, '<html>conflict</html>');
    expect(e.code).toBe('conflict');
    expect(e.message).toBe(messageForStatus(409));
    expect(toApiRequestError(503, undefined).message).toMatch(/server/);
    expect(toApiRequestError(422, { error: { code: 'weird', message: '' } }).code).toBe('invalid');
  });
});

describe('asApiError', () => {
  it('turns a failed fetch into a network error', () => {
    const e = asApiError(new TypeError('Failed to fetch'));
    expect(e.code).toBe('network');
    expect(e.message).toMatch(/reach the server/);
  });

  it("keeps an ApiRequestError as it is and hides other errors' text", () => {
    const original = new ApiRequestError(404, 'not-found', 'There is no case x.');
    expect(asApiError(original)).toBe(original);
    expect(asApiError(new Error('secret detail')).message).not.toMatch(/secret/);
  });
});
