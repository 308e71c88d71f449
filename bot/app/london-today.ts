import { londonDate, type IsoDate } from '../../shared';

/**
 * Today's date in London from a clock, worked out once a minute: every instant of one UTC minute has the
 * same London date (the offset is always whole hours), and formatting a date in a zone costs more than a
 * request's other arithmetic.
 */
export function londonToday(now: () => Date): () => IsoDate {
  let minute = NaN;
  let today = '';
  return () => {
    const m = Math.floor(now().getTime() / 60_000);
    if (m !== minute) {
      today = londonDate(new Date(m * 60_000));
      minute = m;
    }
    return today;
  };
}
