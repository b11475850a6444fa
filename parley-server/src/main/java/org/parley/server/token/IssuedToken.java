package org.parley.server.token;

/**
 * A token just created: the only time its secret {@link #token()} exists outside its holder's hands.
 *
 * @param token send as {@code Authorization: Bearer <token>}
 */
public record IssuedToken(long id, String name, String token) {}
