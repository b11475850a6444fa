// The list of the user's dialogs (the /dialogs/ page and the dialog page's side bar), kept live:
// presence dots, unread counts that rise and flash, entries moving to the top on new activity, and
// dialogs someone else started. Entries have the shape of templates/parley/dialog/fragments.html.
import { element, textElement } from './message-list.js';
import { t } from './strings.js';

export class DialogList {
  /**
   * @param socket a ReconnectingSocket
   * @param me the signed-in user's username
   * @param active the username whose dialog is open on this page, or null
   * @param listUrl the /dialogs/ page, re-read after a reconnect
   */
  constructor(socket, { me, active = null, listUrl }) {
    this.socket = socket;
    this.me = me;
    this.active = active;
    this.listUrl = listUrl;
    this.list = document.getElementById('dialog-list');
    this.empty = document.getElementById('empty-dialogs');
    this.refreshListeners = [];

    socket.on('gone-online', (f) => (f.usernames ?? []).forEach((u) => this.setOnline(u, true)));
    socket.on('gone-offline', (f) => this.setOnline(f.username, false));
    socket.on('new-dialog', (f) => this.onNewDialog(f));
    socket.on('new-message', (f) => this.onNewMessage(f));
    // I read a message, in this tab or another one: the server tells every socket of mine once.
    socket.on('message-read', (f) => this.readOne(f.dialog_id));
  }

  /** Calls `listener()` after the list was re-read from the server. */
  onRefresh(listener) {
    this.refreshListeners.push(listener);
  }

  entries() {
    return Array.from(this.list.children);
  }

  entry(username) {
    return this.entries().find((li) => li.dataset.username === username) ?? null;
  }

  entryOfDialog(dialogId) {
    return this.entries().find((li) => Number(li.dataset.dialogId) === dialogId) ?? null;
  }

  isOnline(username) {
    const li = this.entry(username);
    return li !== null && li.classList.contains('online');
  }

  setOnline(username, online) {
    const li = this.entry(username);
    if (li === null) {
      return;
    }
    li.classList.toggle('online', online);
    li.classList.toggle('offline', !online);
    li.querySelector('.presence-label').textContent = t(online ? 'parley.presence.online' : 'parley.presence.offline');
  }

  onNewDialog(frame) {
    const other = frame.owner === this.me ? frame.opponent : frame.owner;
    if (this.entry(other) === null) {
      this.addEntry(other, frame.dialog_id);
      // Presence is only announced between dialog partners: ask about the new one.
      this.socket.send({ type: 'check-online' });
    }
  }

  onNewMessage(frame) {
    if (typeof frame.dialog_id !== 'number') {
      return; // not a dialog message
    }
    const fromMe = frame.sender_name === this.me;
    const other = fromMe ? frame.username : frame.sender_name;
    let li = this.entryOfDialog(frame.dialog_id) ?? this.entry(other);
    if (li === null) {
      li = this.addEntry(other, frame.dialog_id);
      this.socket.send({ type: 'check-online' });
    }
    this.list.prepend(li);
    const time = li.querySelector('.activity');
    time.textContent = frame.created;
    time.dateTime = frame.timestamp ?? '';
    if (!fromMe) {
      this.setUnread(li, this.unread(li) + 1);
      if (other !== this.active) {
        flash(li);
      }
    }
  }

  /** A message of the dialog was read (here or in another tab): one unread fewer. */
  readOne(dialogId) {
    const li = this.entryOfDialog(dialogId);
    if (li !== null) {
      const count = Math.max(0, this.unread(li) - 1);
      this.setUnread(li, count);
      if (count === 0) {
        li.classList.remove('flash');
      }
    }
  }

  unread(li) {
    return Number(li.dataset.unread) || 0;
  }

  setUnread(li, count) {
    li.dataset.unread = String(count);
    li.classList.toggle('has-unread', count > 0);
    const badge = li.querySelector('.unread');
    badge.textContent = String(count);
    badge.hidden = count === 0;
    badge.title = t('parley.dialogs.unread', count);
  }

  addEntry(username, dialogId) {
    const li = element('li', 'dialog-entry offline');
    li.id = `dialog-${username}`;
    li.dataset.username = username;
    li.dataset.dialogId = String(dialogId);
    li.dataset.unread = '0';
    if (username === this.active) {
      li.classList.add('active');
    }
    const link = element('a');
    link.href = this.listUrl + encodeURIComponent(username);
    link.id = `user-${username}`;

    const main = element('span', 'entry-main');
    main.append(textElement('span', 'name', username), textElement('span', 'presence-label', t('parley.presence.offline')));
    const side = element('span', 'entry-side');
    const badge = textElement('span', 'unread', '0');
    badge.hidden = true;
    side.append(element('time', 'activity'), badge);
    const dot = element('span', 'presence-dot');
    dot.setAttribute('aria-hidden', 'true');
    link.append(dot, main, side);
    li.append(link);

    this.list.prepend(li);
    this.empty.hidden = true;
    return li;
  }

  /**
   * Re-reads the list from the server (after a reconnect, when events may have been missed) and
   * swaps the entries in. Parsing with DOMParser runs no scripts; the server escaped all text.
   */
  async refresh() {
    let html;
    try {
      const response = await fetch(this.listUrl, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (!response.ok) {
        return;
      }
      html = await response.text();
    } catch (e) {
      return;
    }
    const fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('dialog-list');
    if (fresh === null) {
      return; // e.g. the session ended and this is the login page
    }
    const entries = Array.from(fresh.children).map((li) => document.adoptNode(li));
    for (const li of entries) {
      const isActive = li.dataset.username === this.active;
      li.classList.toggle('active', isActive);
      const link = li.querySelector('a');
      if (isActive) {
        link.setAttribute('aria-current', 'page');
      } else {
        link.removeAttribute('aria-current');
      }
    }
    this.list.replaceChildren(...entries);
    this.empty.hidden = entries.length > 0;
    this.refreshListeners.forEach((listener) => listener());
  }
}

/** Restarts the entry's flash animation (it may still be running from the previous message). */
function flash(li) {
  li.classList.remove('flash');
  void li.offsetWidth; // forces a style flush so the animation starts again
  li.classList.add('flash');
  li.addEventListener('animationend', () => li.classList.remove('flash'), { once: true });
}
