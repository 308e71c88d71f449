import { createHash } from 'node:crypto';

/**
 * A UUID derived from its parts (a SHA-256 hash shaped as an RFC 9562 version 8 UUID), so the same request
 * retried gives the same event, letter, file and booking ids, and nothing is recorded twice.
 */
export function stableUuid(...parts: string[]): string {
  const hex = createHash('sha256')
    .update(parts.map((p) => `${p.length}:${p}`).join('|'))
    .digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
