import { pageConfig } from './vite-page-config.mjs';

/** The SPOC's tab (index.html); the meeting's page is built after it (vite-page-config.mts says why). */
export default pageConfig('index');
