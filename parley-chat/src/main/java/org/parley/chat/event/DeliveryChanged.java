package org.parley.chat.event;

/**
 * This node lost ({@code degraded}) or regained its link to the other nodes. Node-local: the dispatcher
 * tells every local socket, so clients know to fetch what they missed (history after their last message
 * id) once delivery is back. Never published through a broker.
 */
public record DeliveryChanged(boolean degraded) implements ChatEvent {}
