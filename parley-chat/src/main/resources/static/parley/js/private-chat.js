// Parley's port of django-private-chat's dialogs page script, in plain JavaScript (jQuery and scrollMonitor
// cannot be fetched at run time). It sends the original's packets in the original's order and reacts to
// the frames the same way. Names and texts in frames arrive HTML-escaped, because the original page inserts
// them as HTML; this page does the same, and compares names in their escaped form.
(function () {
    'use strict';

    var root = document.getElementById('private-chat');
    if (!root) {
        return;
    }

    function esc(text) {
        return String(text)
            .replace(/&/g, '&amp;')
            .replace(/</g, '&lt;')
            .replace(/>/g, '&gt;')
            .replace(/"/g, '&quot;')
            .replace(/'/g, '&#39;');
    }

    var base_ws_server_path = root.dataset.wsServerPath;
    var session_key = root.dataset.sessionKey;
    var rawOpponent = root.dataset.opponentUsername || '';
    var opponent_username = esc(rawOpponent);
    var owner_username = esc(document.getElementById('owner_username').value);
    var websocket = null;
    var monitor = null;
    var typingTimer = null;

    // #user-<name> buttons by escaped name (ids hold the raw name).
    var buttons = {};
    document.querySelectorAll('a[id^="user-"]').forEach(function (a) {
        buttons[esc(a.id.substring('user-'.length))] = a;
    });

    function send(packet) {
        if (websocket && websocket.readyState === WebSocket.OPEN) {
            websocket.send(JSON.stringify(packet));
        }
    }

    // Read receipts fire when an unread message of the opponent scrolls into view (the original used
    // scrollMonitor on the #messages container).
    function initReadMessageHandler(elem) {
        if (!monitor || !elem) {
            return;
        }
        monitor.observe(elem);
    }

    function initScrollMonitor() {
        var observer = new IntersectionObserver(function (entries) {
            entries.forEach(function (entry) {
                if (!entry.isIntersecting) {
                    return;
                }
                var elem = entry.target;
                observer.unobserve(elem);
                elem.classList.remove('msg-unread');
                elem.classList.add('msg-read');
                send({
                    type: 'read_message',
                    session_key: session_key,
                    username: rawOpponent,
                    message_id: Number(elem.dataset.id)
                });
            });
        }, {root: document.getElementById('messages')});
        monitor = observer;
        document.querySelectorAll('#messages .msg-unread.opponent').forEach(initReadMessageHandler);
    }

    function addNewMessage(packet) {
        var msg_class = packet.sender_name === owner_username ? 'pull-left' : 'pull-right';
        var row = document.createElement('div');
        row.className = 'row msg-unread' + (packet.sender_name === opponent_username ? ' opponent' : '');
        row.dataset.id = packet.message_id;
        // Every value is escaped by the server; the markup is the original's.
        row.innerHTML = '<p class="' + msg_class + '">' +
            '<span class="username">' + packet.sender_name + ': </span>' +
            packet.message +
            ' <span class="timestamp">&ndash; <span data-livestamp="' + packet.created + '"> ' +
            packet.created + '</span></span> ' +
            '</p> ';
        document.getElementById('messages').appendChild(row);
        scrollToLastMessage();
        return row;
    }

    function scrollToLastMessage() {
        var msgs = document.getElementById('messages');
        if (msgs) {
            msgs.scrollTo({top: msgs.scrollHeight, behavior: 'smooth'});
        }
    }

    function setUserOnlineOffline(username, online) {
        var elem = buttons[username];
        if (elem) {
            elem.className = online ? 'btn btn-success' : 'btn btn-danger';
        }
    }

    function show(id, visible) {
        var elem = document.getElementById(id);
        if (elem) {
            elem.style.display = visible ? '' : 'none';
        }
    }

    function gone_online() {
        show('offline-status', false);
        show('online-status', true);
    }

    function gone_offline() {
        show('online-status', false);
        show('offline-status', true);
    }

    function flash_user_button(username) {
        var btn = buttons[username];
        if (btn) {
            btn.classList.remove('flash');
            void btn.offsetWidth; // restart the animation
            btn.classList.add('flash');
        }
    }

    function opponentTyping() {
        var typing = document.getElementById('typing-text');
        typing.hidden = false;
        typing.style.opacity = '1';
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () {
            typing.style.opacity = '0';
            typingTimer = setTimeout(function () {
                typing.hidden = true;
            }, 500);
        }, 3000);
    }

    // Parley sends new-dialog when a dialog starts (the original never did): add the partner's button.
    function addDialogButton(packet) {
        var other = packet.owner === owner_username ? packet.opponent : packet.owner;
        if (buttons[other]) {
            return;
        }
        var div = document.createElement('div');
        div.innerHTML = other; // escaped by the server: this yields the raw name
        var raw = div.textContent;
        var a = document.createElement('a');
        a.href = root.dataset.dialogPath + encodeURIComponent(raw);
        a.id = 'user-' + raw;
        a.className = 'btn btn-danger';
        a.textContent = root.dataset.chatWith + ' ' + raw;
        var li = document.createElement('li');
        li.appendChild(a);
        document.getElementById('user-list').appendChild(li);
        buttons[other] = a;
    }

    function onPacket(packet) {
        switch (packet.type) {
            case 'new-dialog':
                addDialogButton(packet);
                break;
            case 'user-not-found':
                break;
            case 'gone-online':
                if (packet.usernames.indexOf(opponent_username) !== -1) {
                    gone_online();
                } else {
                    gone_offline();
                }
                packet.usernames.forEach(function (name) {
                    setUserOnlineOffline(name, true);
                });
                break;
            case 'gone-offline':
                if (packet.username === opponent_username) {
                    gone_offline();
                }
                setUserOnlineOffline(packet.username, false);
                break;
            case 'new-message':
                if (packet.sender_name === opponent_username || packet.sender_name === owner_username) {
                    var row = addNewMessage(packet);
                    if (packet.sender_name === opponent_username) {
                        initReadMessageHandler(row);
                    }
                } else {
                    flash_user_button(packet.sender_name);
                }
                break;
            case 'opponent-typing':
                opponentTyping();
                break;
            case 'opponent-read-message':
                if (packet.username === opponent_username) {
                    var read = document.querySelector("div[data-id='" + packet.message_id + "']");
                    if (read) {
                        read.classList.remove('msg-unread');
                        read.classList.add('msg-read');
                    }
                }
                break;
            default:
                console.log('error: ', packet);
        }
    }

    function setupChatWebSocket() {
        websocket = new WebSocket(base_ws_server_path + session_key + '/' + encodeURIComponent(rawOpponent));
        websocket.onopen = function () {
            send({type: 'online', session_key: session_key});
            send({type: 'check-online', session_key: session_key, username: rawOpponent});
            initScrollMonitor();
        };
        window.onbeforeunload = function () {
            send({type: 'offline', session_key: session_key, username: rawOpponent});
            websocket.close();
        };
        websocket.onmessage = function (event) {
            var packet;
            try {
                packet = JSON.parse(event.data);
            } catch (e) {
                console.log(e);
                return;
            }
            onPacket(packet);
        };
    }

    function sendMessage(message) {
        send({type: 'new-message', session_key: session_key, username: rawOpponent, message: message});
    }

    if (!rawOpponent) {
        return; // the empty state: no dialog, no socket
    }

    var input = document.getElementById('chat-message');
    input.addEventListener('keypress', function (e) {
        if (e.key === 'Enter' && this.value) {
            sendMessage(this.value);
            this.value = '';
            e.preventDefault();
        } else {
            send({type: 'is-typing', session_key: session_key, username: rawOpponent, typing: true});
        }
    });
    document.getElementById('btn-send-message').addEventListener('click', function () {
        if (!input.value) {
            return;
        }
        sendMessage(input.value);
        input.value = '';
    });

    setupChatWebSocket();
    scrollToLastMessage();
})();
