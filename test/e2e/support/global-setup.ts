import { ensureBuiltTab } from './built-tab';

/** Once per `npm test`: the browser tests need the built tab; building it here avoids parallel builds. */
export default function globalSetup(): void {
  ensureBuiltTab();
}
