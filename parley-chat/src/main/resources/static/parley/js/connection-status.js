// Shows in the page header when the chat is not fully live: "reconnecting…" while the socket is down,
// and a warning while the server reports delayed delivery (a `delivery` frame with degraded: true).
// Exposes the state as <body data-connection="connecting|open|reconnecting"> for styling and tests.
import { t } from './strings.js';

export function showConnectionStatus(socket) {
  const label = document.getElementById('connection-status');
  let status = 'connecting';
  let degraded = false;

  const render = () => {
    document.body.dataset.connection = status;
    if (label === null) {
      return;
    }
    const key = status === 'reconnecting' ? 'parley.connection.reconnecting' : degraded ? 'parley.connection.degraded' : null;
    label.hidden = key === null;
    label.textContent = key === null ? '' : t(key);
  };

  socket.onStatus((next) => {
    status = next;
    if (next === 'open') {
      degraded = false; // a new socket starts from a fresh catch-up
    }
    render();
  });
  socket.on('delivery', (frame) => {
    degraded = frame.degraded === true;
    render();
  });
}
