import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isValid as isValidPostcode, toNormalised } from 'postcode';

/**
 * UK phone numbers and postcodes, checked by maintained libraries rather than a regular expression:
 * libphonenumber-js (Google's libphonenumber metadata, full set, so "abc" or a number too short for its
 * area code is refused) and postcode (ideal-postcodes' UK postcode rules). Pure: the tab and the server
 * check with the same code.
 */

/** A phone number a council officer could ring: UK by default, or international with its +code. */
export function isUkPhone(value: string): boolean {
  return isValidPhoneNumber(value, 'GB');
}

/** As people write it: national for +44 numbers (01279 655261; the Channel Islands too), else international. */
export function formatPhone(value: string): string {
  const parsed = parsePhoneNumberFromString(value, 'GB');
  if (!parsed || !parsed.isValid()) return value;
  return parsed.countryCallingCode === '44' ? parsed.formatNational() : parsed.formatInternational();
}

/** The tel: address of a number, for a link a phone (or Teams) can call. */
export function phoneUri(value: string): string | undefined {
  const parsed = parsePhoneNumberFromString(value, 'GB');
  return parsed?.isValid() ? parsed.getURI() : undefined;
}

export function isUkPostcode(value: string): boolean {
  return isValidPostcode(value.trim());
}

/** "sg138eq" as "SG13 8EQ"; unchanged when it is not a postcode. */
export function normalisePostcode(value: string): string {
  return toNormalised(value.trim()) ?? value.trim();
}

export const PHONE_HINT =
  'Enter a UK phone number, such as 01234 567890, or an international one starting +.';
export const POSTCODE_HINT = 'Enter a full UK postcode, such as SG13 8EQ.';
