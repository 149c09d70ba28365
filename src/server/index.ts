/**
 * The HTTP server: a Hono app over one analysed workspace (read-only), the access-token rule,
 * and the reads the API and the report share.
 */
export { createApp, type AppOptions, type WorthApp } from './createApp.ts';
export { startServer, type ServeOptions, type RunningServer } from './startServer.ts';
export { isLoopback, resolveToken } from './access.ts';
export { HttpError } from './httpError.ts';
export { WorkspaceReader, type WhalePoint } from './workspaceReader.ts';
export type { CustomerDetail } from './customerDetail.ts';
export type { CustomerPage, CustomerRow } from './customerTable.ts';
export { CUSTOMER_SORTS, type CustomerSort, type CustomersQuery } from './params.ts';
