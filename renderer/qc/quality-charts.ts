/**
 * ECharts options of the supplier-quality dashboard (issue 17, item 7): first-pass yield per month
 * over the lots received, and an X̄ control chart per numeric characteristic — lot means in receipt
 * order, the centre line and ±3σ control limits, the spec limits; points beyond either in red.
 * Drawn with the SVG renderer, so the charts are plain elements a test or a screen reader can read.
 */
import { use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import type { EChartsOption } from 'echarts';
import type { CharacteristicTrend, QualityMonth } from '../../src/contract/results';

use([SVGRenderer, BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, DataZoomComponent]);

type T = (key: string) => string;

export function yieldOption(months: QualityMonth[], t: T): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('ui.supplierQuality.legend.received'), t('ui.supplierQuality.legend.yield')] },
    grid: { left: 48, right: 56, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: months.map((m) => m.month) },
    yAxis: [
      { type: 'value', name: t('ui.supplierQuality.legend.received'), minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value} %' } },
    ],
    series: [
      { name: t('ui.supplierQuality.legend.received'), type: 'bar', data: months.map((m) => m.received), itemStyle: { color: '#93c5fd' } },
      {
        name: t('ui.supplierQuality.legend.yield'),
        type: 'line',
        yAxisIndex: 1,
        connectNulls: false,
        data: months.map((m) => (m.firstPassYield === null ? null : Math.round(m.firstPassYield * 1000) / 10)),
        itemStyle: { color: '#15803d' },
      },
    ],
  };
}

const limitLine = (name: string, value: number | null, color: string, dashed: boolean) =>
  value === null ? [] : [{ name, yAxis: value, lineStyle: { color, type: dashed ? ('dashed' as const) : ('solid' as const) }, label: { formatter: `${name} {c}`, position: 'insideEndTop' as const } }];

export function controlOption(c: CharacteristicTrend, t: T, decimals = 3): EChartsOption {
  const round = (x: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;
  const values = [...c.points.map((p) => p.mean), c.ucl, c.lcl, c.upperLimit, c.lowerLimit].filter((v): v is number => v !== null);
  const pad = (Math.max(...values) - Math.min(...values)) * 0.08 || 1;
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 56, right: 110, top: 20, bottom: c.points.length > 60 ? 56 : 28 },
    xAxis: { type: 'category', data: c.points.map((p) => p.lotCode), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', min: round(Math.min(...values) - pad), max: round(Math.max(...values) + pad), name: c.unit ?? '' },
    dataZoom: c.points.length > 60 ? [{ type: 'slider', height: 18, bottom: 4 }] : [],
    series: [
      {
        name: t('ui.supplierQuality.legend.mean'),
        type: 'line',
        symbolSize: 6,
        data: c.points.map((p) => ({ value: round(p.mean), itemStyle: { color: p.outOfControl || p.outOfSpec ? '#dc2626' : '#2563eb' } })),
        lineStyle: { color: '#2563eb', width: 1 },
        markLine: {
          symbol: 'none',
          silent: true,
          data: [
            ...limitLine(t('ui.supplierQuality.legend.centre'), c.centre === null ? null : round(c.centre), '#15803d', false),
            ...limitLine(t('ui.supplierQuality.legend.ucl'), c.ucl === null ? null : round(c.ucl), '#d97706', true),
            ...limitLine(t('ui.supplierQuality.legend.lcl'), c.lcl === null ? null : round(c.lcl), '#d97706', true),
            ...limitLine(t('ui.supplierQuality.legend.usl'), c.upperLimit, '#dc2626', false),
            ...limitLine(t('ui.supplierQuality.legend.lsl'), c.lowerLimit, '#dc2626', false),
          ],
        },
      },
    ],
  };
}
