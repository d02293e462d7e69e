// Creator cards and the other pieces of streamed output. All creator fields are
// untrusted and go through el()/textContent only.

import { el, externalLink } from "./dom.js";
import { compactNumber, humanize, money, percent, platformLabel, regionName, score100, wholeNumber } from "./format.js";
import { priceView, spendView } from "./money.js";

const VERDICT_LABELS = { pass: "pass", warn: "warn", fail: "fail", insufficient_data: "no data" };

function scoreBar(value, label) {
  const pct = score100(value);
  const fill = el("span", { class: "bar-fill" });
  // Set through the CSSOM, not a style attribute, so a strict CSP cannot block it.
  fill.style.width = `${pct}%`;
  return el("span", {
    class: "bar", role: "meter", "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": String(pct),
    "aria-label": label,
  }, fill);
}

function scoreBlock(creator) {
  const components = Object.entries(creator.scores || {});
  const total = score100(creator.score);
  // <details> gives the per-component breakdown on click/keyboard, and the summary's
  // title shows it on hover, without any script-driven popover.
  const hover = components.map(([name, v]) => `${humanize(name)}: ${score100(v)}`).join("\n");
  return el("details", { class: "score" },
    el("summary", { title: hover || "No component scores" },
      el("span", { class: "score-label" }, "Score "),
      el("strong", { class: "score-value", text: String(total) }),
      scoreBar(creator.score, `Overall score ${total} of 100`),
    ),
    components.length
      ? el("ul", { class: "components" }, components.map(([name, v]) =>
          el("li", {},
            el("span", { class: "component-name", text: humanize(name) }),
            scoreBar(v, `${humanize(name)} ${score100(v)} of 100`),
            el("span", { class: "component-value", text: String(score100(v)) }))))
      : el("p", { class: "muted", text: "No component scores were returned." }),
  );
}

function stat(label, value, extra) {
  return el("div", { class: "stat" }, el("dt", { text: label }), el("dd", {}, value, extra));
}

function engagement(creator) {
  if (creator.engagement_rate == null) return stat("Engagement", "–");
  const method = creator.engagement_method || "method not reported";
  // The method is part of the number: ERs from different formulas are not comparable.
  return stat("Engagement", el("abbr", { title: method, text: percent(creator.engagement_rate, 2) }));
}

// In the brief's currency, the original estimate and the rate beside it; the cap compared
// in one currency (money.js).
function price(creator, criteria) {
  const view = priceView(creator.price_estimate, criteria);
  if (!view) return stat("Est. price / post", "–");
  return stat("Est. price / post", el("span", { class: "price", title: [view.original, view.note, view.method].filter(Boolean).join(" · "), text: view.text }),
    view.cap && view.cap.level !== "ok" ? el("small", { class: `cap cap-${view.cap.level}`, text: view.cap.text }) : null);
}

function evidenceList(items) {
  const posts = items.filter((e) => e.kind === "post");
  const metrics = items.filter((e) => e.kind === "metric");
  if (!posts.length && !metrics.length) return null;
  return el("div", { class: "evidence" },
    // Ternaries, not `&&`: a count of 0 would otherwise render as the text "0".
    posts.length ? el("ul", { class: "posts" }, posts.map((e) =>
      el("li", {},
        e.text ? el("blockquote", { class: "quote", text: e.text }) : null,
        externalLink(e.url, e.url ? "View post ↗" : `post ${e.post_id || ""}`, { class: "post-link" })))) : null,
    metrics.length ? el("ul", { class: "metrics" }, metrics.map((e) =>
      el("li", {},
        el("span", { class: "metric-name", text: humanize(e.metric) }), ": ",
        el("strong", { text: e.value == null ? "–" : metricValue(e) }),
        e.method ? el("small", { class: "method", text: ` — ${e.method}` }) : null))) : null,
  );
}

function metricValue(e) {
  const v = e.value;
  const name = e.metric || "";
  if (/rate|share|ratio/.test(name) && Math.abs(v) <= 1) return percent(v, 2);
  return Number.isInteger(v) ? wholeNumber(v) : String(Math.round(v * 100) / 100);
}

// Problems first: a fail or warn should not hide among a row of passes.
const VERDICT_ORDER = { fail: 0, warn: 1, insufficient_data: 2, pass: 3 };

