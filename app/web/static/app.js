// The chat page: wires the composer, the SSE stream, criteria chips and creator cards.
// State is deliberately small: the thread id, the latest criteria and shortlist id, and
// whether a run is streaming. The server holds the thread; the page only renders it.

import * as api from "./api.js";
import { criteriaChips, renderChips, relaxationAction } from "./chips.js";
import { el, clear } from "./dom.js";
import { Progress } from "./progress.js";
import { compareTable } from "./compare.js";
import { Lists } from "./lists.js";
import { loadRates } from "./money.js";
import { openProfile } from "./profile.js";
import { creatorCard, creatorKey, summaryText, warningItem } from "./render.js";
import { newThreadId, threadFromHash, useThread } from "./thread.js";

const $ = (id) => document.getElementById(id);
const ui = {
  transcript: $("transcript"), examples: $("examples"), criteria: $("criteria"), chips: $("chips"),
  parser: $("parser-name"), assumptionsBox: $("assumptions-box"), assumptions: $("assumptions"),
  assumptionCount: $("assumption-count"), composer: $("composer"), input: $("composer-input"), send: $("send"),
  summary: $("summary"), exportLink: $("export"), exportJson: $("export-json"), exportNote: $("export-note"),
  results: $("results"), counter: $("char-count"), error: $("error"), warnings: $("warnings"), empty: $("empty"),
  cards: $("cards"), newBrief: $("new-brief"), settings: $("settings"), openSettings: $("open-settings"),
  apiKey: $("api-key"), keyIndicator: $("key-indicator"), threads: $("threads"), threadList: $("thread-list"),
  toolbar: $("toolbar"), sort: $("sort"), compareOpen: $("compare-open"), compareClear: $("compare-clear"),
  compare: $("compare"), compareBody: $("compare-body"), profile: $("profile"), profileBody: $("profile-body"),
  toast: $("toast"),
};
const progress = new Progress($("progress"), $("stages"), $("status"));
const emptyIntro = [...ui.empty.childNodes].map((n) => n.cloneNode(true)); // restored by "New brief"

const state = {
  threadId: null,
  criteria: null,
  shortlistId: null,
  running: null, // AbortController of the run in flight
  creators: new Map(), // key -> the shown shortlist's creator (profile, compare, save)
  selected: new Set(), // keys ticked for the compare table
};

// ---------------------------------------------------------------- toast, dialogs

let toastTimer = null;
function toast(text) {
  ui.toast.textContent = text;
  ui.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { ui.toast.hidden = true; }, 3500);
}

for (const button of document.querySelectorAll(".close-dialog")) {
  button.addEventListener("click", () => button.closest("dialog").close());
}

const lists = new Lists({
  toast,
  openProfile: (platform, handle) => showProfile(platform, handle, null),
  criteria: () => state.criteria,
  // The card says where the creator went, so a marketer sees at a glance what is saved.
  saved: (creator, listName) => {
    const card = ui.cards.querySelector(`.card[data-key="${CSS.escape(creatorKey(creator))}"] .save-button`);
    if (card) {
      card.textContent = "Saved ✓";
      card.title = `Saved to “${listName}”`;
    }
  },
});

// ---------------------------------------------------------------- profile, compare, sort

function showProfile(platform, handle, creator) {
  openProfile(ui.profile, ui.profileBody, platform, handle, {
    creator, criteria: state.criteria, audienceAsked: cardOptions().audienceAsked, keywordsAsked: cardOptions().keywordsAsked,
    actions: {
      onSave: (p) => lists.openSave(p),
      onSimilar: (p) => {
        ui.profile.close();
        if ($("lists").open) $("lists").close(); // opened from a saved list: show the new run
        // A creator of the list on screen: "more like @x" keeps its niche in this thread.
        // Any other (from a saved list): a new brief in the creator's own words.
        if (state.creators.has(creatorKey(p)) && state.threadId) send(`more like @${p.handle}`);
        else { startNewBrief(); send(p.similar_brief); }
      },
    },
  });
}

function updateCompare() {
  for (const key of [...state.selected]) if (!state.creators.has(key)) state.selected.delete(key);
  const n = state.selected.size;
  ui.compareOpen.textContent = `Compare (${n})`;
  ui.compareOpen.disabled = n < 2;
  ui.compareOpen.title = n < 2 ? "Tick Compare on two or more creators" : "";
  ui.compareClear.hidden = n === 0;
}

