// The service's HTTP API (DESIGN 5.4) as the page uses it, plus the API key setting.

import { ApiError, errorFrom, postStream } from "./stream.js";

const KEY_STORAGE = "castlist.apiKey";

export function getApiKey() {
  try {
    return localStorage.getItem(KEY_STORAGE) || "";
  } catch {
    return ""; // storage disabled: the key simply is not remembered
  }
}

export function setApiKey(value) {
  try {
    if (value) localStorage.setItem(KEY_STORAGE, value);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    /* ignore */
  }
}

function authHeaders() {
  const key = getApiKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

const chatUrl = (threadId) => `/v1/chat/${encodeURIComponent(threadId)}`;

// Sends one message in a thread and streams its events. `criteria` carries explicit
// field edits (chip ×, relaxation buttons): the server applies them as a patch, so the
// message may then be empty and no wording is parsed.
export function sendMessage(threadId, message, { criteria, label, signal, onEvent }) {
  const body = criteria ? { message: "", criteria, label: label || message } : { message };
  return postStream(`${chatUrl(threadId)}/messages`, body, { headers: authHeaders(), signal, onEvent });
}

// The threads, most recently used first ({items: [{thread_id, title, updated_at, last_count}]}).
export const listThreads = () => getJson("/v1/chat?limit=20");

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json", ...authHeaders() } });
  if (response.status === 404) return null;
  if (!response.ok) throw await errorFrom(response);
  return response.json();
}

// The thread with every turn ({messages, turns, criteria, latest_shortlist: {id}}), or null when unknown.
export const getThread = (threadId) => getJson(chatUrl(threadId));

export const getShortlist = (shortlistId) => getJson(`/v1/shortlists/${encodeURIComponent(shortlistId)}`);

export function exportUrl(shortlistId, format = "csv") {
  return `/v1/shortlists/${encodeURIComponent(shortlistId)}?format=${format}`;
}

// A plain link cannot carry the Authorization header, so with a key set the export is
// fetched here and handed to the browser as a file.
export async function download(shortlistId, format = "csv") {
  const accept = format === "csv" ? "text/csv" : "application/json";
  const response = await fetch(exportUrl(shortlistId, format), { headers: { Accept: accept, ...authHeaders() } });
  if (!response.ok) throw await errorFrom(response);
  const blob = await response.blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `castlist-${shortlistId}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export const hasApiKey = () => Boolean(getApiKey());

// ---------------------------------------------------------------- creators, currencies, saved lists

// JSON in and out; a failed call throws the server's problem detail (its 4xx text).
async function call(method, url, body) {
  const headers = { Accept: "application/json", ...authHeaders() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw await errorFrom(response);
  return response.status === 204 ? null : response.json();
}

const creatorPath = (platform, handle) => `${encodeURIComponent(platform)}/${encodeURIComponent(handle)}`;

export const getCreator = (platform, handle) => call("GET", `/v1/creators/${creatorPath(platform, handle)}`);
export const getCurrencies = () => call("GET", "/v1/currencies");

const listUrl = (id) => `/v1/lists/${encodeURIComponent(id)}`;
export const listLists = () => call("GET", "/v1/lists");
export const createList = (name) => call("POST", "/v1/lists", { name });
export const getList = (id) => call("GET", listUrl(id));
export const renameList = (id, name) => call("PATCH", listUrl(id), { name });
export const deleteList = (id) => call("DELETE", listUrl(id));
// `fields`: {note?, status?}; fields left out keep their value.
export const saveToList = (id, platform, handle, fields = {}) =>
  call("PUT", `${listUrl(id)}/creators/${creatorPath(platform, handle)}`, fields);
export const removeFromList = (id, platform, handle) =>
  call("DELETE", `${listUrl(id)}/creators/${creatorPath(platform, handle)}`);
export const listExportUrl = (id, format) => `${listUrl(id)}?format=${format}`;

// Same as download() for a saved list (a plain link cannot carry the API key).
export async function downloadList(id, format) {
  const response = await fetch(listExportUrl(id, format), { headers: authHeaders() });
  if (!response.ok) throw await errorFrom(response);
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = `castlist-list-${id}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}
