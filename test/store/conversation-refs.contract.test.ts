/**
 * The ConversationRefs contract: what the bot keeps to message someone later, on both adapter sets.
 */
import { storeContract } from './harnesses';

storeContract('ConversationRefs', (t) => {
  it('upserts Teams conversation references', async () => {
    const key = 'user:29:1abcDEF';
    expect(await t.conversations.getConversationRef(key)).toBeNull();
    await t.conversations.putConversationRef(key, {
      conversation: { id: 'a:1' },
      serviceUrl: 'https://smba/',
    });
    t.clock.tick(5000);
    await t.conversations.putConversationRef(key, {
      conversation: { id: 'a:2' },
      serviceUrl: 'https://smba/',
    });
    expect(await t.conversations.getConversationRef(key)).toEqual({
      key,
      ref: { conversation: { id: 'a:2' }, serviceUrl: 'https://smba/' },
      updatedAt: '2026-03-02T10:00:05.000Z',
    });
    const longKey = `channel:19:${'x'.repeat(400)}@thread.tacv2`;
    await t.conversations.putConversationRef(longKey, { id: 'long' });
    expect((await t.conversations.getConversationRef(longKey))?.ref).toEqual({ id: 'long' });
    await t.conversations.deleteConversationRef(key);
    expect(await t.conversations.getConversationRef(key)).toBeNull();
  });
});
