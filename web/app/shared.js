// The scripts the web app shares with the offline report (`samspel report`): the Vega
// libraries, the labels (web/src/i18n.js) and the charts (web/src/charts.js). The report inlines
// them as classic scripts, where each names itself on the window; here they are imported in
// order as modules, and the app takes them only from this module's exports.
import "/vega/vega.min.js";
import "/vega/vega-lite.min.js";
import "/vega/vega-embed.min.js";
import "/app/i18n.js";
import "/app/charts.js";

export const i18n = globalThis.samspelI18n;
export const charts = globalThis.samspelCharts;