function openCompare() {
  const chosen = [...ui.cards.children].map((li) => state.creators.get(li.dataset.key))
    .filter((c) => c && state.selected.has(creatorKey(c)));
  ui.compareBody.replaceChildren(compareTable(chosen, { criteria: state.criteria, ...cardOptions() }));
  ui.compare.showModal();
}

const SORTS = {
  score: (a, b) => Number(a.dataset.rank) - Number(b.dataset.rank),
  followers: (a, b) => Number(b.dataset.followers) - Number(a.dataset.followers),
  er: (a, b) => Number(b.dataset.er) - Number(a.dataset.er),
  price: (a, b) => Number(a.dataset.price) - Number(b.dataset.price) || Number(a.dataset.rank) - Number(b.dataset.rank),
};

function applySort() {
  const compare = SORTS[ui.sort.value] || SORTS.score;
  const cards = [...ui.cards.children];
  const sorted = [...cards].sort(compare);
  if (sorted.some((card, i) => card !== cards[i])) ui.cards.append(...sorted);
}

function addCard(creator) {
  state.creators.set(creatorKey(creator), creator);
  ui.cards.append(creatorCard(creator, cardOptions(creator)));
  ui.toolbar.hidden = false;
}

// ---------------------------------------------------------------- transcript

const creatorCount = (n) => `${n} creator${n === 1 ? "" : "s"}`;

// `notes` (the turn's changes and warnings) go under the text as a small list.
function say(role, text, notes = []) {
  ui.transcript.append(el("li", { class: `msg msg-${role}` },
    el("span", { class: "visually-hidden", text: role === "user" ? "You: " : "castlist: " }),
    el("p", { text }),
    notes.length ? el("ul", { class: "msg-notes small" }, ...notes.map((n) => el("li", { text: n }))) : null));
  ui.examples.hidden = true;
  // Scroll the transcript box only: scrollIntoView would also move the window, pulling a
  // phone back up from the results it was just scrolled to.
  ui.transcript.scrollTop = ui.transcript.scrollHeight;
}

// ---------------------------------------------------------------- errors and warnings

function showError(message) {
  ui.error.replaceChildren(el("strong", { text: "Something went wrong. " }), message);
  ui.error.hidden = false;
}

// A refused key is the marketer's to fix, not an error in the page: say so in words and
// offer the Settings dialog where the key goes.
function showKeyNeeded() {
  ui.error.replaceChildren(
    el("strong", { text: "An API key is needed. " }),
    api.hasApiKey() ? "The key saved in this browser was not accepted. " : "This server only answers requests with a key. ",
    el("button", { type: "button", class: "button small", onclick: () => ui.openSettings.click() }, "Open Settings"));
  ui.error.hidden = false;
}

function clearError() {
  ui.error.hidden = true;
  clear(ui.error);
}

const seenWarnings = new Map(); // message -> <li>, so one warning shows once per run

function addWarning(message, code) {
  if (!message || seenWarnings.has(message)) return seenWarnings.get(message);
  const item = warningItem(message);
  if (code) item.dataset.code = code;
  seenWarnings.set(message, item);
  ui.warnings.append(item);
  return item;
}

function clearWarnings() {
  seenWarnings.clear();
  clear(ui.warnings);
}

const FIND_MORE = "To find more:";

// Relaxations ride on the "Only N of M matched" warning as one-click follow-ups.
function showRelaxations(shortlist) {
  const actions = (shortlist.relaxations || []).map((r) => {
    const action = relaxationAction(r, shortlist.criteria);
    const label = `${r.suggestion} (+${r.adds})`;
    return action
      ? el("button", { type: "button", class: "button small", onclick: () => send(action.message, action.criteria) }, label)
      : el("button", { type: "button", class: "button small", onclick: () => prefill(r.suggestion) }, label);
  });
  if (!actions.length) return;
  let item = ui.warnings.querySelector('[data-code="short"]');
  if (!item) item = addWarning(`Only ${creatorCount(shortlist.creators.length)} matched every constraint. To find more:`, "short");
  // The server's sentence lists each suggestion; the buttons list them again, so the text
  // stops at "To find more:" and the buttons carry the rest (one list, not two).
  const text = item.querySelector("p");
  const cut = text ? text.textContent.indexOf(FIND_MORE) : -1;
  if (cut >= 0) text.textContent = text.textContent.slice(0, cut + FIND_MORE.length);
  item.querySelector(".relax-actions")?.remove();
  item.lastElementChild.append(el("div", { class: "relax-actions", "aria-label": "Ways to find more" }, actions));
}

