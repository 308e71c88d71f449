import { pageConfig } from './vite-page-config';

/** The meeting's page (meeting.html), built after the workspace's (vite-page-config.ts says why). */
export default pageConfig('meeting');
