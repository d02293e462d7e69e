// The compare table: selected creators side by side, one column each. The table scrolls
// inside its box, so a phone never scrolls the page sideways.

import { el, externalLink } from "./dom.js";
import { compactNumber, humanize, percent, platformLabel, regionName, score100 } from "./format.js";
import { priceView } from "./money.js";
import { askedChecks } from "./render.js";

const VERDICTS = { pass: "pass", warn: "warn", fail: "fail", insufficient_data: "no data" };

export function compareTable(creators, { criteria = null, audienceAsked = true, keywordsAsked = true } = {}) {
  const tools = [...new Set(askedChecks(creators.flatMap((c) => c.vetting || []), { audienceAsked, keywordsAsked })
    .map((v) => v.tool))];
  const best = (values, higher = true) => {
    const nums = values.filter(Number.isFinite);
    if (nums.length < 2) return null;
    return higher ? Math.max(...nums) : Math.min(...nums);
  };
  const scoreBest = best(creators.map((c) => c.score));
  const folBest = best(creators.map((c) => c.followers));
  const erBest = best(creators.map((c) => c.engagement_rate ?? NaN));
  const prices = creators.map((c) => priceView(c.price_estimate, criteria));
  const priceBest = best(prices.map((p) => p?.lowIn ?? NaN), false);
  const mark = (value, top) => (top != null && value === top ? "best" : null);
  const rows = [
    ["Platform", (c) => platformLabel(c.platform)],
    ["Score", (c) => el("span", { class: mark(c.score, scoreBest), text: String(score100(c.score)) })],
    ["Followers", (c) => el("span", { class: mark(c.followers, folBest), text: compactNumber(c.followers) })],
    ["Engagement", (c) => (c.engagement_rate == null ? "–"
      : el("span", { class: mark(c.engagement_rate, erBest), text: percent(c.engagement_rate, 2) }))],
    ["ER method", (c) => el("span", { class: "method", text: c.engagement_method || "–" })],
    ["Price / post", (c, i) => (prices[i] ? el("span", {},
      el("span", { class: mark(prices[i].lowIn, priceBest), text: prices[i].text }),
      prices[i].cap && prices[i].cap.level !== "ok" ? el("small", { class: `cap cap-${prices[i].cap.level}`, text: ` ${prices[i].cap.text}` }) : null)
      : "–")],
    ["Based in", (c) => (c.country ? regionName(c.country) : "–")],
    ...tools.map((tool) => [humanize(tool), (c) => {
      const v = (c.vetting || []).find((x) => x.tool === tool);
      return v ? el("span", { class: `pill verdict-${v.verdict}`, title: v.summary, text: VERDICTS[v.verdict] || v.verdict }) : "–";
    }]),
    ["Why", (c) => el("ul", { class: "cell-list" }, (c.reasons || []).slice(0, 3).map((r) => el("li", { text: r })))],
    ["Risks", (c) => (c.risks?.length ? el("ul", { class: "cell-list risk-list" }, c.risks.map((r) => el("li", { text: r }))) : "none")],
  ];
  return el("table", { class: "compare-table" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col", text: "" }),
      creators.map((c) => el("th", { scope: "col" }, externalLink(c.url, `@${c.handle}`), el("span", { class: "muted small", text: ` #${c.rank}` }))))),
    el("tbody", {}, rows.map(([label, cellOf]) => el("tr", {},
      el("th", { scope: "row", text: label }),
      creators.map((c, i) => el("td", {}, cellOf(c, i)))))));
}
