// Parley's port of the Channels multichat tutorial's page script, in plain JavaScript (jQuery and
// ReconnectingWebSocket cannot be fetched at run time). It sends the original's commands and handles the
// frames exactly as the original did, inserting them as HTML: the server HTML-escapes every username,
// title and message for this client (docs/protocol.md, "Channels multichat compatibility"). The three
// texts the original had in its script come from the page (messages*.properties).
(function () {
    'use strict';

    var root = document.getElementById('multichat');
    if (!root) {
        return;
    }
    var texts = root.dataset;

    // Correctly decide between ws:// and wss://
    var ws_scheme = window.location.protocol == "https:" ? "wss" : "ws";
    // Parley: the socket may be on the chat port of the same host (data-port).
    var ws_host = root.dataset.port ? window.location.hostname + ':' + root.dataset.port : window.location.host;
    var ws_path = ws_scheme + '://' + ws_host + root.dataset.path;

    // ReconnectingWebSocket's behaviour: reconnect after 1 s, 1.5 times longer after each failed try,
    // at most 30 s apart.
    var socket = null;
    var delay = 1000;
    function connect() {
        socket = new WebSocket(ws_path);
        socket.onopen = function () {
            delay = 1000;
            document.body.dataset.connection = 'open';
            console.log("Connected to chat socket");
        };
        socket.onclose = function () {
            document.body.dataset.connection = 'reconnecting';
            console.log("Disconnected from chat socket");
            setTimeout(connect, delay);
            delay = Math.min(delay * 1.5, 30000);
        };
        socket.onmessage = onmessage;
    }
    function send(frame) {
        if (socket && socket.readyState === WebSocket.OPEN) {
            socket.send(JSON.stringify(frame));
        }
    }

    function onmessage(message) {
        var data = JSON.parse(message.data);
        // Handle errors
        if (data.error) {
            alert(data.error);
            return;
        }
        // Handle joining
        if (data.join) {
            var roomdiv = document.createElement('div');
            roomdiv.className = 'room';
            roomdiv.id = 'room-' + data.join;
            roomdiv.insertAdjacentHTML('beforeend',
                "<h2>" + data.title + "</h2>" +
                "<div class='messages'></div>" +
                "<form><input><button>" + texts.sendText + "</button></form>");
            // Hook up send button to send a message
            roomdiv.querySelector('form').addEventListener('submit', function (event) {
                event.preventDefault();
                var input = roomdiv.querySelector('input');
                send({"command": "send", "room": data.join, "message": input.value});
                input.value = "";
            });
            document.getElementById('chats').appendChild(roomdiv);
        // Handle leaving
        } else if (data.leave) {
            var gone = document.getElementById('room-' + data.leave);
            if (gone) {
                gone.remove();
            }
        // Handle getting a message
        } else if (data.message || data.msg_type != 0) {
            var msgdiv = document.querySelector('#room-' + data.room + ' .messages');
            var ok_msg = "";
            switch (data.msg_type) {
                case 0:
                    ok_msg = "<div class='message'>" +
                        "<span class='username'>" + data.username + "</span>" +
                        "<span class='body'>" + data.message + "</span>" +
                        "</div>";
                    break;
                case 1:
                    ok_msg = "<div class='contextual-message text-warning'>" + data.message + "</div>";
                    break;
                case 2:
                    ok_msg = "<div class='contextual-message text-danger'>" + data.message + "</div>";
                    break;
                case 3:
                    ok_msg = "<div class='contextual-message text-muted'>" + data.message + "</div>";
                    break;
                case 4:
                    ok_msg = "<div class='contextual-message text-muted'>" + data.username +
                        " " + texts.joinedText + "</div>";
                    break;
                case 5:
                    ok_msg = "<div class='contextual-message text-muted'>" + data.username +
                        " " + texts.leftText + "</div>";
                    break;
                default:
                    console.log("Unsupported message type!");
                    return;
            }
            if (msgdiv) {
                msgdiv.insertAdjacentHTML('beforeend', ok_msg);
                msgdiv.scrollTop = msgdiv.scrollHeight;
            }
        } else {
            console.log("Cannot handle message!");
        }
    }

    // Says if we joined a room or not by if there's a div for it
    function inRoom(roomId) {
        return document.getElementById('room-' + roomId) !== null;
    }

    // Room join/leave
    document.querySelectorAll('li.room-link').forEach(function (li) {
        li.addEventListener('click', function () {
            var roomId = li.getAttribute('data-room-id');
            if (inRoom(roomId)) {
                li.classList.remove('joined');
                send({"command": "leave", "room": roomId});
            } else {
                li.classList.add('joined');
                send({"command": "join", "room": roomId});
            }
        });
    });

    connect();
})();
