// One room on the rooms page: its messages (history on join, "load older", live messages), its notices
// (enter/leave, staff alerts), the members here now and a send box. Built from the
// #room-pane-template of templates/parley/room/index.html, with message rows from message-list.js; all
// text goes in through textContent.
import { canRestore, element, messageRow, nearBottom, newestId, oldestId, onSend, scrollToBottom, textElement, TimedNotice } from './message-list.js';
import { errorText, t } from './strings.js';

let clientIds = 0;

function newClientId(roomId) {
  clientIds += 1;
  return `room-${roomId}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${clientIds}`;
}

export class RoomPane {
  /**
   * @param socket a ReconnectingSocket
   * @param roomId the room's id
   * @param me the signed-in user's username
   * @param onLeave called when the user presses the pane's Leave button
   */
  constructor(socket, { roomId, me, onLeave }) {
    this.socket = socket;
    this.roomId = roomId;
    this.me = me;

    const template = document.getElementById('room-pane-template');
    this.element = template.content.firstElementChild.cloneNode(true);
    this.element.id = `room-${roomId}`;
    this.element.dataset.roomId = String(roomId);
    this.titleElement = this.element.querySelector('.room-title');
    this.container = this.element.querySelector('.messages-container');
    this.list = this.element.querySelector('.messages');
    this.loadOlderButton = this.element.querySelector('.load-older');
    this.noMessages = this.element.querySelector('.no-messages');
    this.members = this.element.querySelector('.member-list');
    this.notice = new TimedNotice(this.element.querySelector('.notice'));
    this.form = this.element.querySelector('.send-form');
    this.input = this.form.querySelector('textarea');

    this.byId = new Map(); // message id -> row
    this.pending = new Map(); // client id -> { clientId, text, row, failed }
    this.loadingOlder = false;
    this.afterJoin = false;

    this.element.querySelector('.leave').addEventListener('click', () => onLeave(roomId));
    onSend(this.form, this.input, () => this.submit());
    this.loadOlderButton.addEventListener('click', () => this.loadOlder());
  }

  setTitle(title) {
    this.titleElement.textContent = title;
  }

  /** The reply to room-join: who is in the room; the history follows in its own frame. */
  onJoined(frame) {
    this.afterJoin = true;
    this.setTitle(frame.title);
    this.members.replaceChildren();
    for (const m of frame.members ?? []) {
      this.setMember(m.username, m.online === true);
    }
  }

  // ---- history and messages ----

  /** The newest message id shown, 0 when none: where a (re)join or a catch-up starts. */
  lastId() {
    return newestId(this.byId.keys());
  }

  /** A room-history frame: the first page, an older page, or a catch-up page after a reconnect. */
  onHistory(frame) {
    if (frame.direction === 'before') {
      const first = this.byId.size === 0;
      const height = this.container.scrollHeight;
      const top = this.container.scrollTop;
      for (const m of frame.messages) {
        this.show(m);
      }
      if (first) {
        scrollToBottom(this.container);
      } else {
        // Keep what the reader was looking at in place while rows appear above it.
        this.container.scrollTop = top + (this.container.scrollHeight - height);
      }
      this.loadOlderButton.hidden = !frame.has_more;
      this.loadOlderButton.disabled = false;
      this.loadingOlder = false;
    } else {
      for (const m of frame.messages) {
        this.onMessage(m);
      }
      if (frame.has_more) {
        this.catchUp();
        return;
      }
    }
    this.noMessages.hidden = this.list.children.length > 0;
    // The history that follows a (re)join, or the end of a catch-up: this pane is up to date.
    if (this.afterJoin || frame.direction === 'after') {
      this.afterJoin = false;
      this.caughtUp();
    }
  }

  /** After a reconnect: everything after the newest message shown (nothing is lost while away). */
  catchUp() {
    this.socket.send({ type: 'room-history', room_id: this.roomId, after: this.lastId() });
  }

  /**
   * Up to date after a (re)join: a message sent on a socket that dropped and not found in the catch-up
   * never reached the server; one typed while the socket was down goes out now.
   */
  caughtUp() {
    for (const p of this.pending.values()) {
      if (!p.failed && p.sentOn !== null && p.sentOn !== this.socket.opens) {
        this.fail(p, t('parley.message.failed'));
      }
    }
    for (const p of this.pending.values()) {
      if (!p.failed && p.sentOn === null) {
        this.transmit(p);
      }
    }
  }

  /** A live room-message frame (or a catch-up entry). */
  onMessage(m) {
    const p = m.client_id ? this.pending.get(m.client_id) : this.lostPending(m);
    if (p !== undefined) {
      this.pending.delete(p.clientId);
      p.row.remove();
    }
    const stick = m.sender_name === this.me || nearBottom(this.container);
    this.show(m);
    this.noMessages.hidden = true;
    if (stick) {
      scrollToBottom(this.container);
    }
  }

