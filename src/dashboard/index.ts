/**
 * The dashboard's built files: where they live (dist/web) and how to build them from src/web
 * with Vite. Not an output itself: `worth serve` (src/cli) hands the folder to the server, and
 * browser tests build through it, so no output imports the dashboard's sources (src/web).
 */
export {
  buildDashboard,
  dashboardIsStale,
  ensureDashboardBuilt,
  DASHBOARD_DIR,
  DASHBOARD_SOURCE_DIR,
} from './build.ts';
