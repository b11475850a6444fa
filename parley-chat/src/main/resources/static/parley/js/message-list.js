// What the dialog view and the room panes show alike: message rows in the shape of the message fragment
// of templates/parley/dialog/fragments.html, the scrolling list they sit in, the send box's keys and a
// notice that goes after a while. All text goes in through textContent.

const NOTICE_SHOWN_MS = 6000;
const NEAR_BOTTOM_PX = 80;

export function element(tag, className) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  return node;
}

export function textElement(tag, className, value) {
  const node = element(tag, className);
  node.textContent = value;
  return node;
}

/**
 * A message's row: `<li class="message mine|theirs">` with the sender, the text and a `.meta` holding the
 * time, for the caller to add its own classes and marks to.
 */
export function messageRow(me, { sender, text, created = '', timestamp = '' }) {
  const row = element('li', `message ${sender === me ? 'mine' : 'theirs'}`);
  row.dataset.sender = sender;
  const meta = element('span', 'meta');
  const time = textElement('time', 'timestamp', created);
  if (timestamp) {
    time.dateTime = timestamp;
  }
  meta.append(time);
  const bubble = element('div', 'bubble');
  bubble.append(textElement('span', 'username', sender), textElement('p', 'text', text), meta);
  row.append(bubble);
  return row;
}

/** The highest of these message ids, 0 when there are none (an `after` that asks for everything). */
export function newestId(ids) {
  let last = 0;
  for (const id of ids) {
    last = Math.max(last, id);
  }
  return last;
}

/** The lowest of these message ids, null when there are none. */
export function oldestId(ids) {
  let first = null;
  for (const id of ids) {
    first = first === null ? id : Math.min(first, id);
  }
  return first;
}

/**
 * Whether a message staff restored can go back among the rows shown: not when it is older than the oldest
 * one shown while older history is still to load ("load older" brings it, in its place, and asking for the
 * messages before a restored one would skip those in between).
 */
export function canRestore(id, ids, loadOlderButton) {
  const oldest = oldestId(ids);
  return oldest === null || id > oldest || loadOlderButton.hidden;
}

/** Whether the reader is at (or close to) the bottom, so a new row should keep them there. */
export function nearBottom(container) {
  return container.scrollHeight - container.scrollTop - container.clientHeight < NEAR_BOTTOM_PX;
}

export function scrollToBottom(container) {
  container.scrollTop = container.scrollHeight;
}

/** Enter or the form's button sends; Shift+Enter adds a line (and Enter while composing is the IME's). */
export function onSend(form, input, send) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  });
}

/** A notice line that shows a text for a few seconds (a newer text starts the time again). */
export class TimedNotice {
  constructor(node) {
    this.node = node;
    this.timer = null;
  }

  show(text) {
    this.node.textContent = text;
    this.node.hidden = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.node.hidden = true;
    }, NOTICE_SHOWN_MS);
  }
}
