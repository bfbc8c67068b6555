// Grafana's published schema types (@grafana/schema), as the dashboard JSON files write them.
//
// The generated checks (generated/*.ts, written by check.mjs) assert `<dashboard JSON> satisfies DashboardJson`:
// TypeScript then refuses unknown fields, wrong types and values outside an enum. One adaptation is needed: the
// schema declares string enums (`ThresholdsMode.Absolute = "absolute"`), and a JSON string such as "absolute" is not
// assignable to an enum type, so `Json<T>` replaces every string enum by the union of its values and leaves the rest
// of the type as published. Panel options and custom field config are typed `Record<string, unknown>` in the
// dashboard schema; each panel plugin publishes its own, checked here through `PanelOptions` and `PanelCustom`
// (deep-partial: Grafana fills what a dashboard leaves out, but a misspelt or unknown option is refused).
import type { Dashboard } from '@grafana/schema';
import type * as BarChart from '@grafana/schema/dist/esm/raw/composable/barchart/panelcfg/x/BarChartPanelCfg_types.gen';
import type * as BarGauge from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import type * as Gauge from '@grafana/schema/dist/esm/raw/composable/gauge/panelcfg/x/GaugePanelCfg_types.gen';
import type * as Heatmap from '@grafana/schema/dist/esm/raw/composable/heatmap/panelcfg/x/HeatmapPanelCfg_types.gen';
import type * as PieChart from '@grafana/schema/dist/esm/raw/composable/piechart/panelcfg/x/PieChartPanelCfg_types.gen';
import type * as Stat from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type * as StateTimeline from '@grafana/schema/dist/esm/raw/composable/statetimeline/panelcfg/x/StateTimelinePanelCfg_types.gen';
import type * as Table from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import type * as Text from '@grafana/schema/dist/esm/raw/composable/text/panelcfg/x/TextPanelCfg_types.gen';
import type * as TimeSeries from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';

/** T as JSON writes it: string enums become the union of their values; everything else is kept. */
export type Json<T> = T extends string
  ? `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Array<Json<U>>
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : T;

/** Json<T> with every property optional at every depth (unknown properties are still refused). */
export type PartialJson<T> = T extends string
  ? `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Array<PartialJson<U>>
      : T extends object
        ? { [K in keyof T]?: PartialJson<T[K]> }
        : T;

export type DashboardJson = Json<Dashboard>;

/** No custom field config: the panel plugin declares none. */
type None = Record<string, never>;

/** The panel plugins the dashboards may use, with their published options and custom field config. */
interface PanelPlugins {
  barchart: { options: BarChart.Options; custom: BarChart.FieldConfig };
  bargauge: { options: BarGauge.Options; custom: None };
  gauge: { options: Gauge.Options; custom: None };
  heatmap: { options: Heatmap.Options; custom: Heatmap.FieldConfig };
  piechart: { options: PieChart.Options; custom: PieChart.FieldConfig };
  stat: { options: Stat.Options; custom: None };
  'state-timeline': { options: StateTimeline.Options; custom: StateTimeline.FieldConfig };
  table: { options: Table.Options; custom: Table.FieldConfig };
  text: { options: Text.Options; custom: None };
  timeseries: { options: TimeSeries.Options; custom: TimeSeries.FieldConfig };
}

export type PanelType = keyof PanelPlugins;
export type PanelOptions<P extends PanelType> = PartialJson<PanelPlugins[P]['options']>;
export type PanelCustom<P extends PanelType> = PartialJson<PanelPlugins[P]['custom']>;