// ---------------------------------------------------------------- criteria

function showCriteria(criteria, parser, assumptions) {
  state.criteria = criteria;
  const count = renderChips(ui.chips, criteria, {
    onEdit: prefill,
    onRemove: (chip) => {
      // The chip is about to be re-rendered; keep keyboard focus somewhere sensible.
      ui.input.focus();
      send(`Removed ${chip.label} ${chip.value}`, chip.remove.criteria, chip);
    },
    disabled: Boolean(state.running),
  });
  ui.criteria.hidden = false;
  if (!count) ui.chips.append(el("li", { class: "muted small", text: "No constraints: searching everything." }));
  ui.parser.textContent = parser ? `· ${parser} parser` : "";
  const notes = assumptions || criteria.assumptions || [];
  clear(ui.assumptions);
  for (const text of notes) ui.assumptions.append(el("li", { text }));
  ui.assumptionCount.textContent = String(notes.length);
  ui.assumptionsBox.hidden = !notes.length;
  // Assumptions are the parser's guesses: open them so the marketer sees what was assumed.
  ui.assumptionsBox.open = notes.length > 0 && notes.length <= 4;
}

function prefill(text) {
  ui.input.value = text;
  updateCounter();
  ui.input.focus();
  ui.input.setSelectionRange(text.length, text.length);
}

// ---------------------------------------------------------------- shortlist

// An empty shortlist is nothing to hand a client: the links stay in place but disabled,
// with the reason next to them (the API answers 409 for it too).
function setExport(shortlistId, count = 0) {
  state.shortlistId = shortlistId;
  const empty = Boolean(shortlistId) && count === 0;
  for (const [link, format] of [[ui.exportLink, "csv"], [ui.exportJson, "json"]]) {
    if (shortlistId && !empty) {
      link.href = api.exportUrl(shortlistId, format);
      link.download = `castlist-${shortlistId}.${format}`;
      link.removeAttribute("aria-disabled");
    } else {
      link.removeAttribute("href");
      link.setAttribute("aria-disabled", "true");
    }
    link.hidden = !shortlistId;
  }
  ui.exportNote.hidden = !empty;
}

// The brief's audience constraints decide whether an audience-fit verdict means anything,
// its content exclusions whether an excluded-content one does.
function cardOptions(creator = null) {
  const c = state.criteria || {};
  return {
    audienceAsked: Boolean(c.audience_countries?.length || c.audience_gender
      || c.audience_age_min != null || c.audience_age_max != null),
    keywordsAsked: Boolean(c.exclude_keywords?.length),
    criteria: state.criteria,
    selected: creator ? state.selected.has(creatorKey(creator)) : false,
    actions: {
      onProfile: (x) => showProfile(x.platform, x.handle, x),
      onSave: (x) => lists.openSave(x),
      onCompare: (x, on) => {
        if (on) state.selected.add(creatorKey(x));
        else state.selected.delete(creatorKey(x));
        updateCompare();
      },
    },
  };
}

// Stacked layout (phones): the results sit under the composer, so bring them into view.
// `again`: re-align at the end of the run (the transcript above grew meanwhile) unless the
// user has scrolled by hand since the first reveal.
let revealed = false;
let userScrolled = false;
for (const name of ["wheel", "touchmove", "keydown"]) {
  window.addEventListener(name, () => { if (revealed) userScrolled = true; }, { passive: true });
}
function revealResults(again = false) {
  if (!window.matchMedia("(max-width: 900px)").matches) return;
  if (again && (!revealed || userScrolled)) return;
  ui.results.scrollIntoView({ block: "start" });
  revealed = true;
}

function renderCreators(creators) {
  clear(ui.cards);
  state.creators.clear();
  for (const c of creators) addCard(c);
  applySort();
  updateCompare();
  ui.toolbar.hidden = !creators.length;
  ui.empty.hidden = creators.length > 0;
  if (!creators.length) {
    ui.empty.replaceChildren(el("p", { class: "empty-title", text: "No creators matched" }),
      el("p", { class: "muted", text: "See the advice above, or drop a criteria chip to widen the search." }));
  }
}

