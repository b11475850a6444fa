// The list of rooms on the rooms page, ordered by title and kept live: rooms created, renamed or
// deleted by staff appear, change or go without a reload, and each entry shows whether the user is in
// the room with a Join/Leave button. Entries have the shape of templates/parley/room/index.html.
import { t } from './strings.js';

export class RoomList {
  /**
   * @param socket a ReconnectingSocket
   * @param roomsUrl the /rooms/ page; a room's page is roomsUrl + slug
   * @param onToggle called with (roomId, join) when the user presses an entry's Join/Leave button
   */
  constructor(socket, { roomsUrl, onToggle }) {
    this.socket = socket;
    this.roomsUrl = roomsUrl;
    this.onToggle = onToggle;
    this.list = document.getElementById('room-list');
    this.empty = document.getElementById('no-rooms');

    for (const li of this.entries()) {
      this.wire(li);
    }
    socket.on('room-created', (f) => this.upsert(f));
    socket.on('room-changed', (f) => this.upsert(f));
    socket.on('room-deleted', (f) => this.remove(f.room_id));
  }

  entries() {
    return Array.from(this.list.children);
  }

  entry(roomId) {
    return this.entries().find((li) => Number(li.dataset.roomId) === roomId) ?? null;
  }

  title(roomId) {
    return this.entry(roomId)?.dataset.title ?? '';
  }

  /** Replaces the whole list with a {@code rooms} reply (after a reconnect: anything may have changed). */
  render(rooms) {
    const keep = new Set(rooms.map((r) => r.room_id));
    for (const li of this.entries()) {
      if (!keep.has(Number(li.dataset.roomId))) {
        li.remove();
      }
    }
    for (const room of rooms) {
      this.upsert(room);
      this.setJoined(room.room_id, room.member === true);
    }
    this.updateEmpty();
  }

  /** Adds a room or updates it (title, address, staff-only), keeping the list ordered by title. */
  upsert(room) {
    let li = this.entry(room.room_id);
    if (li === null) {
      li = document.createElement('li');
      li.className = 'room-entry';
      li.id = `room-link-${room.room_id}`;
      li.dataset.roomId = String(room.room_id);
      const link = document.createElement('a');
      link.className = 'room-name';
      const toggle = document.createElement('button');
      toggle.type = 'button';
      toggle.className = 'toggle link-button';
      toggle.textContent = t('parley.rooms.join');
      li.append(link, toggle);
      this.wire(li);
    }
    li.dataset.title = room.title;
    li.dataset.slug = room.slug;
    li.dataset.staffOnly = String(room.staff_only === true);
    const link = li.querySelector('.room-name');
    link.textContent = room.title;
    link.href = this.roomsUrl + encodeURIComponent(room.slug);
    let badge = li.querySelector('.staff-badge');
    if (room.staff_only && badge === null) {
      badge = document.createElement('span');
      badge.className = 'staff-badge';
      badge.textContent = t('parley.rooms.staffOnly');
      link.after(badge);
    } else if (!room.staff_only && badge !== null) {
      badge.remove();
    }
    li.remove();
    this.insertSorted(li);
    this.updateEmpty();
  }

  remove(roomId) {
    this.entry(roomId)?.remove();
    this.updateEmpty();
  }

  setJoined(roomId, joined) {
    const li = this.entry(roomId);
    if (li === null) {
      return;
    }
    li.classList.toggle('joined', joined);
    li.querySelector('.toggle').textContent = t(joined ? 'parley.rooms.leave' : 'parley.rooms.join');
  }

  isJoined(roomId) {
    return this.entry(roomId)?.classList.contains('joined') === true;
  }

  wire(li) {
    li.querySelector('.toggle').addEventListener('click', () => {
      const roomId = Number(li.dataset.roomId);
      this.onToggle(roomId, !li.classList.contains('joined'));
    });
  }

  // Ordered by title, case-insensitive, then id: the server's order.
  insertSorted(li) {
    const title = li.dataset.title;
    const id = Number(li.dataset.roomId);
    const next = this.entries().find((other) => {
      const order = title.localeCompare(other.dataset.title, undefined, { sensitivity: 'base' });
      return order < 0 || (order === 0 && id < Number(other.dataset.roomId));
    });
    this.list.insertBefore(li, next ?? null);
  }

  updateEmpty() {
    if (this.empty !== null) {
      this.empty.hidden = this.list.children.length > 0;
    }
  }
}