  lostPending(m) {
    if (m.sender_name !== this.me) {
      return undefined;
    }
    for (const p of this.pending.values()) {
      if (p.sentOn !== null && p.sentOn !== this.socket.opens && p.text === m.message) {
        return p;
      }
    }
    return undefined;
  }

  show(m) {
    if (this.byId.has(m.message_id)) {
      return;
    }
    const newest = m.message_id > this.lastId();
    const row = messageRow(this.me, {
      sender: m.sender_name,
      text: m.message,
      created: m.created,
      timestamp: m.timestamp,
    });
    row.dataset.id = String(m.message_id);
    this.byId.set(m.message_id, row);
    this.place(row, m.message_id, newest);
  }

  /**
   * The newest message goes at the end (after the notices shown so far, above my messages still on their
   * way); an older one (history) goes in id order among the messages.
   */
  place(row, id, newest) {
    const rows = Array.from(this.list.children);
    const next = newest
        ? rows.find((r) => r.classList.contains('pending') || r.classList.contains('failed'))
        : rows.find((r) => r.dataset.id !== undefined && Number(r.dataset.id) > id);
    this.list.insertBefore(row, next ?? null);
  }

  remove(id) {
    const row = this.byId.get(id);
    if (row !== undefined) {
      this.byId.delete(id);
      row.remove();
      this.noMessages.hidden = this.list.children.length > 0;
    }
  }

  /** Staff restored a message: it goes back in its place (see canRestore). */
  restore(m) {
    if (!canRestore(m.message_id, this.byId.keys(), this.loadOlderButton)) {
      return;
    }
    const stick = nearBottom(this.container);
    this.show(m);
    this.noMessages.hidden = true;
    if (stick) {
      scrollToBottom(this.container);
    }
  }

  loadOlder() {
    const before = oldestId(this.byId.keys());
    if (this.loadingOlder || before === null) {
      return;
    }
    if (this.socket.send({ type: 'room-history', room_id: this.roomId, before })) {
      this.loadingOlder = true;
      this.loadOlderButton.disabled = true;
    }
  }

  // ---- notices and members ----

  /** A line in the message list that is not a message: who came and went, staff alerts. */
  addNotice(text, level) {
    const stick = nearBottom(this.container);
    const row = textElement('li', `room-notice level-${level}`, text);
    this.list.append(row);
    this.noMessages.hidden = true;
    if (stick) {
      scrollToBottom(this.container);
    }
  }

  setMember(username, online) {
    let li = Array.from(this.members.children).find((m) => m.dataset.username === username) ?? null;
    if (!online) {
      li?.remove();
      return;
    }
    if (li === null) {
      li = textElement('li', 'member', username);
      li.dataset.username = username;
      const next = Array.from(this.members.children).find((m) => m.dataset.username.localeCompare(username) > 0);
      this.members.insertBefore(li, next ?? null);
    }
  }

  // ---- sending ----

  submit() {
    const text = this.input.value.trim();
    if (text === '') {
      return;
    }
    this.input.value = '';
    const row = messageRow(this.me, { sender: this.me, text });
    row.classList.add('pending');
    this.list.append(row);
    this.noMessages.hidden = true;
    scrollToBottom(this.container);
    const p = { clientId: newClientId(this.roomId), text, row, failed: false, sentOn: null };
    row.dataset.clientId = p.clientId;
    this.pending.set(p.clientId, p);
    this.transmit(p);
  }

  transmit(p) {
    // While the socket is down it waits (sentOn null) and goes out when the pane has caught up.
    const sent = this.socket.send({ type: 'room-send', room_id: this.roomId, message: p.text, client_id: p.clientId });
    p.sentOn = sent ? this.socket.opens : null;
  }

  /** An error frame about this room: a failed send, or a refused request. */
  onError(frame) {
    const p = frame.client_id ? this.pending.get(frame.client_id) : undefined;
    if (p !== undefined) {
      this.fail(p, errorText(frame.code));
      if (frame.code === 'user-muted') {
        this.addNotice(t('parley.rooms.notice.level3', this.me, errorText(frame.code)), 3);
      }
      return;
    }
    this.loadingOlder = false;
    this.loadOlderButton.disabled = false;
    this.notice.show(errorText(frame.code));
  }

  fail(p, why) {
    p.failed = true;
    const row = p.row;
    row.classList.remove('pending');
    row.classList.add('failed');
    let reason = row.querySelector('.reason');
    if (reason === null) {
      reason = element('span', 'reason');
      row.querySelector('.meta').append(reason);
    }
    reason.textContent = why;
    if (row.querySelector('.retry') === null) {
      const retry = textElement('button', 'retry link-button', t('parley.message.retry'));
      retry.type = 'button';
      retry.addEventListener('click', () => {
        p.failed = false;
        row.classList.remove('failed');
        row.classList.add('pending');
        retry.remove();
        row.querySelector('.reason')?.remove();
        this.transmit(p);
      });
      row.querySelector('.meta').append(retry);
    }
  }
}
