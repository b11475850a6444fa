// /dialogs/: the live list of the user's dialogs.
import { showConnectionStatus } from './connection-status.js';
import { DialogList } from './dialog-list.js';
import { ReconnectingSocket, socketUrl } from './socket.js';

const page = document.getElementById('dialogs-page');
const socket = new ReconnectingSocket(socketUrl(page.dataset.wsPath, page.dataset.wsPort));
const list = new DialogList(socket, { me: page.dataset.me, listUrl: page.dataset.listUrl });

showConnectionStatus(socket);
socket.onOpen((reconnected) => {
  if (reconnected) {
    // Unread counts, new dialogs and presence may have changed while the socket was down.
    list.refresh();
  } else {
    // Presence may have changed between rendering the page and opening the socket.
    socket.send({ type: 'check-online' });
  }
});
// The server lost and regained its link to the other nodes: events may have been missed.
socket.on('delivery', (frame) => !frame.degraded && list.refresh());
socket.connect();
