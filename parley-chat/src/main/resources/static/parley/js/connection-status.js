// Shows "reconnecting…" in the page header while the socket is down, and exposes the state as
// <body data-connection="connecting|open|reconnecting"> for styling and tests.
import { t } from './strings.js';

export function showConnectionStatus(socket) {
  const label = document.getElementById('connection-status');
  socket.onStatus((status) => {
    document.body.dataset.connection = status;
    if (label !== null) {
      const down = status === 'reconnecting';
      label.hidden = !down;
      label.textContent = down ? t('parley.connection.reconnecting') : '';
    }
  });
}
