import type { OfficeLike } from './read-email';

/**
 * Office.js for the task pane, loaded from Microsoft's CDN with a script tag only when the page is the
 * Outlook add-in (it is not an npm module, and a plain browser has no use for it). Loaded once per page:
 * the sign-in and the pane share the same promise.
 */

export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** The parts of Office.js beyond reading the item that the pane uses. */
export type OutlookOffice = OfficeLike & {
  context: OfficeLike['context'] & { ui?: { openBrowserWindow?: (url: string) => void } };
};

interface OfficeGlobal {
  onReady(): Promise<{ host: string | null; platform: string | null }>;
}

let loading: Promise<OutlookOffice | undefined> | undefined;

function timeout<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

function addScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('Office.js could not be loaded'));
    document.head.appendChild(script);
  });
}

/**
 * Office once it is ready, when the host is Outlook; undefined in a plain browser (Office.js then reports
 * no host) or when Office.js cannot be loaded within `timeoutMs`.
 */
export function loadOffice(timeoutMs = 15_000): Promise<OutlookOffice | undefined> {
  loading ??= (async () => {
    const win = window as Window & { Office?: OfficeGlobal };
    if (!win.Office) {
      // Office.js removes history.pushState/replaceState (for old Outlook webviews); the tab's router uses them.
      const { pushState, replaceState } = window.history;
      try {
        await Promise.race([
          addScript(OFFICE_JS_URL),
          timeout(timeoutMs, undefined).then(() => {
            throw new Error('Office.js took too long to load');
          }),
        ]);
      } catch {
        return undefined;
      } finally {
        window.history.pushState ??= pushState;
        window.history.replaceState ??= replaceState;
      }
    }
    const office = win.Office;
    if (!office) return undefined;
    const info = await Promise.race([office.onReady(), timeout(timeoutMs, undefined)]);
    return info?.host === 'Outlook' ? (office as unknown as OutlookOffice) : undefined;
  })();
  return loading;
}
