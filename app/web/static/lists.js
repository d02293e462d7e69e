// Saved lists (issue 12): the "Lists" drawer (create, rename, delete, export; per creator a
// status and a note) and the "Save to a list" dialog used from cards and profiles.
// Everything is stored server-side (/v1/lists); the page keeps no copy between views.

import * as api from "./api.js";
import { el, externalLink } from "./dom.js";
import { compactNumber, percent, platformLabel } from "./format.js";
import { priceView } from "./money.js";

const STATUSES = ["shortlisted", "contacted", "negotiating", "booked", "declined"];
const NOTE_MAX = 2000;
const $ = (id) => document.getElementById(id);

export class Lists {
  // hooks: {toast(text), openProfile(platform, handle), criteria()}
  constructor(hooks) {
    this.hooks = hooks;
    this.dialog = $("lists");
    this.index = $("list-index");
    this.detail = $("list-detail");
    this.error = $("lists-error");
    this.saveDialog = $("save");
    this.saveForm = $("save-form");
    this.currentId = null;
    this.pending = null; // the creator the save dialog is for
    this.lastListId = null;
    $("new-list-form").addEventListener("submit", (e) => this.onCreate(e));
    this.saveForm.addEventListener("submit", (e) => this.onSave(e));
    const note = $("save-note");
    const count = () => {
      const n = note.value.length;
      $("save-count").textContent = `${n.toLocaleString("en")} / ${NOTE_MAX.toLocaleString("en")} characters${n > NOTE_MAX ? " — over the limit" : ""}`;
      $("save-count").classList.toggle("over", n > NOTE_MAX);
    };
    note.addEventListener("input", count);
    count();
  }

  showError(node, err) {
    node.textContent = err ? String(err.message || err) : "";
    node.hidden = !err;
  }

  async open() {
    if (!this.dialog.open) this.dialog.showModal();
    await this.refresh();
  }

  async refresh() {
    this.showError(this.error, null);
    let items = [];
    try {
      items = (await api.listLists()).items;
    } catch (err) {
      return this.showError(this.error, err);
    }
    this.index.replaceChildren(...(items.length ? items.map((l) => el("li", { class: l.id === this.currentId ? "current" : "" },
      el("button", { type: "button", class: "list-link", dataset: { list: l.id }, onclick: () => this.show(l.id) },
        el("span", { class: "list-name", text: l.name }),
        el("span", { class: "muted small", text: ` ${l.count} creator${l.count === 1 ? "" : "s"}` }))))
      : [el("li", { class: "muted small", text: "No saved lists yet. Create one, or press Save on a creator." })]));
    if (this.currentId && items.some((l) => l.id === this.currentId)) await this.show(this.currentId);
    else this.detail.hidden = true;
  }

  async onCreate(event) {
    event.preventDefault();
    const input = $("new-list-name");
    try {
      const created = await api.createList(input.value);
      input.value = "";
      this.currentId = created.id;
      await this.refresh();
    } catch (err) {
      this.showError(this.error, err);
    }
  }

  async show(id) {
    this.currentId = id;
    const token = (this.showing = (this.showing || 0) + 1); // only the latest call renders
    for (const li of this.index.children) li.classList.toggle("current", li.querySelector(`[data-list="${id}"]`) != null);
    let list;
    try {
      list = await api.getList(id);
    } catch (err) {
      return this.showError(this.error, err);
    }
    if (token !== this.showing) return;
    const name = el("input", { value: list.name, maxlength: "200", "aria-label": "List name", class: "list-rename" });
    const exportLink = (format, label) => {
      const link = el("a", { class: `button small${list.count ? "" : " disabled"}`, href: list.count ? api.listExportUrl(id, format) : null,
        download: `castlist-list-${id}.${format}`, "aria-disabled": list.count ? null : "true" }, label);
      link.addEventListener("click", async (e) => {
        if (!list.count) return e.preventDefault();
        if (!api.hasApiKey()) return;
        e.preventDefault();
        try { await api.downloadList(id, format); } catch (err) { this.showError(this.error, err); }
      });
      return link;
    };
    this.detail.replaceChildren(
      el("div", { class: "list-head" },
        name,
        el("button", { type: "button", class: "button small", onclick: async () => {
          try { await api.renameList(id, name.value); this.hooks.toast("List renamed"); await this.refresh(); }
          catch (err) { this.showError(this.error, err); }
        } }, "Rename"),
        exportLink("csv", "Export CSV"), exportLink("json", "JSON"),
        el("button", { type: "button", class: "button small danger-outline", onclick: async () => {
          if (!window.confirm(`Delete the list “${list.name}” and its ${list.count} creators?`)) return;
          try { await api.deleteList(id); this.currentId = null; this.hooks.toast("List deleted"); await this.refresh(); }
          catch (err) { this.showError(this.error, err); }
        } }, "Delete list")),
      ...(list.count ? [] : [el("p", { class: "muted small", text: "Nothing to export yet: no creators on this list." })]),
      el("ul", { class: "list-items" }, list.creators.map((c) => this.itemRow(id, c))));
    this.detail.hidden = false;
  }

