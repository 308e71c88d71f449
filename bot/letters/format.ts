import {
  dayOfWeek,
  dateInWords,
  describeWindow,
  weekdayNames as weekdays,
  type Clock,
  type IsoDate,
} from '../../shared';
import { londonWallTime } from '../../shared/panel';

/** 2 March 2026: the form UK letters use, the same on every host (no locale data involved). */
export function longDate(date: IsoDate): string {
  return dateInWords(date);
}

/** Tuesday 14 April 2026 */
export function dayAndDate(date: IsoDate): string {
  return `${weekdays[dayOfWeek(date)]} ${longDate(date)}`;
}

/** 10:30 to 12:00 (UK time): meeting times in letters are what London's clocks show. */
export function londonTimeRange(start: string, end: string): string {
  return `${londonWallTime(start).time} to ${londonWallTime(end).time}`;
}

/** "3 working days", "28 days": a policy clock in words. */
export function clockWords(clock: Pick<Clock, 'amount' | 'unit'>): string {
  return describeWindow({ amount: clock.amount, unit: clock.unit });
}

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

export function countWord(n: number): string {
  return numberWords[n] ?? String(n);
}

/** First letter upper case, for a value that starts a sentence. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
