package org.parley.chat.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The admin's start page: its sections and the API documentation. */
@Controller
@AdminPage
public class AdminHomeController {

    @GetMapping({"/admin", "/admin/"})
    public String home() {
        return "parley/admin/index";
    }
}
