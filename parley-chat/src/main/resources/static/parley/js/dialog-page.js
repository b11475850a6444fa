// /dialogs/{username}: the open dialog beside the live list of all dialogs, over one socket.
import { showConnectionStatus } from './connection-status.js';
import { DialogList } from './dialog-list.js';
import { DialogView } from './dialog-view.js';
import { ReconnectingSocket, socketUrl } from './socket.js';

const page = document.getElementById('dialog-page');
const socket = new ReconnectingSocket(socketUrl(page.dataset.wsPath, page.dataset.wsPort));
const opponent = page.dataset.opponent;
const dialogId = Number(page.dataset.dialogId);
const list = new DialogList(socket, { me: page.dataset.me, active: opponent, listUrl: page.dataset.listUrl });
const view = new DialogView(socket, { me: page.dataset.me, opponent, dialogId });

showConnectionStatus(socket);
list.onRefresh(() => view.setOpponentOnline(list.isOnline(opponent)));
// The view catches up on its own dialog whenever the socket opens. Unread counts, new dialogs and
// presence elsewhere may have changed while the socket was down: the list is re-read.
socket.onOpen((reconnected) => reconnected && list.refresh());
// The server lost and regained its link to the other nodes: events may have been missed.
socket.on('delivery', (frame) => {
  if (!frame.degraded) {
    view.catchUp();
    list.refresh();
  }
});
socket.connect();
