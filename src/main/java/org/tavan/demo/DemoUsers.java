package org.tavan.demo;

import java.util.List;

import org.tavan.audit.Actor;
import org.tavan.auth.Scope;
import org.tavan.auth.Users;

/**
 * One demo account per role, so every home screen can be tried. Distribution has a national
 * officer (head office: sees the whole demo registry) and a provincial one in Tehran, who sees
 * only Tehran's people, proposals and cases, as an officer in a provincial office would.
 */
final class DemoUsers {

    static final String PASSWORD = "tavan-demo";

    record Account(String username, String displayName, String role, Scope scope) {

        /** As the start-up banner shows it. */
        String describe() {
            return scope.national() ? role : role + ", provinces " + String.join(" ", scope.provinces());
        }
    }

    static final List<Account> ACCOUNTS = List.of(
            new Account("floor", "مریم احمدی", "floor", Scope.NATIONAL),
            new Account("technician", "رضا کریمی", "technician", Scope.NATIONAL),
            new Account("quality", "سارا محمدی", "quality", Scope.NATIONAL),
            new Account("officer", "علی رضایی", "distribution", Scope.NATIONAL),
            new Account("officer-tehran", "نرگس تهرانی", "distribution", Scope.of(false, List.of("08"), List.of())));

    private DemoUsers() {
    }

    static void create(Users users, Actor actor) {
        for (Account account : ACCOUNTS) {
            users.create(new Users.NewUser(account.username(), account.displayName(), PASSWORD,
                    List.of(account.role()), "fa", account.scope().request()), actor);
        }
    }
}
