package org.parley.server.admin;

/** The user admin's forms, bound by Spring MVC (mutable beans, as Thymeleaf's {@code th:field} needs). */
final class UserForms {

    private UserForms() {}

    /** Create a user. */
    public static class NewUser {
        private String username = "";
        private String password = "";
        private boolean staff;

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public boolean isStaff() {
            return staff;
        }

        public void setStaff(boolean staff) {
            this.staff = staff;
        }
    }

    /** Set a new password. */
    public static class Password {
        private String password = "";

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }
    }

    /** Create an API token. */
    public static class Token {
        private String name = "";

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }
}
