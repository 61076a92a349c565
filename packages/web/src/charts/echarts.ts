// The one place the chart library is set up: only the charts and parts the manager's charts use
// (so the bundle carries no more), drawn as SVG (crisp in screenshots, text readable in the page),
// with ARIA descriptions and decal patterns on by default so no chart needs colour to be read.
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption, VisualMapComponentOption, AriaComponentOption } from 'echarts/components';

use([BarChart, HeatmapChart, LineChart, ScatterChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | HeatmapSeriesOption | LineSeriesOption | ScatterSeriesOption |
  GridComponentOption | LegendComponentOption | MarkLineComponentOption | TooltipComponentOption | VisualMapComponentOption | AriaComponentOption
>;

/** Every chart: described for screen readers, series told apart by patterns as well as colour. */
export const BASE: ChartOption = {
  aria: { enabled: true, decal: { show: true } },
  animation: false,
  tooltip: { trigger: 'axis' },
  legend: { top: 0 },
  grid: { left: 48, right: 24, top: 36, bottom: 40 },
};

/** Line styles that differ without colour, in series order. */
export const DASHES = ['solid', 'dashed', 'dotted'] as const;
export const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'] as const;

export { init };
