// The creator profile panel: a <dialog> drawer (full screen on phones) with charts, the
// audience split, every vetting check as text, recent posts, the price with its method,
// and actions: save to a list, find similar creators.

import * as api from "./api.js";
import { engagementChart, followerChart, shareBars } from "./charts.js";
import { el, externalLink } from "./dom.js";
import { compactNumber, humanize, languageName, percent, platformLabel, regionName, wholeNumber } from "./format.js";
import { priceView } from "./money.js";
import { vettingChecks } from "./render.js";


function section(titleText, ...body) {
  const content = body.filter(Boolean);
  return el("section", { class: "profile-section" }, el("h3", { text: titleText }),
    ...(content.length ? content : [el("p", { class: "muted small", text: "Not reported for this creator." })]));
}

function statsList(p) {
  const er = p.engagement?.median;
  const pairs = [
    ["Followers", wholeNumber(p.followers)],
    ["Tier", p.tier || "below 1k"],
    ["Engagement (median)", er == null ? "–" : percent(er, 2)],
    ["Posts / week", p.posts_per_week == null ? "–" : p.posts_per_week.toFixed(1)],
    ["Sponsored share", p.sponsored_share == null ? "–" : percent(p.sponsored_share, 0)],
    ["Last post", p.last_post_at ? p.last_post_at.slice(0, 10) : "–"],
    ["Based in", [p.city, p.country ? regionName(p.country) : null].filter(Boolean).join(", ") || "–"],
    ["Languages", p.languages?.map(languageName).join(", ") || "–"],
  ];
  return el("dl", { class: "profile-stats" }, pairs.map(([k, v]) => el("div", {}, el("dt", { text: k }), el("dd", { text: v }))));
}

function priceSection(p, criteria) {
  const view = priceView(p.price, criteria);
  if (!view) return section("Price estimate");
  return section("Price estimate",
    el("p", { class: "profile-price" }, el("strong", { text: view.text }), " per post",
      view.original ? el("span", { class: "muted small", text: ` (${view.original})` }) : null),
    view.note ? el("p", { class: "muted small", text: `Converted at ${view.note}.` }) : null,
    view.cap ? el("p", { class: `cap cap-${view.cap.level} small`, text: view.cap.text }) : null,
    el("p", { class: "method", text: `Method: ${view.method}` }));
}

function postsSection(posts) {
  const recent = posts.slice(0, 12);
  return section(`Recent posts (${recent.length} of ${posts.length})`, recent.length ? el("ul", { class: "profile-posts" },
    recent.map((post) => el("li", {},
      el("p", { class: "post-meta small" },
        el("span", { text: (post.created_at || "").slice(0, 10) || "undated" }),
        post.format ? ` · ${post.format}` : "",
        post.engagement_rate != null ? ` · ER ${percent(post.engagement_rate, 2)}` : "",
        post.sponsored ? el("span", { class: "tag-sponsored", text: " sponsored" }) : null),
      post.text ? el("p", { class: "post-text", text: post.text }) : null,
      externalLink(post.url, post.url ? "Open post ↗" : "no link", { class: "post-link small" })))) : null);
}

// `creator`: the card's data when opened from a shortlist (its vetting is judged against
// the brief), else null. `actions`: {onSave(profile), onSimilar(profile)}.
export function renderProfile(data, { creator = null, criteria = null, actions = {}, audienceAsked = true,
  keywordsAsked = true } = {}) {
  const p = data.profile;
  const vetting = creator?.vetting?.length ? creator.vetting : p.vetting;
  const note = creator?.vetting?.length ? "Judged against this brief." : p.vetting_note;
  const audience = p.audience || {};
  return el("article", { class: "profile", "aria-labelledby": "profile-title" },
    el("header", { class: "profile-head" },
      el("div", {},
        el("h2", { id: "profile-title" }, externalLink(p.url, `@${p.handle}`)),
        el("p", { class: "muted" }, p.display_name || "", p.verified ? " · verified" : "")),
      el("span", { class: `platform platform-${p.platform}`, text: platformLabel(p.platform) })),
    p.bio ? el("p", { class: "profile-bio", text: p.bio }) : null,
    el("div", { class: "profile-actions" },
      el("button", { type: "button", class: "button primary small", onclick: () => actions.onSave?.(p) }, "Save to list"),
      el("button", { type: "button", class: "button small", onclick: () => actions.onSimilar?.(p), title: p.similar_brief },
        "Find similar")),
    statsList(p),
    priceSection(p, criteria),
    el("div", { class: "profile-charts" },
    section("Follower history", followerChart(p.follower_history),
      p.follower_history?.length ? el("p", { class: "muted small", text: `${p.follower_history.length} snapshots` }) : null),
    section("Engagement per post", engagementChart(p.posts),
      el("p", { class: "legend small" }, el("span", { class: "key key-organic" }), " organic ",
        el("span", { class: "key key-sponsored" }), " sponsored"),
      p.engagement?.method ? el("p", { class: "method", text: `Method: ${p.engagement.method}` }) : null)),
    section("Audience",
      shareBars(audience.countries, { name: regionName, caption: "Audience countries" }),
      shareBars(audience.ages, { caption: "Audience ages", limit: 6 }),
      shareBars(audience.genders, { caption: "Audience genders", name: humanize })),
    section("Vetting", el("p", { class: "muted small", text: note }), vettingChecks(vetting, { audienceAsked: audienceAsked || !creator, keywordsAsked: keywordsAsked || !creator })),
    postsSection(p.posts || []),
    el("p", { class: "muted small", text: `${compactNumber(p.followers)} followers · data as stored by castlist` }));
}

export async function openProfile(dialog, body, platform, handle, options) {
  body.replaceChildren(el("p", { class: "muted", text: `Loading @${handle}…` }));
  if (!dialog.open) dialog.showModal();
  try {
    const data = await api.getCreator(platform, handle);
    body.replaceChildren(renderProfile(data, options));
  } catch (err) {
    body.replaceChildren(el("p", { class: "error", text: `Could not load @${handle}: ${err.message}` }));
  }
}
