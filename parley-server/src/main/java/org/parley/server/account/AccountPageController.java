package org.parley.server.account;

import org.parley.server.ServerProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Login and sign-up pages. Spring Security itself handles the login POST and logout. */
@Controller
public class AccountPageController {

    private final AccountService accounts;
    private final ServerProperties properties;

    public AccountPageController(AccountService accounts, ServerProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    /** The home page of a logged-in user is the rooms page, which links to the dialogs. */
    @GetMapping("/")
    public String home() {
        return "redirect:/rooms/";
    }

    @GetMapping("/login")
    public String login(Model model) {
        model.addAttribute("signupEnabled", properties.signupEnabled());
        return "account/login";
    }

    @GetMapping("/signup")
    public String signupForm() {
        requireSignup();
        return "account/signup";
    }

    @PostMapping("/signup")
    public String signup(
            @RequestParam String username,
            @RequestParam String password,
            @RequestParam String confirm,
            Model model,
            RedirectAttributes redirect) {
        requireSignup();
        String problem = accounts.problemWith(username, password);
        if (problem == null && !password.equals(confirm)) {
            problem = "account.error.passwordsDiffer";
        }
        if (problem != null) {
            model.addAttribute("username", username);
            model.addAttribute("problem", problem);
            return "account/signup";
        }
        accounts.create(username, password, false);
        redirect.addFlashAttribute("registered", username);
        return "redirect:/login";
    }

    private void requireSignup() {
        if (!properties.signupEnabled()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
