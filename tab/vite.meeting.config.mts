import { pageConfig } from './vite-page-config.mjs';

/** The meeting's page (meeting.html), built after the workspace's (vite-page-config.mts says why). */
export default pageConfig('meeting');
