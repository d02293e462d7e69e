// Small inline-SVG charts for the creator profile: no library, no CDN. Every chart has a
// text alternative (role="img" + aria-label) and a <title> per mark for pointer users.

import { compactNumber, percent } from "./format.js";

const NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) node.setAttribute(k, String(v));
  for (const c of children) if (c != null) node.append(c);
  return node;
}

function title(text) {
  const t = svg("title");
  t.textContent = text;
  return t;
}

function label(x, y, text, anchor = "start", cls = "axis") {
  const t = svg("text", { x, y, "text-anchor": anchor, class: cls });
  t.textContent = text;
  return t;
}

const W = 320;
const H = 140;
const PAD = { l: 44, r: 8, t: 10, b: 22 };

// points: [{date: "2026-09-01", followers: 14100}], oldest first.
export function followerChart(points) {
  if (!points?.length) return null;
  const ys = points.map((p) => p.followers);
  let min = Math.min(...ys);
  let max = Math.max(...ys);
  if (min === max) { min -= 1; max += 1; }
  const x = (i) => PAD.l + (points.length === 1 ? 0 : (i * (W - PAD.l - PAD.r)) / (points.length - 1));
  const y = (v) => PAD.t + (1 - (v - min) / (max - min)) * (H - PAD.t - PAD.b);
  const d = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.followers).toFixed(1)}`).join(" ");
  const first = points[0];
  const last = points[points.length - 1];
  const change = first.followers ? (last.followers - first.followers) / first.followers : 0;
  const summary = `Followers from ${compactNumber(first.followers)} on ${first.date} to ${compactNumber(last.followers)} on ${last.date} (${change >= 0 ? "+" : ""}${percent(change, 1)})`;
  return svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart chart-followers", role: "img", "aria-label": summary },
    svg("line", { x1: PAD.l, x2: W - PAD.r, y1: H - PAD.b, y2: H - PAD.b, class: "gridline" }),
    label(PAD.l - 4, y(max) + 4, compactNumber(max), "end"),
    label(PAD.l - 4, y(min) + 4, compactNumber(min), "end"),
    label(PAD.l, H - 6, first.date),
    label(W - PAD.r, H - 6, last.date, "end"),
    svg("path", { d, class: "line" }),
    ...points.map((p, i) => svg("circle", { cx: x(i), cy: y(p.followers), r: 3, class: "dot" },
      title(`${p.date}: ${compactNumber(p.followers)} followers`))));
}

// posts: [{created_at, engagement_rate, sponsored, id}], newest first; drawn oldest→newest.
export function engagementChart(posts) {
  const rows = (posts || []).filter((p) => Number.isFinite(p.engagement_rate)).slice().reverse();
  if (!rows.length) return null;
  const max = Math.max(...rows.map((p) => p.engagement_rate)) || 1;
  const slot = (W - PAD.l - PAD.r) / rows.length;
  const bw = Math.max(3, slot * 0.7);
  const y = (v) => PAD.t + (1 - v / max) * (H - PAD.t - PAD.b);
  const sponsored = rows.filter((p) => p.sponsored);
  const mean = (list) => list.reduce((s, p) => s + p.engagement_rate, 0) / list.length;
  const organic = rows.filter((p) => !p.sponsored);
  const summary = `Engagement per post, ${rows.length} posts, ${sponsored.length} sponsored`
    + (sponsored.length && organic.length ? `: sponsored average ${percent(mean(sponsored), 2)}, others ${percent(mean(organic), 2)}` : "");
  return svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart chart-engagement", role: "img", "aria-label": summary },
    svg("line", { x1: PAD.l, x2: W - PAD.r, y1: H - PAD.b, y2: H - PAD.b, class: "gridline" }),
    label(PAD.l - 4, y(max) + 4, percent(max, 1), "end"),
    label(PAD.l - 4, H - PAD.b + 4, "0%", "end"),
    label(PAD.l, H - 6, "older"),
    label(W - PAD.r, H - 6, "newer", "end"),
    ...rows.map((p, i) => svg("rect", {
      x: (PAD.l + i * slot + (slot - bw) / 2).toFixed(1), y: y(p.engagement_rate).toFixed(1), width: bw.toFixed(1),
      height: Math.max(1, H - PAD.b - y(p.engagement_rate)).toFixed(1),
      class: p.sponsored ? "bar-sponsored" : "bar-organic", "data-sponsored": p.sponsored ? "true" : "false",
    }, title(`${(p.created_at || "").slice(0, 10) || "undated"}: ${percent(p.engagement_rate, 2)}${p.sponsored ? " (sponsored)" : ""}`))));
}

function shorten(text, max) {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

// shares: {"DE": 0.62, ...} -> horizontal bars, largest first (top `limit`).
export function shareBars(shares, { limit = 6, name = (k) => k, caption = "" } = {}) {
  const entries = Object.entries(shares || {}).sort((a, b) => b[1] - a[1]).slice(0, limit);
  if (!entries.length) return null;
  const rowH = 18;
  const h = entries.length * rowH + 4;
  const labelW = 96;
  const barMax = W - labelW - 44;
  const text = entries.map(([k, v]) => `${name(k)} ${percent(v, 0)}`).join(", ");
  return svg("svg", { viewBox: `0 0 ${W} ${h}`, class: "chart chart-shares", role: "img", "aria-label": `${caption}: ${text}` },
    ...entries.flatMap(([k, v], i) => [
      // The label column fits ~15 characters; longer names ("United Arab Emirates") are
      // shortened here and stay whole in the bar's title and the chart's text alternative.
      label(labelW - 6, i * rowH + 13, shorten(name(k), 15), "end", "bar-label"),
      svg("rect", { x: labelW, y: i * rowH + 3, width: Math.max(1, v * barMax).toFixed(1), height: rowH - 6, class: "share" },
        title(`${name(k)}: ${percent(v, 1)}`)),
      label(labelW + Math.max(1, v * barMax) + 4, i * rowH + 13, percent(v, 0), "start", "bar-value"),
    ]));
}
