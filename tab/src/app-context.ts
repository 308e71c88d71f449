import { createContext, useContext } from 'react';
import type { Me } from '../../bot/api/contract';
import type { Api } from './api/client';
import { browserCapabilities, type HostCapabilities } from './auth/host';
import type { TeamsHost } from './auth/session';

/** What every view needs: the API client, who is signed in (with the policy and the server's today). */
export interface AppContextValue {
  api: Api;
  me: Me;
  host?: TeamsHost;
}

export const AppContext = createContext<AppContextValue | undefined>(undefined);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp is used outside the signed-in app');
  return value;
}

/** What the signed-in views may offer in the current host (a plain browser when there is none). */
export function useHostCapabilities(): HostCapabilities {
  return useContext(AppContext)?.host?.capabilities ?? browserCapabilities;
}
