package com.bank.auth.payments.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.bank.auth.payments.model.Account;
import com.bank.auth.payments.model.AccountView;

/** The caller's own accounts. */
@Path("/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("USER")
public class AccountResource {

    private final JsonWebToken token;

    AccountResource(JsonWebToken token) {
        this.token = token;
    }

    @GET
    public List<AccountView> list() {
        return Account.ownedBy(token.getSubject()).stream().map(AccountView::of).toList();
    }
}
