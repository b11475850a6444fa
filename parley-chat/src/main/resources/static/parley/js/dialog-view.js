// One open dialog: history with "load older", live messages, the send box, typing, read receipts,
// the other user's presence, and catching up after a reconnect so nothing is lost. Message rows come
// from message-list.js (the shape of templates/parley/dialog/fragments.html); all text goes in through
// textContent.
import { canRestore, messageRow, nearBottom, newestId, oldestId, onSend, scrollToBottom, textElement, TimedNotice } from './message-list.js';
import { errorText, t } from './strings.js';

const TYPING_SHOWN_MS = 3000;
const TYPING_SEND_EVERY_MS = 1000;
const HISTORY_OLDER = 'history-older';
const HISTORY_AFTER = 'history-after';
const READ_PREFIX = 'read-';

let clientIds = 0;

function newClientId() {
  clientIds += 1;
  return `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${clientIds}`;
}

export class DialogView {
  /**
   * @param socket a ReconnectingSocket
   * @param me the signed-in user's username
   * @param opponent the other user's username
   * @param dialogId this dialog's id
   */
  constructor(socket, { me, opponent, dialogId }) {
    this.socket = socket;
    this.me = me;
    this.opponent = opponent;
    this.dialogId = dialogId;

    this.container = document.getElementById('messages-container');
    this.list = document.getElementById('messages');
    this.loadOlderButton = document.getElementById('load-older');
    this.noMessages = document.getElementById('no-messages');
    this.typing = document.getElementById('typing-text');
    this.notice = new TimedNotice(document.getElementById('notice'));
    this.form = document.getElementById('send-form');
    this.input = document.getElementById('chat-message');
    this.onlineStatus = document.getElementById('online-status');
    this.offlineStatus = document.getElementById('offline-status');

    this.byId = new Map(); // message id -> row
    this.pending = new Map(); // client id -> { clientId, text, row, generation, failed }
    this.inView = new Set(); // incoming unread rows on screen
    this.generation = 0; // counts socket openings; a pending message remembers the one it was sent on
    this.catchingUp = false;
    this.loadingOlder = false;
    this.lastTypingSent = 0;
    this.typingTimer = null;

    this.observer = new IntersectionObserver((entries) => this.onVisibility(entries), {
      root: this.container,
      threshold: 0,
    });
    for (const row of this.list.children) {
      const id = Number(row.dataset.id);
      this.byId.set(id, row);
      this.watchIfUnread(row);
    }

    socket.on('new-message', (f) => this.forThisDialog(f, () => this.onNewMessage(f)));
    socket.on('history', (f) => this.forThisDialog(f, () => this.onHistory(f)));
    socket.on('opponent-typing', (f) => this.forThisDialog(f, () => f.username === this.opponent && this.showTyping()));
    socket.on('opponent-read-message', (f) => this.forThisDialog(f, () => this.markRead(f.message_id)));
    // I read one of the other user's messages, maybe in another tab: no need to send a receipt for it here.
    socket.on('message-read', (f) => this.forThisDialog(f, () => this.markRead(f.message_id)));
    socket.on('message-removed', (f) => this.forThisDialog(f, () => this.remove(f.message_id)));
    socket.on('message-restored', (f) => this.forThisDialog(f, () => this.restore(f)));
    socket.on('gone-online', (f) => (f.usernames ?? []).includes(this.opponent) && this.setOpponentOnline(true));
    socket.on('gone-offline', (f) => f.username === this.opponent && this.setOpponentOnline(false));
    socket.on('error', (f) => this.onError(f));
    socket.onOpen((reconnected) => this.onOpen(reconnected));

    onSend(this.form, this.input, () => this.submit());
    this.input.addEventListener('input', () => {
      this.fitInput();
      this.typed();
    });
    this.loadOlderButton.addEventListener('click', () => this.loadOlder());
    document.addEventListener('visibilitychange', () => this.sendReads());

    scrollToBottom(this.container);
  }

  forThisDialog(frame, action) {
    if (frame.dialog_id === this.dialogId) {
      action();
    }
  }

  // ---- connection ----

  onOpen(reconnected) {
    this.generation += 1;
    // Messages sent while this page was loading or the socket was down are fetched by id.
    this.catchUp();
    if (!reconnected) {
      this.socket.send({ type: 'check-online' });
    }
    this.sendReads();
  }

  catchUp() {
    this.catchingUp = true;
    const sent = this.socket.send({
      type: 'history',
      dialog_id: this.dialogId,
      after: newestId(this.byId.keys()),
      client_id: HISTORY_AFTER,
    });
    if (!sent) {
      this.catchingUp = false;
    }
  }

  caughtUp() {
    this.catchingUp = false;
    // Sent on a socket that dropped, and not found in the history: it never reached the server.
    for (const p of this.pending.values()) {
      if (!p.failed && p.generation !== null && p.generation < this.generation) {
        this.fail(p, t('parley.message.failed'));
      }
    }
    for (const p of this.pending.values()) {
      if (!p.failed && p.generation === null) {
        this.transmit(p);
      }
    }
  }

