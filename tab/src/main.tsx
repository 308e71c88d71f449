import { createRoot } from 'react-dom/client';
import { App } from './app';
import { mightBeInTeams } from './auth/session';
import './styles.css';

// Inside a host, teams-js is fetched while React renders the first frame, not after it (issue 16: the
// meeting's side panel opens within a second).
if (mightBeInTeams()) void import('./auth/teams-sdk');

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
