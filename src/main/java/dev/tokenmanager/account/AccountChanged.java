package dev.tokenmanager.account;

/** CDI event: an account's state or groups changed (fired inside the changing transaction). */
public record AccountChanged(String accountId) {
}