function showShortlist(shortlist) {
  const streamed = ui.cards.children.length;
  // The done event's shortlist is authoritative: re-render only if the stream differed.
  if (streamed !== shortlist.creators.length || ui.cards.classList.contains("stale") || !streamed) {
    renderCreators(shortlist.creators);
  }
  ui.cards.classList.remove("stale");
  ui.cards.removeAttribute("aria-busy");
  for (const c of shortlist.creators) state.creators.set(creatorKey(c), c);
  applySort();
  updateCompare();
  ui.toolbar.hidden = !shortlist.creators.length;
  ui.summary.textContent = summaryText(shortlist);
  for (const w of shortlist.warnings || []) addWarning(w);
  showRelaxations(shortlist);
  setExport(shortlist.id, shortlist.creators.length);
}

// ---------------------------------------------------------------- running a message

function setRunning(controller) {
  state.running = controller;
  ui.send.textContent = controller ? "Stop" : "Send";
  ui.send.classList.toggle("danger", Boolean(controller));
  ui.composer.setAttribute("aria-busy", controller ? "true" : "false");
  for (const b of ui.chips.querySelectorAll(".chip-remove")) b.disabled = Boolean(controller);
}

// A chip removal is an explicit edit; say so plainly if the server's criteria still hold it.
function checkRemoved(chip, message) {
  if (!state.criteria) return;
  const still = criteriaChips(state.criteria).some((c) => c.key === chip.key);
  if (still) {
    addWarning(`“${message}” did not remove ${chip.label} ${chip.value}. Rephrase it, or start a new brief without it.`,
      "not-removed");
  }
}

