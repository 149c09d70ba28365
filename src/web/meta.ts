/** Workspace facts the pages need everywhere (the currency, the folder's name), fetched once. */
import { createContext, useContext } from 'react';

/** The workspace's currency (ISO code), provided by the app. */
export const CurrencyContext = createContext<string>('EUR');

/** The workspace's currency. */
export function useCurrency(): string {
  return useContext(CurrencyContext);
}

/** The workspace's folder name (as `/api/meta` gives it), for the commands a page tells the user to run; empty until known. */
export const WorkspaceContext = createContext<string>('');

/** The workspace's folder name. */
export function useWorkspace(): string {
  return useContext(WorkspaceContext);
}
