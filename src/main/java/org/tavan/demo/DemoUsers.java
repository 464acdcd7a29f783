package org.tavan.demo;

import java.util.List;

import org.tavan.audit.Actor;
import org.tavan.auth.Users;

/** One demo account per role, so every home screen can be tried. */
final class DemoUsers {

    static final String PASSWORD = "tavan-demo";

    record Account(String username, String displayName, String role) {
    }

    static final List<Account> ACCOUNTS = List.of(
            new Account("floor", "مریم احمدی", "floor"),
            new Account("technician", "رضا کریمی", "technician"),
            new Account("quality", "سارا محمدی", "quality"),
            new Account("officer", "علی رضایی", "distribution"));

    private DemoUsers() {
    }

    static void create(Users users, Actor actor) {
        for (Account account : ACCOUNTS) {
            users.create(new Users.NewUser(account.username(), account.displayName(), PASSWORD,
                    List.of(account.role()), "fa"), actor);
        }
    }
}
