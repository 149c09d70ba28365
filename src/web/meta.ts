/** Workspace facts the pages need everywhere (the currency), fetched once. */
import { createContext, useContext } from 'react';

/** The workspace's currency (ISO code), provided by the app. */
export const CurrencyContext = createContext<string>('EUR');

/** The workspace's currency. */
export function useCurrency(): string {
  return useContext(CurrencyContext);
}