// `removing` is the chip a removal came from (to check it is gone afterwards).
// With `criteria` (a chip or relaxation edit) the message is only shown: the edit is sent
// as explicit field values and no words are parsed.
async function send(message, criteria = null, removing = null) {
  message = message.trim();
  if ((!message && !criteria) || state.running) return;
  if (!state.threadId) state.threadId = newThreadId();
  useThread(state.threadId);

  say("user", message);
  clearError();
  clearWarnings();
  setExport(null);
  revealed = false;
  userScrolled = false;
  // Keep the previous list visible but dimmed until the new one starts arriving.
  ui.cards.classList.add("stale");
  ui.cards.setAttribute("aria-busy", "true");
  // A thread with criteria already shown reads this message as a follow-up, not a new brief.
  progress.start(state.criteria ? "Reading your follow-up…" : "Reading the brief…");
  const controller = new AbortController();
  setRunning(controller);

  const started = performance.now();
  const thread = state.threadId;
  let fresh = 0;
  let finished = false;
  let changes = [];
  const turnNotes = [];
  const onEvent = ({ event, data }) => {
    switch (event) {
      case "criteria":
        showCriteria(data.criteria, data.parser, data.assumptions);
        changes = data.changes || [];
        break;
      case "progress":
        progress.update(data);
        break;
      case "warning":
        addWarning(data.message, data.code);
        // What the message did to the criteria ("Nothing in the message changed…", "Not
        // applied: …") also stays under the reply, as a reloaded thread shows it: the
        // warnings panel is cleared by the next message.
        if (data.code === "parser" && !turnNotes.includes(`⚠ ${data.message}`)) turnNotes.push(`⚠ ${data.message}`);
        break;
      case "creator":
        if (fresh++ === 0) {
          clear(ui.cards);
          state.creators.clear();
          ui.cards.classList.remove("stale");
          ui.empty.hidden = true;
          addCard(data.creator);
          revealResults(); // the chips above have rendered by now, so the position holds
          break;
        }
        addCard(data.creator);
        applySort();
        progress.say(`Added @${data.creator.handle} (${fresh} so far)`);
        break;
      case "done":
        finished = true;
        showShortlist(data.shortlist);
        progress.finish(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        say("assistant", data.shortlist.creators.length
          ? `Shortlisted ${creatorCount(data.shortlist.creators.length)}. Refine with a follow-up, or export the list.`
          : "No creator matched every constraint. Try the suggestions on the shortlist, or drop a chip.",
        [...changes, ...turnNotes]);
        if (!fresh) revealResults(); // no card arrived: show the advice instead
        else revealResults(true);
        break;
      case "error":
        finished = true;
        showError(data.message || "The run failed.");
        progress.finish("Stopped by an error.");
        say("assistant", `The run failed: ${data.message || "unknown error"}`);
        break;
      default:
        break; // unknown events are ignored so the server can add new ones
    }
  };

  try {
    await api.sendMessage(state.threadId, message, { criteria, signal: controller.signal, onEvent });
    if (finished && removing) checkRemoved(removing, message);
    if (!finished) {
      showError("The connection closed before the shortlist was finished. Try sending the message again.");
      progress.finish("Interrupted.");
    }
  } catch (err) {
    if (err.name === "AbortError") {
      // "New brief" aborts too: then the old run's ending must not leak into the new view.
      if (state.threadId === thread) {
        progress.finish("Stopped.");
        say("assistant", "Stopped.");
      }
    } else {
      const text = err instanceof TypeError ? "Could not reach the server. Check your connection and try again."
        : String(err.message).replace(/^body\.message: /, "Your message "); // the API's 422 names the field
      if (err.status === 401) showKeyNeeded();
      else showError(text);
      // A refused message (e.g. over the length limit) goes back in the box to be edited.
      if (!ui.input.value && !criteria) {
        ui.input.value = message;
        updateCounter();
      }
      progress.finish("Failed.");
    }
  } finally {
    ui.cards.classList.remove("stale");
    ui.cards.removeAttribute("aria-busy");
    setRunning(null);
  }
}

// ---------------------------------------------------------------- threads

function resetView() {
  clear(ui.transcript);
  clear(ui.chips);
  clear(ui.cards);
  state.creators.clear();
  state.selected.clear();
  updateCompare();
  ui.toolbar.hidden = true;
  clearWarnings();
  clearError();
  ui.criteria.hidden = true;
  ui.examples.hidden = false;
  showThreadList();
  ui.summary.textContent = "";
  ui.empty.replaceChildren(...emptyIntro.map((n) => n.cloneNode(true)));
  ui.empty.hidden = false;
  $("progress").hidden = true;
  state.criteria = null;
  setExport(null);
}

function startNewBrief() {
  state.running?.abort();
  state.threadId = newThreadId();
  useThread(state.threadId);
  resetView();
  ui.input.value = "";
  ui.input.focus();
}

// Re-opens a thread from the server (after a reload, from the list or a shared link):
// every turn with what castlist replied, its warnings, and the last turn's advice.
async function loadThread(id) {
  state.threadId = id;
  resetView();
  useThread(id);
  try {
    const thread = await api.getThread(id);
    if (!thread || state.threadId !== id) return;
    const latest = thread.latest_shortlist ? await api.getShortlist(thread.latest_shortlist.id) : null;
    if (state.threadId !== id || state.running) return; // the user moved on while this loaded
    const turns = thread.turns?.length ? thread.turns : (thread.messages || []).map((m) => ({ message: m }));
    turns.forEach((turn, i) => {
      say("user", turn.message);
      if (!turn.shortlist) return;
      const last = i === turns.length - 1;
      // The last turn's warnings go to the warnings panel (with the relaxation buttons).
      const notes = [...(turn.reply || []), ...(turn.rejected || []).map((r) => `Not applied: ${r}`),
        ...(last ? [] : (turn.warnings || []).map((w) => `⚠ ${w}`))];
      say("assistant", `Shortlisted ${creatorCount(turn.shortlist.creators)}.`, notes);
    });
    const criteria = thread.criteria || latest?.criteria;
    if (criteria) showCriteria(criteria, latest?.stats?.parser, latest?.assumptions);
    if (latest) showShortlist(latest);
  } catch (err) {
    showError(`Could not load the saved brief: ${err.message}`);
  }
}

// Earlier briefs, newest first, on the start view: "/" never resumes one silently.
async function showThreadList() {
  clear(ui.threadList);
  ui.threads.hidden = true;
  let items = [];
  try {
    items = (await api.listThreads())?.items || [];
  } catch {
    return; // the list is a convenience; the page works without it
  }
  if (!items.length || ui.examples.hidden) return;
  for (const t of items) {
    const when = new Date(t.updated_at).toLocaleString([], { dateStyle: "short", timeStyle: "short" });
    const count = t.last_count == null ? "" : ` · ${creatorCount(t.last_count)}`;
    ui.threadList.append(el("li", {},
      el("button", { type: "button", class: "thread-link", dataset: { thread: t.thread_id },
        onclick: () => loadThread(t.thread_id) },
      el("span", { class: "thread-title", text: t.title.split("\n")[0] || "(untitled)" }),
      el("span", { class: "muted small", text: ` ${when}${count}` }))));
  }
  ui.threads.hidden = false;
}

// ---------------------------------------------------------------- settings

function refreshKeyIndicator() {
  ui.keyIndicator.hidden = !api.hasApiKey();
}

function wireSettings() {
  ui.openSettings.addEventListener("click", () => {
    ui.apiKey.value = api.getApiKey();
    ui.settings.showModal();
    ui.apiKey.focus();
  });
  ui.settings.addEventListener("close", () => {
    const choice = ui.settings.returnValue;
    if (choice === "save") api.setApiKey(ui.apiKey.value.trim());
    if (choice === "clear") api.setApiKey("");
    ui.apiKey.value = "";
    refreshKeyIndicator();
    ui.openSettings.focus();
  });
  refreshKeyIndicator();
}

// ---------------------------------------------------------------- composer

// The server's limit (settings.max_brief_chars) is shown, not enforced by cutting the text:
// a pasted brief over it stays whole and the server's 422 says what is wrong.
const LIMIT = Number(ui.input.dataset.maxChars) || 4000;

function updateCounter() {
  const n = ui.input.value.length;
  const over = n > LIMIT;
  ui.counter.textContent = `${n.toLocaleString("en")} / ${LIMIT.toLocaleString("en")} characters${over ? " — over the limit" : ""}`;
  ui.counter.classList.toggle("over", over);
}

function wireComposer() {
  ui.input.addEventListener("input", updateCounter);
  updateCounter();
  ui.composer.addEventListener("submit", (event) => {
    event.preventDefault();
    if (state.running) return state.running.abort();
    const text = ui.input.value;
    if (!text.trim()) return ui.input.focus();
    ui.input.value = "";
    updateCounter();
    send(text);
  });
  ui.input.addEventListener("keydown", (event) => {
    // Enter sends, Shift+Enter is a newline; never send mid-IME composition.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (!state.running) ui.composer.requestSubmit();
    }
  });
  for (const button of document.querySelectorAll(".example")) {
    button.addEventListener("click", () => send(button.textContent));
  }
  for (const [link, format] of [[ui.exportLink, "csv"], [ui.exportJson, "json"]]) {
    link.addEventListener("click", async (event) => {
      if (link.getAttribute("aria-disabled") === "true") return event.preventDefault();
      // Without a key the plain link downloads natively; with one, fetch it with the header.
      if (!state.shortlistId || !api.hasApiKey()) return;
      event.preventDefault();
      try {
        await api.download(state.shortlistId, format);
      } catch (err) {
        showError(`Export failed: ${err.message}`);
      }
    });
  }
}

// ---------------------------------------------------------------- start

window.addEventListener("error", (event) => showError(event.message || "Unexpected error in the page."));
window.addEventListener("unhandledrejection", (event) => showError(String(event.reason?.message || event.reason)));

wireComposer();
wireSettings();
ui.sort.addEventListener("change", applySort);
ui.compareOpen.addEventListener("click", openCompare);
ui.compareClear.addEventListener("click", () => {
  state.selected.clear();
  for (const box of ui.cards.querySelectorAll(".compare-box")) box.checked = false;
  updateCompare();
});
$("open-lists").addEventListener("click", () => lists.open());
loadRates().then(() => {
  // Cards drawn before the rates arrived show prices in their own currency: redraw them.
  if (state.creators.size) renderCreators([...ui.cards.children].map((li) => state.creators.get(li.dataset.key)).filter(Boolean));
});
ui.newBrief.addEventListener("click", startNewBrief);
window.addEventListener("hashchange", () => {
  const id = threadFromHash();
  if (id && id !== state.threadId && !state.running) loadThread(id);
});

const initial = threadFromHash();
if (initial) loadThread(initial);
else {
  state.threadId = newThreadId();
  showThreadList();
}
document.documentElement.dataset.ready = "true"; // lets tests wait for the modules to load
