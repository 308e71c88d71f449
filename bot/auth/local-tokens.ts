import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/**
 * Local mode's sign-in: the tab picks a configured person and gets a short-lived token signed with a key
 * made at start-up. It proves nothing about who is at the keyboard, which is why it exists only in local mode.
 */
export class LocalTokens {
  private readonly key = randomBytes(32);

  async issue(personId: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(personId)
      .setIssuer('asb-case-review-local')
      .setIssuedAt()
      .setExpirationTime('12h')
      .sign(this.key);
  }

  /** The person id, or undefined for a token this process did not issue or that has expired. */
  async verify(token: string): Promise<string | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: 'asb-case-review-local',
        algorithms: ['HS256'],
      });
      return payload.sub;
    } catch {
      return undefined;
    }
  }
}
