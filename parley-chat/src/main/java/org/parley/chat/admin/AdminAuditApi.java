package org.parley.chat.admin;

import org.parley.chat.api.ParleyApi;
import org.parley.chat.system.ParleyProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin API: the audit log, newest first. Staff only. */
@RestController
@ParleyApi
@RequestMapping("/api/admin/audit")
public class AdminAuditApi {

    private final AuditLog audit;
    private final ParleyProperties properties;

    public AdminAuditApi(AuditLog audit, ParleyProperties properties) {
        this.audit = audit;
        this.properties = properties;
    }

    /** @param action an action code such as {@code message.removed} */
    @GetMapping
    public KeysetPage<AuditEntry> list(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Integer size) {
        return audit.page(actor, action, before, after, AdminFilters.size(size, properties.admin()));
    }
}
