package dev.tokenmanager.admin;

import dev.tokenmanager.account.Account;

/** A user as the administration lists it: the account and how many live sessions and tokens it has. */
public record UserSummary(Account account, long activeSessions) {
}
