/** The dashboard figures, measured inside a page (bundled for the browser by dashboard.bench.ts). */
import { dashboardFigures } from './dashboardFigures';

(globalThis as { dashboardFigures?: typeof dashboardFigures }).dashboardFigures = dashboardFigures;
