/**
 * The dashboard. The browser code starts at main.tsx (built by Vite); this index is the Node
 * side only: where the built files live and how to build them.
 */
export {
  buildDashboard,
  dashboardIsStale,
  ensureDashboardBuilt,
  DASHBOARD_DIR,
  DASHBOARD_SOURCE_DIR,
} from './build.ts';