// Checks the brief did not ask for say nothing about the creator: "Audience fit: pass" on a
// brief that names no audience would claim a fit nobody asked for, and "Excluded content:
// pass" on a brief that excludes nothing.
export function askedChecks(results, { audienceAsked = true, keywordsAsked = true } = {}) {
  return (results || []).filter((v) => (audienceAsked || v.tool !== "audience_fit")
    && (keywordsAsked || v.tool !== "excluded_content"));
}

// Every check as text: verdict, confidence, summary and evidence (nothing behind a hover).
export function vettingChecks(results, options = {}) {
  const shown = askedChecks(results, options);
  if (!shown.length) return null;
  const sorted = [...shown].sort((a, b) => (VERDICT_ORDER[a.verdict] ?? 9) - (VERDICT_ORDER[b.verdict] ?? 9));
  return el("ul", { class: "vetting-details" }, sorted.map((v) =>
    el("li", { class: `check verdict-${v.verdict}`, dataset: { tool: v.tool } },
      el("p", {},
        el("strong", { text: humanize(v.tool) }), " ",
        el("span", { class: "check-verdict", text: VERDICT_LABELS[v.verdict] || v.verdict }),
        el("span", { class: "muted small", text: ` · ${confidence(v)}` })),
      v.summary ? el("p", { class: "check-summary", text: v.summary }) : null,
      v.evidence?.length ? evidenceList(v.evidence) : null)));
}

const confidence = (v) => `${Math.round((v.confidence || 0) * 100)}% confidence`;

// The pills are the summary of a <details>: a tap (or Enter) opens every check's verdict,
// confidence and summary as text, so nothing depends on a hover tooltip.
function vettingBox(results, options = {}) {
  if (!results?.length) return null;
  const shown = askedChecks(results, options);
  if (!shown.length) return null;
  const sorted = [...shown].sort((a, b) => (VERDICT_ORDER[a.verdict] ?? 9) - (VERDICT_ORDER[b.verdict] ?? 9));
  return el("details", { class: "vetting" },
    el("summary", { "aria-label": `Vetting: ${sorted.map((v) => `${humanize(v.tool)} ${VERDICT_LABELS[v.verdict] || v.verdict}`).join(", ")}. Show details` },
      el("ul", { class: "pills", "aria-hidden": "true" }, sorted.map((v) =>
        el("li", { class: `pill verdict-${v.verdict}`, title: `${v.summary || ""} (${confidence(v)})` },
          el("span", { class: "pill-tool", text: humanize(v.tool) }), " ",
          el("span", { class: "pill-verdict", text: VERDICT_LABELS[v.verdict] || v.verdict }))))),
    vettingChecks(sorted, options),
  );
}

// One line on the compact card: problems named, passes counted.
function vettingLine(results, options = {}) {
  const shown = askedChecks(results, options);
  if (!shown.length) return null;
  const problems = shown.filter((v) => v.verdict === "fail" || v.verdict === "warn");
  const passes = shown.filter((v) => v.verdict === "pass").length;
  return el("p", { class: "vetting-line small" },
    problems.map((v) => el("span", { class: `pill verdict-${v.verdict}`, text: `${humanize(v.tool)} ${VERDICT_LABELS[v.verdict]}` })),
    el("span", { class: "muted", text: `${problems.length ? " " : ""}${passes} of ${shown.length} checks pass` }));
}

export function creatorKey(creator) {
  return `${creator.platform}:${String(creator.handle).toLowerCase()}`;
}

