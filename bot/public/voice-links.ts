/**
 * The victim's link (issue 17): a signed token (HS256, jose) naming one case, for a limited time, sent in
 * the Notify messages. Opening it swaps the token for a session bound to that case (the token then leaves
 * the address bar), so the link answers on that case only, and only until it expires.
 */
import { jwtVerify, SignJWT } from 'jose';

const AUDIENCE = 'asb-victim-voice';
const ISSUER = 'asb-case-review';

export class VoiceLinks {
  private readonly key: Uint8Array;

  constructor(
    private readonly options: { secret: string; days: number; publicUrl: string; now: () => Date },
  ) {
    this.key = new TextEncoder().encode(options.secret);
  }

  get days(): number {
    return this.options.days;
  }

  async link(caseId: string): Promise<string> {
    const now = Math.floor(this.options.now().getTime() / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(caseId)
      .setAudience(AUDIENCE)
      .setIssuer(ISSUER)
      .setIssuedAt(now)
      .setExpirationTime(now + this.options.days * 86_400)
      .sign(this.key);
    return `${this.options.publicUrl.replace(/\/$/, '')}/voice/${token}`;
  }

  /** The case and expiry (ms) the token names, or null when it is not ours, altered or expired. */
  async verify(token: string): Promise<{ caseId: string; until: number } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        audience: AUDIENCE,
        issuer: ISSUER,
        algorithms: ['HS256'],
        currentDate: this.options.now(),
      });
      if (!payload.sub || !payload.exp) return null;
      return { caseId: payload.sub, until: payload.exp * 1000 };
    } catch {
      return null;
    }
  }
}
