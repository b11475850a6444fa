// /rooms/ and /rooms/{slug}: the live room list beside a pane for each room the user is in, any number
// at once, over one reconnecting socket (docs/protocol.md, "Rooms").
//
// Membership is kept by the server per user, so after every (re)connect the page asks for the room list
// and brings itself in line with it: panes of rooms the user is in are (re)joined with the id of the
// newest message shown, so the server sends what was missed while the socket was down; panes of rooms
// the user left elsewhere (another tab, staff) go.
import { showConnectionStatus } from './connection-status.js';
import { RoomList } from './room-list.js';
import { TimedNotice } from './message-list.js';
import { RoomPane } from './room-pane.js';
import { ReconnectingSocket, socketUrl } from './socket.js';
import { errorText, t } from './strings.js';

const page = document.getElementById('rooms-page');
const me = page.dataset.me;
const socket = new ReconnectingSocket(socketUrl(page.dataset.wsPath, page.dataset.wsPort));
const paneArea = document.getElementById('room-panes');
const noPanes = document.getElementById('no-panes');
const pageNotice = new TimedNotice(document.getElementById('rooms-notice'));
const panes = new Map(); // room id -> RoomPane
const joining = new Set(); // room ids this page asked to join and has no reply for yet
let openRoom = page.dataset.openRoom ? Number(page.dataset.openRoom) : null;

const list = new RoomList(socket, {
  roomsUrl: page.dataset.roomsUrl,
  onToggle: (roomId, join) => (join ? requestJoin(roomId) : requestLeave(roomId)),
});

function requestJoin(roomId, after) {
  const frame = { type: 'room-join', room_id: roomId };
  if (after) {
    frame.after = after;
  }
  if (socket.send(frame)) {
    joining.add(roomId);
  }
}

function requestLeave(roomId) {
  socket.send({ type: 'room-leave', room_id: roomId });
}

function paneFor(roomId) {
  let pane = panes.get(roomId);
  if (pane === undefined) {
    pane = new RoomPane(socket, { roomId, me, onLeave: requestLeave });
    pane.setTitle(list.title(roomId));
    panes.set(roomId, pane);
    paneArea.append(pane.element);
    noPanes.hidden = true;
  }
  return pane;
}

function closePane(roomId, why) {
  const pane = panes.get(roomId);
  joining.delete(roomId);
  list.setJoined(roomId, false);
  if (pane === undefined) {
    return;
  }
  panes.delete(roomId);
  pane.element.remove();
  noPanes.hidden = panes.size > 0;
  if (why) {
    pageNotice.show(why);
  }
}

// ---- replies to this page ----

socket.on('rooms', (frame) => {
  list.render(frame.rooms);
  const member = new Set(frame.rooms.filter((r) => r.member).map((r) => r.room_id));
  for (const roomId of [...panes.keys()]) {
    if (!member.has(roomId)) {
      closePane(roomId);
    }
  }
  for (const roomId of member) {
    const pane = panes.get(roomId);
    // A pane resumes after its newest message; a room joined elsewhere gets a pane with its newest page.
    requestJoin(roomId, pane === undefined ? undefined : pane.lastId());
  }
  if (openRoom !== null && !member.has(openRoom)) {
    requestJoin(openRoom);
  }
  openRoom = null;
});

socket.on('room-joined', (frame) => {
  joining.delete(frame.room_id);
  list.setJoined(frame.room_id, true);
  paneFor(frame.room_id).onJoined(frame);
});

socket.on('room-history', (frame) => panes.get(frame.room_id)?.onHistory(frame));
socket.on('room-left', (frame) => closePane(frame.room_id));
socket.on('room-message', (frame) => panes.get(frame.room_id)?.onMessage(frame));
socket.on('room-message-removed', (frame) => panes.get(frame.room_id)?.remove(frame.message_id));
socket.on('room-message-restored', (frame) => panes.get(frame.room_id)?.restore(frame));
socket.on('room-changed', (frame) => panes.get(frame.room_id)?.setTitle(frame.title));
socket.on('room-deleted', (frame) => panes.has(frame.room_id) && closePane(frame.room_id, t('parley.rooms.deleted')));

socket.on('room-member-joined', (frame) => {
  if (frame.username === me) {
    // Joined in another tab: this page follows.
    if (!panes.has(frame.room_id) && !joining.has(frame.room_id)) {
      requestJoin(frame.room_id);
    }
    return;
  }
  const pane = panes.get(frame.room_id);
  if (pane !== undefined) {
    pane.setMember(frame.username, true);
    if (frame.notice) {
      pane.addNotice(t('parley.rooms.entered', frame.username), 4);
    }
  }
});

socket.on('room-member-left', (frame) => {
  if (frame.username === me) {
    // Left in another tab, or removed by staff.
    closePane(frame.room_id, panes.has(frame.room_id) ? t('parley.rooms.removedFromRoom') : null);
    return;
  }
  const pane = panes.get(frame.room_id);
  if (pane !== undefined) {
    pane.setMember(frame.username, false);
    if (frame.notice) {
      pane.addNotice(t('parley.rooms.left', frame.username), 5);
    }
  }
});

socket.on('room-presence', (frame) => {
  const pane = panes.get(frame.room_id);
  if (pane === undefined || frame.username === me) {
    return;
  }
  pane.setMember(frame.username, frame.online);
  if (frame.notice) {
    pane.addNotice(t(frame.online ? 'parley.rooms.cameOnline' : 'parley.rooms.wentOffline', frame.username), frame.online ? 4 : 5);
  }
});

socket.on('room-notice', (frame) => {
  const level = [1, 2, 3].includes(frame.level) ? frame.level : 1;
  panes.get(frame.room_id)?.addNotice(t(`parley.rooms.notice.level${level}`, frame.username, frame.message), level);
});

socket.on('error', (frame) => {
  if (frame.room_id === undefined) {
    pageNotice.show(errorText(frame.code));
    return;
  }
  const pane = panes.get(frame.room_id);
  if (joining.has(frame.room_id) && pane === undefined) {
    // The room is gone or hidden now: it leaves the list too.
    joining.delete(frame.room_id);
    if (frame.code === 'room-not-found') {
      list.remove(frame.room_id);
    }
    pageNotice.show(errorText(frame.code));
    return;
  }
  pane?.onError(frame);
});

// Every (re)open: the server's view of this user's rooms is the truth.
socket.onOpen(() => socket.send({ type: 'rooms' }));
// The server lost and regained its link to the other nodes: events may have been missed.
socket.on('delivery', (frame) => {
  if (!frame.degraded) {
    socket.send({ type: 'rooms' });
  }
});

showConnectionStatus(socket);
socket.connect();
