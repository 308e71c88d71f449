export {
  addWorkingDays,
  calendarCoverage,
  CalendarRangeError,
  createCalendar,
  isWorkingDay,
  workingDaysBetween,
  type WorkingDayCalendar,
} from './working-days';
export { bankHolidays, coverageOf, type BankHolidayEvent, type CalendarCoverage } from './bank-holidays';