  // ---- incoming frames ----

  onNewMessage(frame) {
    const p = frame.client_id ? this.pending.get(frame.client_id) : undefined;
    if (p !== undefined) {
      this.confirm(p, frame);
    } else {
      this.show(frame, { live: true });
    }
    if (frame.sender_name === this.opponent) {
      this.hideTyping();
    }
  }

  onHistory(frame) {
    if (frame.direction === 'before') {
      this.showOlder(frame.messages, frame.has_more);
      return;
    }
    for (const m of frame.messages) {
      const p = m.sender_name === this.me && !this.byId.has(m.message_id) ? this.lostPending(m.message) : undefined;
      if (p !== undefined) {
        this.confirm(p, m);
      } else {
        this.show(m, { live: true });
      }
    }
    if (frame.has_more) {
      this.catchUp();
    } else {
      this.caughtUp();
    }
  }

  /** A message of mine sent on an earlier socket whose echo never came, with this text. */
  lostPending(text) {
    for (const p of this.pending.values()) {
      if (!p.failed && p.generation !== null && p.generation < this.generation && p.text === text) {
        return p;
      }
    }
    return undefined;
  }

  onError(frame) {
    const ref = frame.client_id ?? '';
    if (ref.startsWith(READ_PREFIX)) {
      return; // a receipt for a message that is gone; nothing for the user to do
    }
    if (ref === HISTORY_OLDER) {
      this.loadingOlder = false;
      this.loadOlderButton.disabled = false;
    } else if (ref === HISTORY_AFTER) {
      this.caughtUp();
    }
    const p = this.pending.get(ref);
    if (p !== undefined) {
      this.fail(p, errorText(frame.code));
    } else {
      this.notice.show(errorText(frame.code));
    }
  }

  // ---- message rows ----

  /** Adds a stored message (a new-message frame or a history entry) unless it is shown already. */
  show(m, { live }) {
    const existing = this.byId.get(m.message_id);
    if (existing !== undefined) {
      if (m.read) {
        this.setRead(existing);
      }
      return;
    }
    const stick = live && (m.sender_name === this.me || nearBottom(this.container));
    const row = this.row({
      sender: m.sender_name,
      text: m.message,
      created: m.created,
      timestamp: m.timestamp,
      read: m.read === true,
    });
    row.dataset.id = String(m.message_id);
    this.byId.set(m.message_id, row);
    this.place(row, m.message_id);
    this.noMessages.hidden = true;
    this.watchIfUnread(row);
    if (stick) {
      scrollToBottom(this.container);
    }
  }

  showOlder(messages, hasMore) {
    const height = this.container.scrollHeight;
    const top = this.container.scrollTop;
    for (const m of messages) {
      this.show(m, { live: false });
    }
    // Keep what the reader was looking at in place while rows appear above it.
    this.container.scrollTop = top + (this.container.scrollHeight - height);
    this.loadOlderButton.hidden = !hasMore;
    this.loadOlderButton.disabled = false;
    this.loadingOlder = false;
  }

  /** A message row with its read state and, on my own messages, the receipt. */
  row({ sender, text, created, timestamp, read, pending = false }) {
    const row = messageRow(this.me, { sender, text, created, timestamp });
    row.classList.add(read ? 'msg-read' : 'msg-unread');
    if (pending) {
      row.classList.add('pending');
    }
    if (sender === this.me) {
      const receipt = t(pending ? 'parley.message.sending' : read ? 'parley.message.read' : 'parley.message.sent');
      row.querySelector('.meta').append(textElement('span', 'receipt', receipt));
    }
    return row;
  }

  /** Inserts a stored message's row in id order, above rows still waiting for the server. */
  place(row, id) {
    const first = this.list.firstElementChild;
    if (first !== null && first.dataset.id !== undefined && id < Number(first.dataset.id)) {
      this.list.prepend(row); // an older page: no need to walk the whole list
      return;
    }
    let after = this.list.lastElementChild;
    while (after !== null && (after.dataset.id === undefined || Number(after.dataset.id) > id)) {
      after = after.previousElementSibling;
    }
    if (after === null) {
      this.list.prepend(row);
    } else {
      after.after(row);
    }
  }

  setRead(row) {
    row.classList.replace('msg-unread', 'msg-read');
    const receipt = row.querySelector('.receipt');
    if (receipt !== null) {
      receipt.textContent = t('parley.message.read');
    }
    this.observer.unobserve(row);
    this.inView.delete(row);
  }

  markRead(id) {
    const row = this.byId.get(id);
    if (row !== undefined) {
      this.setRead(row);
    }
  }

