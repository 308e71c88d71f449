import { pageConfig } from './vite-page-config';

/** The SPOC's tab (index.html); the meeting's page is built after it (vite-page-config.ts says why). */
export default pageConfig('index');
