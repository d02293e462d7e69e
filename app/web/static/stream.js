// Server-Sent Events over fetch. EventSource can only GET, and the chat endpoint is a
// POST with a JSON body, so the stream is read and parsed here (WHATWG SSE framing).

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// Turns a failed response into a readable message: the API answers
// application/problem+json ({title, detail}); anything else is shown by status.
export async function errorFrom(response) {
  let message = `${response.status} ${response.statusText || "error"}`.trim();
  let code;
  try {
    const text = await response.text();
    const body = JSON.parse(text);
    const detail = Array.isArray(body.detail)
      ? body.detail.map((d) => d.msg || JSON.stringify(d)).join("; ")
      : body.detail;
    message = detail || body.title || body.message || message;
    code = body.code || body.type;
  } catch {
    // Not JSON: keep the status line.
  }
  if (response.status === 401 || response.status === 403) {
    message = `${message} — set your API key in Settings.`;
  }
  return new ApiError(response.status, message, code);
}

// Splits a byte stream into SSE events and calls onEvent({event, data, id}) for each.
// data is JSON-decoded when it parses, else left as text.
export async function readEvents(body, onEvent) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "message";
  let data = [];
  let id = null;

  const dispatch = () => {
    if (data.length) {
      const raw = data.join("\n");
      let parsed = raw;
      try {
        parsed = JSON.parse(raw);
      } catch {
        // plain text data
      }
      onEvent({ event, data: parsed, id });
    }
    event = "message";
    data = [];
  };

  const line = (text) => {
    if (text === "") return dispatch();
    if (text.startsWith(":")) return; // comment / keep-alive
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value || "message";
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
  };

  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value || new Uint8Array(), { stream: !done });
    // Lines end in \r\n, \n or \r; a trailing \r may be half of \r\n, so keep it.
    let match;
    const re = /\r\n|\n|\r(?!$)/g;
    let start = 0;
    while ((match = re.exec(buffer)) !== null) {
      line(buffer.slice(start, match.index));
      start = match.index + match[0].length;
    }
    buffer = buffer.slice(start);
    if (done) break;
  }
  if (buffer) line(buffer.replace(/\r$/, ""));
  dispatch();
}

// POSTs JSON and streams the SSE answer. Throws ApiError before any event when the
// server refuses the request.
export async function postStream(url, body, { headers = {}, signal, onEvent }) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream", ...headers },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await errorFrom(response);
  if (!response.body) throw new ApiError(0, "The browser cannot read streamed responses.");
  await readEvents(response.body, onEvent);
}
