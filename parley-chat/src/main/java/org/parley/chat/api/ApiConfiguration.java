package org.parley.chat.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The read API every logged-in user has ({@code /api/me}, {@code /api/dialogs}, {@code /api/rooms}) and the
 * problem-detail errors of all Parley JSON endpoints. The same access rules as the pages apply: a dialog is
 * reached through {@code DialogAccess}, a room through {@code RoomAccess}.
 */
@Configuration(proxyBeanMethods = false)
@Import({ApiErrors.class, ApiNotFound.class, MeApi.class, DialogApi.class, RoomApi.class})
public class ApiConfiguration {}
