// /dialogs/{username}: the open dialog beside the live list of all dialogs, over one socket.
import { showConnectionStatus } from './connection-status.js';
import { DialogList } from './dialog-list.js';
import { DialogView } from './dialog-view.js';
import { ReconnectingSocket, socketUrl } from './socket.js';

const page = document.getElementById('dialog-page');
const socket = new ReconnectingSocket(socketUrl(page.dataset.wsPath));
const opponent = page.dataset.opponent;
const list = new DialogList(socket, { me: page.dataset.me, active: opponent, listUrl: page.dataset.listUrl });
const view = new DialogView(socket, { me: page.dataset.me, opponent, dialogId: Number(page.dataset.dialogId) });

showConnectionStatus(socket);
socket.onOpen((reconnected) => {
  if (reconnected) {
    // Unread counts, new dialogs and presence may have changed while the socket was down.
    list.refresh();
  }
});
list.onRefresh(() => view.setOpponentOnline(list.isOnline(opponent)));
socket.connect();
