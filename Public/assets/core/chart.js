// Small SVG charts drawn by hand: bars per day, a line per day, and a ratio meter. Values are BigInt
// (money in minor units, counts) so scaling never does floating-point arithmetic on money; only the
// pixel positions are numbers. Each chart is role="img" with a text label, and callers also render the
// figures as a table for screen readers and for exact values.
import { h, uid } from "./dom.js";
import { ratio } from "./money.js";

const NS = "http://www.w3.org/2000/svg";

function s(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined && value !== null) node.setAttribute(key, String(value));
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  return node;
}

const WIDTH = 640, HEIGHT = 220, LEFT = 88, RIGHT = 12, TOP = 14, BOTTOM = 34;

/** The chart frame: title, axis, and gridlines with `maxLabel` at the top. */
function frame(title, summary, maxLabel) {
  const titleId = uid("chart");
  const svg = s("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-labelledby": titleId, class: "chart", preserveAspectRatio: "xMidYMid meet" },
    s("title", { id: titleId }, `${title}. ${summary}`));
  const plotBottom = HEIGHT - BOTTOM;
  for (const fraction of [0, 0.5, 1]) {
    const y = plotBottom - fraction * (plotBottom - TOP);
    svg.append(s("line", { x1: LEFT, x2: WIDTH - RIGHT, y1: y, y2: y, class: "gridline" }));
  }
  svg.append(s("text", { x: LEFT - 6, y: TOP + 4, "text-anchor": "end", class: "axis" }, maxLabel));
  svg.append(s("text", { x: LEFT - 6, y: plotBottom + 4, "text-anchor": "end", class: "axis" }, "0"));
  return svg;
}

/** About eight labels along the x axis, always the last one, never two on top of each other. */
function xLabels(svg, labels, x) {
  const every = Math.max(1, Math.ceil(labels.length / 8));
  const shown = labels.map((_, index) => index).filter(index => index % every === 0);
  const last = labels.length - 1;
  if (last >= 0 && shown[shown.length - 1] !== last) {
    if (last - shown[shown.length - 1] < every * 0.6) shown.pop();
    shown.push(last);
  }
  for (const index of shown) {
    svg.append(s("text", { x: x(index), y: HEIGHT - BOTTOM + 18, "text-anchor": "middle", class: "axis" }, labels[index]));
  }
}

const axisLabel = (points, max) => { const top = points.find(p => p.value === max); return top ? (top.axis ?? top.display) : "0"; };

/** points: [{label, value: BigInt, display, axis?}] — `axis` is a shorter text for the y-axis top. */
export function barChart(title, points, maxLabel) {
  const max = points.reduce((m, p) => (p.value > m ? p.value : m), 0n);
  const summary = points.map(p => `${p.label}: ${p.display}`).join("; ");
  const svg = frame(title, summary, maxLabel ?? axisLabel(points, max));
  const plotWidth = WIDTH - LEFT - RIGHT, plotHeight = HEIGHT - TOP - BOTTOM;
  const step = plotWidth / Math.max(points.length, 1);
  const barWidth = Math.max(2, Math.min(40, step * 0.7));
  const x = index => LEFT + step * index + step / 2;
  points.forEach((point, index) => {
    const height = ratio(point.value, max) * plotHeight;
    svg.append(s("rect", { x: x(index) - barWidth / 2, y: TOP + plotHeight - height, width: barWidth, height: Math.max(height, point.value > 0n ? 1 : 0), class: "bar", rx: 2 },
      s("title", {}, `${point.label}: ${point.display}`)));
  });
  xLabels(svg, points.map(p => p.label), x);
  return svg;
}

/** points: [{label, value: BigInt, display, axis?}] */
export function lineChart(title, points, maxLabel) {
  const max = points.reduce((m, p) => (p.value > m ? p.value : m), 0n);
  const summary = points.map(p => `${p.label}: ${p.display}`).join("; ");
  const svg = frame(title, summary, maxLabel ?? axisLabel(points, max));
  const plotWidth = WIDTH - LEFT - RIGHT, plotHeight = HEIGHT - TOP - BOTTOM;
  const step = points.length > 1 ? plotWidth / (points.length - 1) : 0;
  const x = index => LEFT + (points.length > 1 ? step * index : plotWidth / 2);
  const y = value => TOP + plotHeight - ratio(value, max) * plotHeight;
  if (points.length) {
    const path = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
    const area = `${path} L${x(points.length - 1).toFixed(1)},${TOP + plotHeight} L${x(0).toFixed(1)},${TOP + plotHeight} Z`;
    svg.append(s("path", { d: area, class: "area" }), s("path", { d: path, class: "line" }));
    points.forEach((p, i) => svg.append(s("circle", { cx: x(i), cy: y(p.value), r: 3.5, class: "dot" }, s("title", {}, `${p.label}: ${p.display}`))));
  }
  xLabels(svg, points.map(p => p.label), x);
  return svg;
}

/** A horizontal meter for a ratio given as a decimal string fraction ("0.0712") or percent ("7.12"). */
export function meter(title, percentText) {
  const titleId = uid("chart");
  const parsed = /^(\d+)(?:\.(\d+))?$/.exec(String(percentText ?? ""));
  // Percent with 2 decimals as an integer (basis points ×100 ÷ 100) → fraction of the bar.
  const hundredths = parsed ? BigInt(parsed[1] + (parsed[2] || "").padEnd(2, "0").slice(0, 2)) : 0n;
  const fill = ratio(hundredths > 10000n ? 10000n : hundredths, 10000n);
  const width = 300, height = 28;
  return h("figure", { class: "meter" },
    s("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": titleId, class: "chart meter-svg" },
      s("title", { id: titleId }, `${title}: ${percentText ?? "—"} %`),
      s("rect", { x: 0, y: 4, width, height: height - 8, rx: 6, class: "track" }),
      s("rect", { x: 0, y: 4, width: (width * fill).toFixed(1), height: height - 8, rx: 6, class: "bar" })),
    h("figcaption", {}, h("span", {}, title), h("strong", {}, percentText === undefined || percentText === null ? "—" : `${percentText} %`)));
}