// A compact card: who, four numbers, one line of why and one of vetting; the rest under
// "Details" (a <details>, so a tap opens it). `options`: {audienceAsked, criteria,
// selected, actions: {onProfile, onSave, onCompare}}.
export function creatorCard(creator, options = {}) {
  const name = creator.display_name;
  const headingId = `creator-${creator.rank}-${String(creator.platform)}`;
  const actions = options.actions || {};
  const key = creatorKey(creator);
  const p = creator.price_estimate;
  const view = priceView(p, options.criteria);
  return el("li", { class: "card", dataset: {
    platform: creator.platform, rank: String(creator.rank), key, score: String(creator.score ?? 0),
    followers: String(creator.followers ?? 0), er: String(creator.engagement_rate ?? -1),
    price: String(view?.lowIn ?? Number.POSITIVE_INFINITY),
  } },
    el("article", { "aria-labelledby": headingId },
      el("header", { class: "card-head" },
        el("span", { class: "rank", "aria-label": `Rank ${creator.rank}`, text: `#${creator.rank}` }),
        el("div", { class: "who" },
          el("h3", { id: headingId, class: "handle" }, externalLink(creator.url, `@${creator.handle}`)),
          name ? el("span", { class: "display-name", text: name }) : null),
        el("span", { class: `platform platform-${creator.platform}`, text: platformLabel(creator.platform) }),
      ),
      el("dl", { class: "stats" },
        stat("Followers", el("span", { title: wholeNumber(creator.followers), text: compactNumber(creator.followers) })),
        engagement(creator),
        price(creator, options.criteria),
        stat("Score", el("span", { class: "score-number", text: String(score100(creator.score)) })),
      ),
      creator.explanation ? el("p", { class: "explanation clamp", text: creator.explanation }) : null,
      vettingLine(creator.vetting, options),
      el("div", { class: "card-actions" },
        el("label", { class: "compare-toggle small" },
          el("input", { type: "checkbox", class: "compare-box", checked: options.selected || null,
            onchange: (e) => actions.onCompare?.(creator, e.target.checked) }), " Compare"),
        el("button", { type: "button", class: "button small", onclick: () => actions.onProfile?.(creator) }, "Profile"),
        el("button", { type: "button", class: "button small save-button", onclick: () => actions.onSave?.(creator) }, "Save")),
      el("details", { class: "more" },
        el("summary", { text: "Details" }),
        el("div", { class: "more-body" },
          creator.country ? el("p", { class: "small" }, "Based in: ", el("strong", { text: regionName(creator.country) })) : null,
          view?.original ? el("p", { class: "method" }, `Price ${view.original}${view.note ? ` · ${view.note}` : ""} · ${view.method}`)
            : (view ? el("p", { class: "method", text: `Price method: ${view.method}` }) : null),
          creator.engagement_rate != null
            ? el("p", { class: "method er-method" }, "Engagement rate: ", creator.engagement_method || "method not reported")
            : null,
          scoreBlock(creator),
          creator.reasons?.length
            ? el("section", { class: "reasons", "aria-label": "Why" },
                el("h4", { text: "Why" }), el("ul", {}, creator.reasons.map((r) => el("li", { text: r }))))
            : null,
          creator.risks?.length
            ? el("section", { class: "risks", "aria-label": "Risks" },
                el("h4", { text: "Risks" }), el("ul", {}, creator.risks.map((r) => el("li", { text: r }))))
            : null,
          creator.evidence?.length
            ? el("details", { class: "evidence-box" },
                el("summary", { text: `Evidence (${creator.evidence.length})` }), evidenceList(creator.evidence))
            : null,
          vettingBox(creator.vetting, options))),
    ),
  );
}

// Warnings carry relaxation advice ("Only 3 of 10 matched… To find more: …"); each
// relaxation becomes a button so the advice is one click away.
export function warningItem(message, actions = []) {
  return el("li", { class: "warning", role: "note" },
    el("span", { class: "warning-icon", "aria-hidden": "true", text: "!" }),
    el("div", {}, el("p", { text: message }),
      actions.length ? el("div", { class: "relax-actions" }, actions) : null));
}

export function summaryText(shortlist) {
  const stats = shortlist.stats || {};
  const parts = [`${shortlist.creators.length} creator${shortlist.creators.length === 1 ? "" : "s"}`];
  const spend = spendView(stats.estimated_spend_usd, shortlist.criteria);
  if (spend) parts.push(`est. spend ${spend.text}${spend.note ? ` (${spend.note})` : ""}`);
  // The list is fitted to the budget at each creator's low price estimate; say so when the
  // high estimates add up to more, rather than let the range look like an overspend.
  const budget = shortlist.criteria?.budget;
  if (spend && budget && budget.currency?.toUpperCase() === spend.currency && spend.high > budget.amount
      && spend.low <= budget.amount) {
    parts.push(`fits the ${money(budget.amount, spend.currency)} budget at the low price estimates`);
  }
  if (stats.candidates != null) parts.push(`${stats.candidates} candidates`);
  if (stats.rejected) parts.push(`${stats.rejected} rejected in vetting`);
  return parts.join(" · ");
}