  remove(id) {
    const row = this.byId.get(id);
    if (row !== undefined) {
      this.observer.unobserve(row);
      this.inView.delete(row);
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
    this.show(m, { live: false });
    if (stick) {
      scrollToBottom(this.container);
    }
  }

  // ---- sending ----

  submit() {
    const text = this.input.value.trim();
    if (text === '') {
      return;
    }
    this.input.value = '';
    this.fitInput();
    const row = this.row({ sender: this.me, text, read: false, pending: true });
    this.list.append(row);
    this.noMessages.hidden = true;
    scrollToBottom(this.container);
    const p = { clientId: newClientId(), text, row, generation: null, failed: false };
    row.dataset.clientId = p.clientId;
    this.pending.set(p.clientId, p);
    // Until the catch-up after a (re)connect is done, new messages wait so they stay in order.
    if (!this.catchingUp) {
      this.transmit(p);
    }
  }

  transmit(p) {
    const sent = this.socket.send({
      type: 'new-message',
      dialog_id: this.dialogId,
      message: p.text,
      client_id: p.clientId,
    });
    p.generation = sent ? this.generation : null;
  }

  /** The server stored my pending message: it becomes an ordinary row (or goes, if already shown). */
  confirm(p, m) {
    this.pending.delete(p.clientId);
    const row = p.row;
    if (this.byId.has(m.message_id)) {
      row.remove();
      return;
    }
    row.classList.remove('pending', 'failed');
    delete row.dataset.clientId;
    row.dataset.id = String(m.message_id);
    const time = row.querySelector('.timestamp');
    time.textContent = m.created;
    time.dateTime = m.timestamp ?? '';
    row.querySelector('.receipt').textContent = t(m.read ? 'parley.message.read' : 'parley.message.sent');
    row.querySelector('.retry')?.remove();
    this.byId.set(m.message_id, row);
    row.remove();
    this.place(row, m.message_id);
    if (m.read) {
      this.setRead(row);
    }
  }

  fail(p, why) {
    p.failed = true;
    p.generation = null;
    const row = p.row;
    row.classList.remove('pending');
    row.classList.add('failed');
    row.querySelector('.receipt').textContent = why;
    if (row.querySelector('.retry') === null) {
      const retry = textElement('button', 'retry link-button', t('parley.message.retry'));
      retry.type = 'button';
      retry.addEventListener('click', () => this.retry(p));
      row.querySelector('.meta').append(retry);
    }
  }

  retry(p) {
    p.failed = false;
    p.row.classList.remove('failed');
    p.row.classList.add('pending');
    p.row.querySelector('.receipt').textContent = t('parley.message.sending');
    p.row.querySelector('.retry')?.remove();
    if (!this.catchingUp) {
      this.transmit(p);
    }
  }

  /** Grows the send box with its text (CSS caps the height). */
  fitInput() {
    this.input.style.height = 'auto';
    this.input.style.height = `${this.input.scrollHeight + 2}px`;
  }

  // ---- typing ----

  typed() {
    const now = Date.now();
    if (this.input.value !== '' && now - this.lastTypingSent >= TYPING_SEND_EVERY_MS) {
      if (this.socket.send({ type: 'is-typing', dialog_id: this.dialogId, typing: true })) {
        this.lastTypingSent = now;
      }
    }
  }

  showTyping() {
    this.typing.hidden = false;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.hideTyping(), TYPING_SHOWN_MS);
  }

  hideTyping() {
    clearTimeout(this.typingTimer);
    this.typing.hidden = true;
  }

  // ---- read receipts: sent for incoming unread rows on screen while the tab is visible ----

  watchIfUnread(row) {
    if (row.classList.contains('theirs') && row.classList.contains('msg-unread')) {
      this.observer.observe(row);
    }
  }

  onVisibility(entries) {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        this.inView.add(entry.target);
      } else {
        this.inView.delete(entry.target);
      }
    }
    this.sendReads();
  }

  sendReads() {
    if (document.visibilityState !== 'visible') {
      return;
    }
    for (const row of this.inView) {
      const id = Number(row.dataset.id);
      if (!row.classList.contains('msg-unread')) {
        continue;
      }
      if (this.socket.send({ type: 'read_message', message_id: id, client_id: READ_PREFIX + id })) {
        // Marked at once so it is not sent twice; the unread counts drop with the server's message-read,
        // which reaches every tab of mine once, whichever sent the receipt.
        this.setRead(row);
      }
    }
  }

  // ---- the rest ----

  loadOlder() {
    const before = oldestId(this.byId.keys());
    if (this.loadingOlder || before === null) {
      return;
    }
    const sent = this.socket.send({ type: 'history', dialog_id: this.dialogId, before, client_id: HISTORY_OLDER });
    if (sent) {
      this.loadingOlder = true;
      this.loadOlderButton.disabled = true;
    }
  }

  setOpponentOnline(online) {
    this.onlineStatus.hidden = !online;
    this.offlineStatus.hidden = online;
    if (!online) {
      this.hideTyping();
    }
  }

}