  itemRow(listId, c) {
    const status = el("select", { "aria-label": `Status of @${c.handle}` },
      STATUSES.map((s) => el("option", { value: s, selected: s === c.status || null }, s)));
    const note = el("textarea", { rows: "2", "aria-label": `Note on @${c.handle}`, placeholder: "Note" });
    note.value = c.note || "";
    const problem = el("p", { class: "error small", role: "alert", hidden: true });
    const save = async (fields) => {
      try {
        await api.saveToList(listId, c.platform, c.handle, fields);
        this.showError(problem, null);
        this.hooks.toast(`Saved @${c.handle}`);
      } catch (err) {
        this.showError(problem, err); // the server's 4xx text, e.g. a note over 2,000 characters
      }
    };
    status.addEventListener("change", () => save({ status: status.value }));
    note.addEventListener("change", () => save({ note: note.value || null }));
    const price = priceView(c.price_estimate, this.hooks.criteria());
    return el("li", { class: "list-item", dataset: { key: `${c.platform}:${c.handle.toLowerCase()}` } },
      el("div", { class: "list-item-head" },
        el("button", { type: "button", class: "link-button", onclick: () => this.hooks.openProfile(c.platform, c.handle) }, `@${c.handle}`),
        el("span", { class: `platform platform-${c.platform}`, text: platformLabel(c.platform) }),
        el("span", { class: "muted small", text: c.in_store
          ? ` ${compactNumber(c.followers)} followers · ER ${c.engagement_rate == null ? "–" : percent(c.engagement_rate, 2)} · ${price ? price.text : "–"}`
          : " no longer in the creator store" }),
        externalLink(c.url, "↗", { class: "small", "aria-label": `@${c.handle} on ${platformLabel(c.platform)}` })),
      el("div", { class: "list-item-edit" }, status, note,
        el("button", { type: "button", class: "button ghost small", onclick: async () => {
          try { await api.removeFromList(listId, c.platform, c.handle); await this.refresh(); }
          catch (err) { this.showError(problem, err); }
        } }, "Remove")),
      problem);
  }

  // ---- the save dialog

  async openSave(creator) {
    this.pending = creator;
    $("save-who").textContent = `@${creator.handle} · ${platformLabel(creator.platform)}`;
    $("save-note").value = "";
    $("save-note").dispatchEvent(new Event("input"));
    $("save-new").value = "";
    this.showError($("save-error"), null);
    const select = $("save-list");
    let items = [];
    try {
      items = (await api.listLists()).items;
    } catch (err) {
      this.showError($("save-error"), err);
    }
    select.replaceChildren(...items.map((l) => el("option", { value: l.id, selected: l.id === this.lastListId || null }, `${l.name} (${l.count})`)));
    // With no list yet, the empty picker is hidden: the new list's name is all there is to give.
    select.hidden = !items.length;
    this.saveForm.querySelector('label[for="save-list"]').hidden = !items.length;
    this.saveForm.querySelector('label[for="save-new"]').textContent = items.length ? "or a new list" : "New list";
    if (!items.length) $("save-new").value = "My shortlist";
    this.saveDialog.showModal();
  }

  async onSave(event) {
    event.preventDefault();
    const creator = this.pending;
    if (!creator) return;
    const newName = $("save-new").value.trim();
    const note = $("save-note").value;
    try {
      const id = newName ? (await api.createList(newName)).id : $("save-list").value;
      if (!id) throw new Error("Choose a list or name a new one.");
      await api.saveToList(id, creator.platform, creator.handle, note ? { note } : {});
      this.lastListId = id;
      this.saveDialog.close();
      const name = newName || $("save-list").selectedOptions[0]?.textContent.replace(/ \(\d+\)$/, "");
      this.hooks.toast(`Saved @${creator.handle} to “${name}”`);
      this.hooks.saved?.(creator, name);
      if (this.dialog.open) await this.refresh();
    } catch (err) {
      this.showError($("save-error"), err);
    }
  }
}
